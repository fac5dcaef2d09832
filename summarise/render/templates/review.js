(function () {
  "use strict";
  var current = [];
  function show(key, scroll) {
    current.forEach(function (el) { el.classList.remove("flash"); });
    var marks = document.querySelectorAll('mark[data-span="' + key + '"]');
    current = Array.prototype.slice.call(marks);
    if (!current.length) { return; }
    current.forEach(function (el) { void el.offsetWidth; el.classList.add("flash"); });
    if (scroll) { current[0].scrollIntoView({ block: "center" }); }
    current[0].focus({ preventScroll: true });
  }
  function fromHash() {
    var match = /^#span-(\d+-\d+)$/.exec(window.location.hash);
    if (match) { show(match[1], true); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-span]") : null;
    if (!link) { return; }
    event.preventDefault();
    var hash = "#span-" + link.getAttribute("data-span");
    if (window.location.hash === hash) { show(link.getAttribute("data-span"), true); }
    else { window.location.hash = hash; }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
