/* summarise serve: keys and text selection on top of plain forms (which work without this). */
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var facts = Array.prototype.slice.call(document.querySelectorAll("li.fact"));
  var lastSelection = null;
  var TONES = { accepted: "green", rejected: "red", corrected: "blue", added: "blue" };

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function remember() {
    var sel = window.getSelection();
    if (!text || !sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var start = offsetIn(text, range.startContainer, range.startOffset);
    var end = offsetIn(text, range.endContainer, range.endOffset);
    lastSelection = { text: range.toString(), start: start, end: end };
  }
  document.addEventListener("selectionchange", remember);

  Array.prototype.forEach.call(document.querySelectorAll("[data-use-selection]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      if (!lastSelection) { return; }
      if (b.getAttribute("data-use-selection") === "speaker") {
        b.form.querySelector("[data-role=speaker]").value = lastSelection.text.trim();
        return;
      }
      var box = b.closest("[data-span-fields]");
      box.querySelector("[data-role=span-text]").value = lastSelection.text;
      box.querySelector("[data-role=span-start]").value = String(lastSelection.start);
      box.querySelector("[data-role=span-end]").value = String(lastSelection.end);
    });
  });

  function progress(done, total) {
    var p = document.querySelector("#progress strong");
    if (p) { p.textContent = done + " of " + total + " facts reviewed"; }
  }

  function decide(li, action) {
    var form = li.querySelector('form[data-action="' + action + '"]');
    if (!form) { return; }
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (r) { return r.json().then(function (b) { return [r.ok, b]; }); })
      .then(function (res) {
        var tag = li.querySelector("[data-role=status]");
        if (!res[0]) { tag.textContent = "Not saved: " + (res[1].detail || "error"); return; }
        var status = res[1].status;
        tag.textContent = status.charAt(0).toUpperCase() + status.slice(1) + " by you";
        tag.className = "tag fact__status tag--" + (TONES[status] || "grey");
        li.className = li.className.replace(/fact--\w+/, "fact--" + status);
        progress(res[1].reviewed, res[1].total);
        li.focus();
      });
  }

  function move(step) {
    if (!facts.length) { return; }
    var active = document.activeElement;
    var at = facts.indexOf(active.closest ? active.closest("li.fact") : null);
    var next = at < 0 ? 0 : Math.min(Math.max(at + step, 0), facts.length - 1);
    facts[next].focus();
    facts[next].scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") { return; }
    var li = e.target.closest ? e.target.closest("li.fact") : null;
    if (e.key === "j") { e.preventDefault(); move(1); }
    else if (e.key === "k") { e.preventDefault(); move(-1); }
    else if ((e.key === "a" || e.key === "r") && li) {
      e.preventDefault();
      decide(li, e.key === "a" ? "accept" : "reject");
    }
  });

  if (text) {
    text.addEventListener("click", function (e) {
      var mark = e.target.closest ? e.target.closest("mark[data-span]") : null;
      if (!mark || !window.getSelection().isCollapsed) { return; }
      var span = mark.getAttribute("data-span");
      var li = document.querySelector('li.fact[data-span="' + span + '"]');
      if (li) { li.focus(); li.scrollIntoView({ block: "nearest" }); }
    });
  }
}());
