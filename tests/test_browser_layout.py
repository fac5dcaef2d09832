"""Phone widths, accessibility (axe-core), tap targets, the way back and print, in Chromium.

The site is the Westshire fixture with what real sources carry (publisher, long URLs, a linked
official report), written as ``summarise brief`` lays it out. axe-core comes from npm
(``package.json``, installed by ``scripts/test.sh``); without it the axe test skips, except under
CI=true, where it fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURES,
    JOINT,
    STARS,
    _need_browser,
    serve_folder,
)

from summarise.models import ArticleSummary, CouncilBriefing
from summarise.render import render_html, render_index, render_review_page

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
# No hyphens: a browser may break a line at a hyphen, but not inside this.
LONG_URL = "https://www.example.co.uk/news/14122015/" + "failing%E2%80%99services" * 6 + ".html"
REPORT_URL = "https://reports.ofsted.gov.uk/provider/files/1234567/urn/" + "x" * 80 + ".pdf"
PAGES = ["/index.html", "/briefings/westshire.html", f"/articles/{JOINT}.review.html"]
WIDTHS = [320, 390]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _briefing() -> CouncilBriefing:
    briefing = CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )
    sources = [
        s.model_copy(
            update={
                "publisher": "Community Care",
                "url": f"{LONG_URL}?n={i}",
                "report_url": REPORT_URL if i == 0 else None,
            }
        )
        for i, s in enumerate(briefing.sources)
    ]
    return briefing.model_copy(update={"sources": sources})


def _write_site(root: Path) -> None:
    (root / "briefings").mkdir(parents=True)
    (root / "articles").mkdir()
    briefing = _briefing()
    for article_id in (JOINT, STARS):
        summary = ArticleSummary.model_validate_json(
            (FIXTURES / "articles" / f"{article_id}.json").read_text(encoding="utf-8")
        )
        # a long URL in the page's details and in an extracted item's detail line
        figures = [f.model_copy(update={"meaning": LONG_URL}) for f in summary.figures]
        summary = summary.model_copy(
            update={
                "source": summary.source.model_copy(update={"url": LONG_URL}),
                "figures": figures,
            }
        )
        text = (FIXTURES / "articles" / f"{article_id}.clean.txt").read_text(encoding="utf-8")
        page = render_review_page(summary, text, article_id=article_id)
        (root / "articles" / f"{article_id}.review.html").write_text(page, encoding="utf-8")
    (root / "briefings" / "westshire.html").write_text(render_html(briefing), encoding="utf-8")
    _, index_html = render_index([briefing], slugs=["westshire"])
    (root / "index.html").write_text(index_html, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
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


def _open(browser: Any, url: str, width: int, **options: Any) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 800}, **options)
    page.goto(url)
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_on_a_phone(site: str, browser: Any, path: str, width: int) -> None:
    page = _open(browser, site + path, width)
    try:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll}px wide at {width}px"
        if path.startswith("/briefings"):
            assert page.get_by_text(LONG_URL + "?n=0").is_visible()
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(site: str, browser: Any, path: str, width: int) -> None:
    if not AXE.exists():
        message = f"{AXE} is missing (npm ci installs axe-core from package.json)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # The pages' CSP admits only their own script, so axe is injected with CSP bypassed.
    page = _open(browser, site + path, width, bypass_csp=True)
    try:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                .violations.map(
                    v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""",
            AXE_TAGS,
        )
        assert violations == []
    finally:
        page.close()


def test_citation_links_are_named_by_source_and_point(site: str, browser: Any) -> None:
    page = _open(browser, f"{site}/briefings/westshire.html", 390)
    try:
        links = page.evaluate(
            """() => Array.from(document.querySelectorAll('a.cite')).map(a => {
                const box = a.getBoundingClientRect();
                const item = a.closest('li, tr, figure');
                return {name: a.textContent, href: a.getAttribute('href'),
                        item: item ? item.textContent : '', w: box.width, h: box.height};
            })"""
        )
        assert len(links) > 10
        for link in links:
            # "[n]" is shown; the accessible name is "Source n, Publisher, date: point".
            number = re.match(r"\[(\d+)\]", link["name"])
            assert number, link
            spoken = link["name"][number.end() :]
            assert spoken.startswith(f"Source {number.group(1)}, Community Care"), spoken
            assert ": " in spoken and len(spoken.split(": ", 1)[1]) > 3, spoken
            assert link["w"] >= 24 and link["h"] >= 24, link
        # links in different items, or to different sources, never share a name
        by_name: dict[str, set[str]] = {}
        for link in links:
            by_name.setdefault(link["name"], set()).add(link["item"])
        assert all(len(items) == 1 for items in by_name.values())
        assert len(by_name) > len(links) // 2
    finally:
        page.close()


@pytest.mark.parametrize("path", PAGES[1:])
def test_every_page_links_back_to_the_index(site: str, browser: Any, path: str) -> None:
    page = _open(browser, site + path, 320)
    try:
        back = page.get_by_role("link", name="All briefings")
        box = back.bounding_box()
        assert box is not None and box["height"] >= 24
        back.click()
        page.wait_for_url(f"{site}/index.html")
        assert page.locator("h1").inner_text() == "Council social services briefings"
    finally:
        page.close()


def test_print_labels_are_black_on_white(site: str, browser: Any) -> None:
    page = _open(browser, f"{site}/articles/{JOINT}.review.html", 1000)
    try:
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => {
                const out = [];
                const look = (el, pseudo) => {
                    const s = getComputedStyle(el, pseudo);
                    out.push({what: el.className + (pseudo || ''), color: s.color,
                              bg: s.backgroundColor, content: s.content});
                };
                document.querySelectorAll('mark.hl:not(.hl--cont)').forEach(
                    el => look(el, '::before'));
                document.querySelectorAll('.badge, .caption, .secondary, .item__detail')
                    .forEach(el => look(el));
                return out;
            }"""
        )
        labels = [s for s in styles if s["what"].endswith("::before")]
        assert labels and all(s["content"] not in ("none", "normal") for s in labels)
        for s in styles:
            assert s["color"] == "rgb(0, 0, 0)", s
            assert s["bg"] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), s
    finally:
        page.close()
