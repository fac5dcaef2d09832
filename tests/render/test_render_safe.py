"""Renderings are safe: article text is data, never markup or script."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from render_helpers import ARTICLE_IDS, XSS, docx_plain, load_article

from summarise.models import (
    BriefingQuote,
    CouncilBriefing,
    NationalPoint,
    Span,
)
from summarise.render import (
    render_docx,
    render_html,
    render_index,
    render_markdown,
    render_review_page,
)

# --- safe: article text is data ---------------------------------------------------------------


def evil_briefing(briefing: CouncilBriefing) -> CouncilBriefing:
    payload = " ".join(XSS)
    span = Span(start=0, end=len(payload), text=payload)
    quote = BriefingQuote(speaker=payload, role=payload, text=payload, span=span, source_id="evil")
    return briefing.model_copy(
        update={
            "council": briefing.council.model_copy(update={"name": "Evil " + XSS[0]}),
            "headline": payload,
            "sources": [
                briefing.sources[0].model_copy(
                    update={"id": "evil", "title": payload, "path": payload}
                )
            ],
            "strengths": [briefing.strengths[0].model_copy(update={"text": payload})],
            "timeline": [briefing.timeline[0].model_copy(update={"event": payload})],
            "quotes": [quote],
            "figures": [briefing.figures[0].model_copy(update={"meaning": payload})],
            "national_context": [NationalPoint(text=payload, source_id="evil", span=span)],
        }
    )


def assert_inert(page: str, own_scripts: int = 0) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert 'href="javascript:' not in page
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//script")) == own_scripts
    assert not tree.xpath("//img | //a[starts-with(@href, 'javascript:')]")
    handlers = [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []


def test_briefing_html_and_index_escape_article_text(briefing: CouncilBriefing) -> None:
    evil = evil_briefing(briefing)
    assert_inert(render_html(evil))
    assert_inert(render_html(evil, review_base=None))
    index_md, index_html = render_index([evil], slugs=["evil"])
    assert_inert(index_html)
    assert re.search(r"(?<!\\)<(?:script|img|a\b)", index_md) is None


def test_markdown_escapes_article_text(briefing: CouncilBriefing) -> None:
    md = render_markdown(evil_briefing(briefing))
    assert re.search(r"(?<!\\)<(?:script|img|a\b)", md) is None  # every tag is backslashed
    assert r"\<script\>alert(1)\</script\>" in md
    assert r'\<a href="javascript:alert(1)"\>x\</a\>' in md


def test_docx_keeps_article_text_as_text(briefing: CouncilBriefing, tmp_path: Path) -> None:
    path = tmp_path / "evil.docx"
    path.write_bytes(render_docx(evil_briefing(briefing)))
    assert XSS[0] in docx_plain(path)


def test_review_page_escapes_article_text() -> None:
    text = "Intro.\n" + "\n".join(XSS) + "\nEnd."
    start = text.index(XSS[0])
    end = text.index("End.") - 1
    summary, _ = load_article(ARTICLE_IDS[0])
    summary = summary.model_copy(
        update={
            "source": summary.source.model_copy(update={"title": XSS[0]}),
            "summary": XSS[1],
            "quotes": [
                summary.quotes[0].model_copy(
                    update={
                        "speaker": XSS[2],
                        "text": text[start:end],
                        "span": Span(start=start, end=end, text=text[start:end]),
                    }
                )
            ],
            "judgements": [],
            "strengths": [],
            "concerns": [],
            "recommendations": [],
            "figures": [],
        }
    )
    page = render_review_page(summary, text, article_id="evil<script>")
    assert_inert(page, own_scripts=1)
    tree = lxml.html.fromstring(page)
    assert tree.xpath('//div[@id="article-text"]')[0].text_content() == text
