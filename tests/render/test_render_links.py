"""Briefing renderings are linked: every citation lands on its evidence."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from render_helpers import html_hrefs

from summarise.models import (
    Alignment,
    CouncilBriefing,
    Span,
)
from summarise.render import (
    render_html,
    render_markdown,
    review_href,
    span_anchor,
)

# --- linked: every citation lands on its evidence -------------------------------------------


def _span_links(page_hrefs: list[str]) -> list[tuple[str, str | None]]:
    out = []
    for href in page_hrefs:
        parts = urlsplit(href)
        if not parts.path.startswith("../articles/"):
            continue
        name = unquote(parts.path.removeprefix("../articles/"))
        assert name.endswith(".review.html"), href
        out.append((name.removesuffix(".review.html"), parts.fragment or None))
    return out


def _markdown_hrefs(md: str) -> list[str]:
    return re.findall(r"\]\(<([^>]*)>\)", md)


def _resolve(page: str, anchor: str) -> str:
    """The text an anchor lands on: its element, plus any continuation fragments of a span."""
    tree = lxml.html.fromstring(page)
    found = tree.xpath(f'//*[@id="{anchor}"]')
    assert len(found) == 1, f"{anchor} is not exactly one element"
    key = found[0].get("data-span")
    fragments = tree.xpath(f'//mark[@data-span="{key}"]')
    assert fragments[0] is found[0]
    return "".join(str(f.text_content()) for f in fragments)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_every_link_resolves_to_its_span(
    fmt: str, briefing: CouncilBriefing, review_pages: dict[str, str]
) -> None:
    rendered = render_markdown(briefing) if fmt == "markdown" else render_html(briefing)
    hrefs = _markdown_hrefs(rendered) if fmt == "markdown" else html_hrefs(rendered)
    links = _span_links(hrefs)
    expected: dict[str, str] = {}
    for point in briefing.strengths + briefing.concerns + briefing.recommendations:
        for ref in point.sources:
            expected[span_anchor(ref.span.start, ref.span.end)] = ref.span.text
    for span in [q.span for q in briefing.quotes] + [f.span for f in briefing.figures]:
        expected[span_anchor(span.start, span.end)] = span.text
    for national in briefing.national_context:
        assert national.span is not None
        expected[span_anchor(national.span.start, national.span.end)] = national.span.text

    landed = {}
    for article_id, fragment in links:
        assert article_id in review_pages
        if fragment is not None:
            landed[fragment] = _resolve(review_pages[article_id], fragment)
    assert landed == expected  # every span cited, and each lands on exactly its text
    assert any(fragment is None for _, fragment in links)  # judgements link to the page


def test_crossing_spans_resolve_through_their_fragments(review_pages: dict[str, str]) -> None:
    page = review_pages["westshire-2001-joint-review"]
    tree = lxml.html.fromstring(page)
    first = tree.xpath('//*[@id="span-550-640"]')[0]
    assert first.text_content() == "allocated social worker"  # inside the crossing concern
    assert len(tree.xpath('//mark[@data-span="550-640"]')) == 2
    assert _resolve(page, "span-550-640").endswith("an average of 14 weeks")


def test_review_base_none_links_only_within_the_page(briefing: CouncilBriefing) -> None:
    md = render_markdown(briefing, review_base=None)
    page = render_html(briefing, review_base=None)
    assert "review.html" not in md and "review.html" not in page
    hrefs = html_hrefs(page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    ids = set(lxml.html.fromstring(page).xpath("//@id"))
    assert all(h[1:] in ids for h in hrefs)


def test_review_href_and_anchor() -> None:
    span = Span(start=3, end=8, text="hello")
    assert span_anchor(3, 8) == "span-3-8"
    assert review_href("../articles", "a b", span) == "../articles/a%20b.review.html#span-3-8"
    assert review_href("../articles/", "x") == "../articles/x.review.html"
    assert review_href("", "javascript:alert(1)") == "javascript%3Aalert%281%29.review.html"
    lost = Span(start=0, end=0, text="gone", alignment=Alignment.none)
    assert review_href("..", "x", lost) == "../x.review.html"
