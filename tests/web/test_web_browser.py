"""The reviewer's loop in a real browser: Debian's Chromium, through Playwright, driving a real
`summarise serve` on a temporary store (skips without the browser, fails under CI=true)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from summarise.store import webtables
from summarise.store.repo import Store
from summarise.store.users import add_user
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _need_browser
from tests.web.conftest import EXAMPLES, PASSWORD, log_in_page

pytestmark = pytest.mark.browser
NEL = EXAMPLES / "001_244405360186b16d.txt"
SELECT = """(wanted) => {
  const root = document.getElementById("article-text");
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const at = n.data.indexOf(wanted);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(n, at); range.setEnd(n, at + wanted.length);
      const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      document.dispatchEvent(new Event("selectionchange"));
      return true;
    }
  }
  return false;
}"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = Store(url)
    webtables.ensure(store.engine)
    add_user(store, "rita", PASSWORD)
    store.close()
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    env.pop("OPENAI_API_KEY", None)
    cmd = [str(Path(sys.executable).parent / "summarise"), "serve", "--db", url, "--port", "0"]
    cmd += ["--backend", "offline"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert " at http://127.0.0.1:" in line, line
        yield line.rsplit(" at ", 1)[1].strip().rstrip("/")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_review_loop_in_the_browser(server: str, tmp_path: Path) -> None:
    sync_api: Any = _need_browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(accept_downloads=True)
        log_in_page(page, server)

        page.goto(f"{server}/add")
        page.set_input_files("#files", str(NEL))
        page.click("button:has-text('Add')")
        page.wait_for_selector("#job-status:has-text('done')", timeout=60_000)
        assert page.inner_text("#job-outcome") == "ok"
        page.click("#review-link")

        judgement = page.locator("li.fact.item--judgement").first
        judgement.locator(".fact__title").click()
        fact_id = judgement.get_attribute("id")
        assert page.evaluate("document.activeElement.id") == fact_id
        page.keyboard.press("r")
        page.wait_for_selector(f"#{fact_id} [data-role=status]:has-text('Rejected')")
        assert page.evaluate("document.activeElement.id") == fact_id
        assert "1 of" in page.inner_text("#progress")

        quote = page.locator("li.fact.item--quote", has_text="We welcome").first
        quote.locator("summary").click()
        assert page.evaluate(SELECT, "Len Taylor")
        quote.locator("[data-use-selection=speaker]").click()
        assert quote.locator("[data-role=speaker]").input_value() == "Len Taylor"
        quote.locator("button:has-text('Save correction')").click()
        page.wait_for_selector("li.fact.item--quote:has-text('Len Taylor')")

        assert page.evaluate(SELECT, "64 at home")
        add = page.locator("#add-fact")
        add.locator("[data-use-selection=span]").click()
        assert add.locator("[data-role=span-text]").input_value() == "64 at home"
        add.locator("#add-kind").select_option("figure")
        add.locator("#add-meaning").fill("adults supported at home")
        add.locator("button:has-text('Add fact')").click()
        page.wait_for_selector("li.fact--added:has-text('64 at home')")
        assert "3 of" in page.inner_text("#progress")

        page.goto(f"{server}/councils/north-east-lincolnshire")
        main = page.inner_text("main")
        assert "2 of" in main and "facts reviewed" in main  # the rejected one left the briefing
        assert "corrected by rita" in main and "added by rita" in main
        assert "Serving some people well" not in main  # the rejected judgement is gone
        assert "Len Taylor" in main and "64 at home" in main
        with page.expect_download() as info:
            page.click("a:has-text('Word (.docx)')")
        path = info.value.path()
        doc = Document(io.BytesIO(Path(path).read_bytes()))
        text = "\n".join(p.text for p in doc.paragraphs)
        text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
        assert "Len Taylor" in text and "64 at home" in text
        assert "Serving some people well" not in text

        page.goto(f"{server}/add")
        csrf = page.get_attribute("input[name=csrf_token]", "value")
        page.click("button:has-text('Log out')")
        assert "Log in" in page.inner_text("header")
        res = page.request.post(f"{server}/add", form={"csrf_token": csrf or "", "text": "x"})
        assert res.status == 401
        browser.close()
