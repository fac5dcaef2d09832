"""Briefing renderings are faithful to the CouncilBriefing: the fixtures themselves, nothing that
is not in the briefing, sections and sources, and the edges.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import lxml.html
import pytest
from render_helpers import (
    ARTICLE_IDS,
    CURLY_QUOTE,
    docx_plain,
    flat,
    html_hrefs,
    invented_numbers,
    invented_quotes,
    load_article,
    load_briefing,
    markdown_plain,
)

from summarise.models import (
    Alignment,
    CouncilBriefing,
)
from summarise.render import (
    render_docx,
    render_html,
    render_index,
    render_markdown,
)
from summarise.render.labels import date_label

# --- the fixtures themselves ----------------------------------------------------------------


def test_fixture_spans_index_their_cleaned_text(briefing: CouncilBriefing) -> None:
    texts = {}
    for article_id in ARTICLE_IDS:
        summary, text = load_article(article_id)
        texts[article_id] = text
        assert summary.source.sha256 == hashlib.sha256(text.encode()).hexdigest()
        spans = [j.evidence for j in summary.judgements]
        spans += [
            p.evidence for p in summary.strengths + summary.concerns + summary.recommendations
        ]
        spans += [q.span for q in summary.quotes] + [f.span for f in summary.figures]
        for span in spans:
            if span.alignment != Alignment.none:
                assert text[span.start : span.end] == span.text
    refs = [
        (r.source_id, r.span)
        for p in briefing.strengths + briefing.concerns + briefing.recommendations
        for r in p.sources
    ]
    refs += [(q.source_id, q.span) for q in briefing.quotes]
    refs += [(f.source_id, f.span) for f in briefing.figures]
    refs += [(n.source_id, n.span) for n in briefing.national_context if n.span]
    for source_id, span in refs:
        assert texts[source_id][span.start : span.end] == span.text


# --- faithful: nothing that is not in the briefing ------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_every_number_is_in_the_briefing(
    fmt: str, renderings: dict[str, str], briefing: CouncilBriefing
) -> None:
    plain = renderings[fmt]
    assert invented_numbers(plain, briefing) == set()
    for figure in briefing.figures:  # and the figures are all there
        assert figure.text in plain


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_every_quote_is_in_the_briefing_and_every_briefing_quote_is_shown(
    fmt: str, renderings: dict[str, str], briefing: CouncilBriefing
) -> None:
    plain = renderings[fmt]
    assert invented_quotes(plain, briefing) == []
    shown = [flat(m) for m in CURLY_QUOTE.findall(plain)]
    assert sorted(shown) == sorted(flat(q.text) for q in briefing.quotes)


def test_the_checks_catch_an_invented_number_and_quote(briefing: CouncilBriefing) -> None:
    """Guard the guards: a count or a made-up quote slipped into a rendering is caught."""
    md = render_markdown(briefing) + "\nThere are 99 councils. He said “we made this up”.\n"
    plain = markdown_plain(md)
    assert invented_numbers(plain, briefing) == {"99"}
    assert invented_quotes(plain, briefing) == ["we made this up"]


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_sections_in_order(fmt: str, renderings: dict[str, str]) -> None:
    headings = [
        "Latest judgements",
        "Timeline",
        "Strengths",
        "Concerns",
        "Recommendations",
        "Quotes",
        "Figures",
        "National context",
        "Sources",
    ]
    if fmt == "html":
        tree = lxml.html.fromstring(render_html(load_briefing()))
        assert [h.text_content() for h in tree.iter("h2")] == ["Contents", *headings]
        return
    plain = renderings[fmt]
    positions = [plain.index(h) for h in headings]
    assert positions == sorted(positions)


def test_markdown_cites_sources_by_number(briefing: CouncilBriefing) -> None:
    md = render_markdown(briefing)
    assert md.startswith("# Westshire: social services briefing\n")
    sources = md[md.index("## Sources") :]
    assert (
        "[1] **Westshire social services serving some people well, says joint review**" in sources
    )
    assert "[2] **Westshire rises to two stars**" in sources
    assert "Joint review by Audit Commission and Social Services Inspectorate." in sources
    assert "Path: examples/articles/westshire-2004-star-rating.txt." in sources
    assert "| Serving people | **Serving some people well** | June 2001 | [[1]](" in md
    # every bullet, table row and quote attribution carries at least one citation
    body = md[md.index("## Latest judgements") : md.index("## National context") + 200]
    for line in body.splitlines():
        if line.startswith(("- ", "| ", "> —", "> [")) and not line.startswith(
            ("| Aspect", "| ---", "| Figure")
        ):
            assert re.search(r"\[\[\d+\]\]", line), line
    # quotes grouped by speaker, unnamed last
    assert (
        md.index("### Jane Harlow") < md.index("### Amir Patel") < md.index("### Unnamed speakers")
    )


def test_docx_has_table_bullets_and_sources(briefing: CouncilBriefing, tmp_path: Path) -> None:
    path = tmp_path / "b.docx"
    path.write_bytes(render_docx(briefing))
    document = docx.Document(str(path))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert "Title" in styles and "Heading 1" in styles and "List Bullet" in styles
    judgements = document.tables[0]
    assert [c.text for c in judgements.rows[0].cells] == ["Aspect", "Judgement", "Date", "Source"]
    assert [c.text for c in judgements.rows[1].cells] == [
        "Serving people",
        "Serving some people well",
        "June 2001",
        "[1]",
    ]
    bullets = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"
    ]
    assert all(re.search(r"\[\d+\]$", b) for b in bullets)
    text = docx_plain(path)
    assert "Westshire rises to two stars. Published 25 November 2004." in text


# --- edges ------------------------------------------------------------------------------------


def test_empty_briefing_renders_every_section(tmp_path: Path) -> None:
    empty = CouncilBriefing(
        council={"name": "Nowhere", "gss_code": "E06000099"},  # type: ignore[arg-type]
        generated_at="2024-01-02T00:00:00Z",
        sources=[],
        headline="",
    )
    md = render_markdown(empty)
    assert md.count("None recorded.") == 10  # headline + nine sections
    assert "(GSS code E06000099)" in md
    page = render_html(empty)
    assert page.count("None recorded.") == 10
    (tmp_path / "e.docx").write_bytes(render_docx(empty))
    assert "None recorded." in docx_plain(tmp_path / "e.docx")


def test_a_cited_source_missing_from_the_list_still_gets_a_note(briefing: CouncilBriefing) -> None:
    odd = briefing.model_copy(update={"sources": briefing.sources[:1]})
    md = render_markdown(odd)
    assert "[2] **westshire-2004-star-rating**." in md


def test_index_sorts_links_and_checks_its_arguments(briefing: CouncilBriefing) -> None:
    other = briefing.model_copy(
        update={"council": briefing.council.model_copy(update={"name": "Avonshire"})}
    )
    md, page = render_index([briefing, other], slugs=["westshire", "avon shire"])
    assert md.index("Avonshire") < md.index("Westshire")
    assert "(<briefings/avon%20shire.md>)" in md
    hrefs = html_hrefs(page)
    assert "briefings/westshire.html" in hrefs and "briefings/avon%20shire.docx" in hrefs
    with pytest.raises(ValueError):
        render_index([briefing], slugs=[])
    empty_md, empty_html = render_index([], slugs=[])
    assert "No briefings were written." in empty_md and "No briefings were written." in empty_html


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2001-06-12", "12 June 2001"),
        ("2001-06", "June 2001"),
        ("2001", "2001"),
        (None, "Undated"),
        ("2001-13", "2001-13"),
        ("soon", "soon"),
    ],
)
def test_date_label(value: str | None, label: str) -> None:
    assert date_label(value) == label
