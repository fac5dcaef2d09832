"""The rendered pages in a real browser: Debian's Chromium, headless, driven by Playwright.

Never downloads a browser. Without /usr/bin/chromium or the playwright package the tests skip,
except under CI=true, where they fail so a broken CI image cannot pass silently. Pages are
served from a throwaway output folder laid out as the CLI writes it, over a localhost server.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarise.models import ArticleSummary, CouncilBriefing, Span
from summarise.render import (
    render_html,
    render_index,
    render_markdown,
    render_review_page,
)

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURES = Path(__file__).parent / "fixtures" / "render"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
JOINT = "westshire-2001-joint-review"
STARS = "westshire-2004-star-rating"
EVIL = (
    "<script>window.__xss = 1; alert(1)</script>\n"
    '<img src=x onerror="window.__xss = 2; alert(2)">\n'
    '<a href="javascript:window.__xss=3;alert(3)">click me</a>'
)


def _need_browser() -> Any:
    """The playwright sync API, or skip (fail under CI) when the browser stack is missing."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    sync_api: Any = None
    try:
        from playwright import sync_api
    except ImportError:
        problems.append("playwright is not installed (pip install playwright)")
    if problems:
        message = "browser tests need Debian's Chromium and playwright: " + "; ".join(problems)
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return sync_api


