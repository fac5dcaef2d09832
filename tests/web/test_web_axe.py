"""axe-core (from npm) finds no WCAG 2.2 AA violation on the app's index, a briefing, a review
page and the queue, served by a real `summarise serve` and read by a signed-in reviewer (so the
review forms are on the page too)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarise.extract.offline import OfflineExtractor
from summarise.store import webtables
from summarise.store.ingest import Ingester
from summarise.store.repo import Store
from summarise.store.users import add_user
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _need_browser
from tests.test_browser_layout import AXE, AXE_TAGS
from tests.web.conftest import EXAMPLES, PASSWORD, log_in_page

pytestmark = pytest.mark.browser
PAGES = {
    "index": "/",
    "briefing": "/councils/north-east-lincolnshire",
    "review page": "/articles/001_244405360186b16d",
    "queue": "/queue",
}
RUN_AXE = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
    .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("axe")
    url = f"sqlite:///{tmp / 'store.sqlite'}"
    store = Store(url)
    Ingester(store, OfflineExtractor()).run([EXAMPLES])
    webtables.ensure(store.engine)
    add_user(store, "rita", PASSWORD)
    store.close()
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    env.pop("OPENAI_API_KEY", None)
    cmd = [str(Path(sys.executable).parent / "summarise"), "serve", "--db", url, "--port", "0"]
    proc = subprocess.Popen(cmd + ["--backend", "offline"], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=tmp)  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert " at http://127.0.0.1:" in line, line
        yield line.rsplit(" at ", 1)[1].strip().rstrip("/")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    sync_api: Any = _need_browser()
    if not AXE.exists():
        message = f"{AXE} is missing (npm ci installs axe-core from package.json)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # The app's CSP admits only its own script, so axe is injected with CSP bypassed.
        tab = browser.new_page(bypass_csp=True)
        log_in_page(tab, server)
        yield tab
        browser.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations_in_the_app(server: str, page: Any, name: str) -> None:
    response = page.goto(server + PAGES[name])
    assert response is not None and response.status == 200
    assert page.locator("main h1").count() == 1  # the page itself, not an error page
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE, AXE_TAGS) == []
