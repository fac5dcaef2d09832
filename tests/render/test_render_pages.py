"""Rendered pages are accessible, self-contained and printable."""

from __future__ import annotations

import hashlib
import itertools
import re
from typing import Any

import lxml.html
from render_helpers import flat

from summarise.models import (
    CouncilBriefing,
)
from summarise.render import (
    render_html,
    render_index,
)
from summarise.render.templating import asset

# --- accessible, self-contained, printable ---------------------------------------------------


def _headings(tree: Any) -> list[int]:
    return [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def _pages(briefing: CouncilBriefing, review_pages: dict[str, str]) -> dict[str, str]:
    _index_md, index_html = render_index([briefing], slugs=["westshire"])
    return {"briefing": render_html(briefing), "index": index_html, **review_pages}


def test_html_pages_are_accessible_and_self_contained(
    briefing: CouncilBriefing, review_pages: dict[str, str]
) -> None:
    for name, page in _pages(briefing, review_pages).items():
        assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">'), name
        tree = lxml.html.fromstring(page)
        # landmarks and skip link
        assert len(tree.xpath("//header")) == 1 and len(tree.xpath("//footer")) == 1, name
        assert tree.xpath('//main[@id="main-content"]'), name
        first_link = tree.xpath("//body//a")[0]
        assert first_link.get("href") == "#main-content" and "skip-link" in first_link.get("class")
        # headings start at h1 and never skip a level
        levels = _headings(tree)
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)
        # tables: every th has a scope
        assert all(th.get("scope") in {"col", "row"} for th in tree.iter("th")), name
        # every link has words (visible or for screen readers)
        for a in tree.iter("a"):
            assert flat(a.text_content()), (name, lxml.html.tostring(a))
        # ids are unique
        ids = tree.xpath("//@id")
        assert len(ids) == len(set(ids)), name
        # nothing loaded from elsewhere: no external URLs, fonts, images or imports
        for attr in tree.xpath("//@src | //@href"):
            assert not re.match(r"(?i)\s*(https?:|//|javascript:)", attr), (name, attr)
        assert not tree.xpath("//img | //iframe | //object | //embed | //link[@rel='stylesheet']")
        css = "".join(s.text_content() for s in tree.iter("style"))
        assert "@import" not in css and "url(" not in css and "@font-face" not in css
        assert "@media print" in css
        for colour in ("#0b0c0c", "#1d70b8", "#ffdd00", "#b1b4b6"):
            assert colour in css
        assert "Arial" in css


def test_pages_allow_only_their_own_script(
    briefing: CouncilBriefing, review_pages: dict[str, str]
) -> None:
    """The CSP allows exactly the inline script by hash, so the page script must match it."""
    import base64

    for name, page in _pages(briefing, review_pages).items():
        tree = lxml.html.fromstring(page)
        policy = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
        scripts = tree.xpath("//script")
        if name == "briefing" or name == "index":
            assert scripts == [] and "script-src 'none'" in policy
            continue
        assert len(scripts) == 1 and scripts[0].text == asset("review.js")
        digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in policy


def test_judgements_table_has_words_not_just_colours(briefing: CouncilBriefing) -> None:
    tree = lxml.html.fromstring(render_html(briefing))
    table = tree.xpath('//section[@aria-labelledby="judgements"]//table')[0]
    rows = [[flat(c.text_content()) for c in tr.iter("th", "td")] for tr in table.iter("tr")]
    assert rows[0] == ["Aspect", "Judgement", "Date", "Source"]
    assert rows[1][:3] == ["Serving people", "Serving some people well", "June 2001"]
    assert rows[3][:3] == ["Star rating", "2 stars", "November 2004"]
