"""A briefing an officer can file and forward: the Word file read back with python-docx, the
caveat and source details in every format, the report links found at ingestion, and one view
per briefing in ``publish``."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from summarise import publish as publish_module
from summarise.extract.offline import OfflineExtractor
from summarise.ingest.reader import load_article
from summarise.ingest.weblinks import report_url
from summarise.models import CouncilBriefing
from summarise.outputs import Layout
from summarise.pipeline import run_extract
from summarise.publish import load_stored, publish
from summarise.render import render_docx, render_html, render_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "render"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
REPORT = "https://reports.ofsted.gov.uk/provider/44/80449"
CAVEAT = (
    "Compiled from press reporting of inspections, not from the inspection reports themselves; "
    "sources up to 25 November 2004."
)


@pytest.fixture
def briefing() -> CouncilBriefing:
    plain = CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )
    sources = [
        s.model_copy(
            update={
                "publisher": "Community Care",
                "url": f"https://www.communitycare.co.uk/story-{i}",
                "report_url": REPORT if i == 1 else None,
            }
        )
        for i, s in enumerate(plain.sources)
    ]
    return plain.model_copy(update={"sources": sources})


@pytest.fixture
def document(briefing: CouncilBriefing, tmp_path: Path) -> docx.document.Document:
    path = tmp_path / "westshire.docx"
    path.write_bytes(render_docx(briefing))
    return docx.Document(str(path))


def test_word_page_is_a4_and_language_en_gb(document: docx.document.Document) -> None:
    section = document.sections[0]
    size = section._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")  # A4 in twips
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert lang is not None
    assert lang.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"


def test_word_header_and_page_n_of_m_footer(document: docx.document.Document) -> None:
    section = document.sections[0]
    assert section.header.paragraphs[0].text == (
        "Westshire: social services briefing · generated 1 May 2024"
    )
    footer = section.footer.paragraphs[0]
    fields = [f.get(qn("w:instr")).strip() for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Page ") and " of " in footer.text


def test_word_citations_are_hyperlinks_to_review_spans(document: docx.document.Document) -> None:
    links = [link for p in document.paragraphs for link in p.hyperlinks]
    links += [
        link
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for link in p.hyperlinks
    ]
    citations = [link for link in links if link.text.startswith("[")]
    assert len(citations) > 10
    assert all(link.address.startswith("../articles/") for link in citations)
    assert all(".review.html" in link.address for link in citations)
    assert sum("#span-" in link.address for link in citations) > len(citations) // 2
    # the judgements table's citation cell is a link too
    cell = document.tables[0].rows[1].cells[3]
    assert [link.text for link in cell.paragraphs[0].hyperlinks] == ["[1]"]


def test_word_judgement_cells_keep_their_colour(document: docx.document.Document) -> None:
    cell = document.tables[0].rows[1].cells[1]
    assert cell.text == "Serving some people well"
    shading = cell._tc.tcPr.find(qn("w:shd"))
    assert shading is not None and shading.get(qn("w:fill")) == "FFF7BF"  # yellow, as in HTML
    assert cell.paragraphs[0].runs[0].font.color.rgb == docx.shared.RGBColor(0x59, 0x4D, 0x00)


def test_word_sources_give_title_publisher_date_and_url(
    document: docx.document.Document,
) -> None:
    notes = [p for p in document.paragraphs if p.text.startswith("[2] ")]
    assert len(notes) == 1
    assert notes[0].text.startswith(
        "[2] Westshire rises to two stars. Community Care. Published 25 November 2004."
    )
    addresses = [link.address for link in notes[0].hyperlinks]
    assert "https://www.communitycare.co.uk/story-1" in addresses
    assert REPORT in addresses
    assert any(a.endswith(".review.html") for a in addresses)


def test_caveat_and_report_link_in_every_format(
    briefing: CouncilBriefing, document: docx.document.Document
) -> None:
    md, page = render_markdown(briefing), render_html(briefing)
    words = [p.text for p in document.paragraphs]
    assert CAVEAT in words
    assert f"_{CAVEAT}_" in md
    assert f'<p class="caveat">{CAVEAT}</p>' in page
    assert f"Official inspection report: [{REPORT}](<{REPORT}>) (linked by source 2)" in md
    assert f'<a href="{REPORT}">{REPORT}</a>' in page
    assert any(
        p.text.startswith("Official inspection report (linked by source 2)")
        for p in [*document.paragraphs]
    )


def test_caveat_says_undated_when_no_source_is_dated(briefing: CouncilBriefing) -> None:
    undated = briefing.model_copy(
        update={"sources": [s.model_copy(update={"published": None}) for s in briefing.sources]}
    )
    assert "themselves; sources undated." in render_markdown(undated)


def test_non_web_urls_are_not_linked(briefing: CouncilBriefing) -> None:
    hostile = briefing.model_copy(
        update={
            "sources": [
                s.model_copy(update={"url": "javascript:alert(1)", "report_url": "data:x"})
                for s in briefing.sources
            ]
        }
    )
    page, md = render_html(hostile), render_markdown(hostile)
    assert "javascript:" not in page and "javascript:" not in md
    assert "data:x" not in page and "Official inspection report" not in md


def test_source_line_and_report_link_are_read_at_ingestion(tmp_path: Path) -> None:
    lines = [
        "SOURCE: https://www.communitycare.co.uk/2002/03/12/westshire/",
        "",
        "Westshire serving some people well",
        "",
        f"The full report is at {REPORT}. Inspectors praised staff.",
    ]
    assert report_url(lines) == REPORT
    path = tmp_path / "a.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    article = load_article(path)
    assert (article.url, article.report_url) == (
        "https://www.communitycare.co.uk/2002/03/12/westshire/",
        REPORT,
    )


def test_news_links_and_the_own_address_are_not_reports() -> None:
    own = "https://www.careinspectorate.wales/joint-inspection-pembrokeshire"
    lines = [f"SOURCE: {own}", "See https://www.bbc.co.uk/news/ofsted-report-story too."]
    assert report_url(lines, own) is None
    assert report_url([f"SOURCE: {REPORT}"], REPORT) is None


def test_publish_builds_one_view_per_briefing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = Layout(tmp_path / "out")
    run_extract(sorted(EXAMPLES.glob("*.txt")), layout.out, OfflineExtractor())
    calls: list[str] = []
    real = publish_module.build_view

    def counting(briefing: CouncilBriefing, review_base: str | None) -> object:
        calls.append(briefing.council.name)
        return real(briefing, review_base)

    monkeypatch.setattr(publish_module, "build_view", counting)
    written = publish(layout, load_stored(layout), "2026-01-01T00:00:00+00:00").written
    assert len(calls) == len(written) == len(set(calls))
    for path in written:
        assert path.with_suffix(".docx").exists() and path.with_suffix(".md").exists()