def _write_site(root: Path) -> None:
    """OUT/ as the CLI lays it out, plus an article and a briefing full of injected markup."""
    briefings, articles = root / "briefings", root / "articles"
    briefings.mkdir(parents=True)
    articles.mkdir()
    briefing = CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )
    for article_id in (JOINT, STARS):
        summary = ArticleSummary.model_validate_json(
            (FIXTURES / "articles" / f"{article_id}.json").read_text(encoding="utf-8")
        )
        text = (FIXTURES / "articles" / f"{article_id}.clean.txt").read_text(encoding="utf-8")
        page = render_review_page(summary, text, article_id=article_id)
        (articles / f"{article_id}.review.html").write_text(page, encoding="utf-8")
    (briefings / "westshire.html").write_text(render_html(briefing), encoding="utf-8")
    (briefings / "westshire.md").write_text(render_markdown(briefing), encoding="utf-8")

    # the same pages with hostile article text everywhere it can reach
    summary = ArticleSummary.model_validate_json(
        (FIXTURES / "articles" / f"{JOINT}.json").read_text(encoding="utf-8")
    )
    text = f"Before.\n{EVIL}\nAfter."
    span = Span(start=8, end=8 + len(EVIL), text=EVIL)
    quote = summary.quotes[0].model_copy(update={"speaker": EVIL, "text": EVIL, "span": span})
    evil_summary = summary.model_copy(
        update={
            "source": summary.source.model_copy(update={"title": EVIL}),
            "summary": EVIL,
            "quotes": [quote],
            "judgements": [],
            "strengths": [],
            "concerns": [],
            "recommendations": [],
            "figures": [],
        }
    )
    (articles / "evil.review.html").write_text(
        render_review_page(evil_summary, text, article_id="evil"), encoding="utf-8"
    )
    evil_quote = briefing.quotes[0].model_copy(
        update={"speaker": EVIL, "text": EVIL, "span": span, "source_id": "evil"}
    )
    evil_briefing = briefing.model_copy(
        update={
            "council": briefing.council.model_copy(update={"name": EVIL}),
            "headline": EVIL,
            "quotes": [evil_quote],
            "strengths": [briefing.strengths[0].model_copy(update={"text": EVIL})],
        }
    )
    (briefings / "evil.html").write_text(render_html(evil_briefing), encoding="utf-8")
    _, index_html = render_index([briefing, evil_briefing], slugs=["westshire", "evil"])
    (root / "index.html").write_text(index_html, encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """`root` over HTTP on a port the OS picks, as a browser would fetch the written files."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("out")
    _write_site(root)
    with serve_folder(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = _need_browser()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors, page errors, failed requests and dialogs."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.page = browser.new_page(**options)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.on(
            "response",
            lambda r: self.errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None,
        )
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser, viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def flashed_text(page: Any) -> str:
    return str(
        page.evaluate(
            "() => Array.from(document.querySelectorAll('mark.flash'))"
            ".map(m => m.textContent).join('')"
        )
    )


@pytest.mark.parametrize(
    "path",
    [
        "/index.html",
        "/briefings/westshire.html",
        f"/articles/{JOINT}.review.html",
        f"/articles/{STARS}.review.html",
    ],
)
def test_pages_load_cleanly(site: str, watched: Watched, path: str) -> None:
    watched.page.goto(site + path)
    watched.page.wait_for_load_state("load")
    assert watched.page.title()
    assert watched.errors == []


def test_clicking_a_quote_flashes_its_span(site: str, watched: Watched) -> None:
    summary = ArticleSummary.model_validate_json(
        (FIXTURES / "articles" / f"{JOINT}.json").read_text(encoding="utf-8")
    )
    quote = summary.quotes[0]
    page = watched.page
    page.goto(f"{site}/articles/{JOINT}.review.html")
    key = f"{quote.span.start}-{quote.span.end}"
    page.click(f'aside a[data-span="{key}"]')
    page.wait_for_selector("mark.flash")
    assert flashed_text(page) == quote.span.text
    assert page.evaluate("location.hash") == f"#span-{key}"
    assert page.evaluate("document.activeElement.id") == f"span-{key}"
    assert page.locator(f"#span-{key}").is_visible()
    box = page.locator(f"#span-{key}").bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    # a second item moves the flash; the first stops flashing
    figure = summary.figures[0].span
    page.click(f'aside a[data-span="{figure.start}-{figure.end}"]')
    assert flashed_text(page) == figure.text
    assert watched.errors == []


def test_a_split_span_flashes_all_its_fragments(site: str, watched: Watched) -> None:
    summary = ArticleSummary.model_validate_json(
        (FIXTURES / "articles" / f"{JOINT}.json").read_text(encoding="utf-8")
    )
    crossing = summary.concerns[1].evidence
    page = watched.page
    page.goto(f"{site}/articles/{JOINT}.review.html")
    page.click(f'aside a[data-span="{crossing.start}-{crossing.end}"]')
    assert page.locator("mark.flash").count() == 2
    assert flashed_text(page) == crossing.text


def test_briefing_links_land_on_the_span(site: str, watched: Watched) -> None:
    briefing = CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )
    quote = briefing.quotes[0]
    page = watched.page
    page.goto(f"{site}/briefings/westshire.html")
    anchor = f"span-{quote.span.start}-{quote.span.end}"
    page.locator(f'section[aria-labelledby="quotes"] a.cite[href$="#{anchor}"]').click()
    page.wait_for_url(f"**/{quote.source_id}.review.html#{anchor}")
    page.wait_for_selector("mark.flash")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert flashed_text(page) == quote.span.text
    assert watched.errors == []


def test_injected_markup_stays_text(site: str, watched: Watched) -> None:
    page = watched.page
    for path in ("/articles/evil.review.html", "/briefings/evil.html", "/index.html"):
        page.goto(site + path)
        page.wait_for_load_state("load")
        for link in page.locator('main a[href^="#"]').all():  # in-page links only
            link.click()
        page.wait_for_timeout(100)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("img").count() == 0, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
        assert "<script>window.__xss = 1; alert(1)</script>" in page.inner_text("main"), path
    assert watched.dialogs == []
    assert watched.errors == []


def test_skip_link_is_first_and_visible_on_focus(site: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site}/briefings/westshire.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["height"] > 20
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_print_layout_drops_screen_only_parts(site: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site}/briefings/westshire.html")
    page.emulate_media(media="print")
    assert page.locator("nav.contents").is_hidden()
    assert page.locator("h1").is_visible()


def test_each_page_fits_its_viewport_and_shows_its_content(site: str, browser: Any) -> None:
    """At desktop and phone widths: the heading and first fact are on screen, nothing overflows
    sideways. The screenshots are kept in test-artifacts/ for a person to look at."""
    briefing = CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )
    review = ArticleSummary.model_validate_json(
        (FIXTURES / "articles" / f"{JOINT}.json").read_text(encoding="utf-8")
    )
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {
        "briefing.png": ("/briefings/westshire.html", 1100, briefing.council.name),
        "briefing-mobile.png": ("/briefings/westshire.html", 375, briefing.council.name),
        "review.png": (f"/articles/{JOINT}.review.html", 1400, review.source.title),
    }
    for name, (path, width, heading) in shots.items():
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(site + path)
        assert page.inner_text("h1") == heading, name
        box = page.locator("h1").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, name
        assert 0 <= box["y"] < 900, name  # above the fold
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        if path.startswith("/briefings/"):
            assert briefing.headline in page.inner_text("main"), name
        else:
            first = review.quotes[0].span
            mark = page.locator(f"#span-{first.start}-{first.end}")
            assert mark.inner_text() == first.text, name
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        page.close()
