"""The Word text writer: the same document python-docx's object model wrote, valid for any text.

The oracle is the writer as it was (``docx_oracle.py``): each package is compared with it part by
part in canonical XML (``tools/same_outputs.py``), on the fixture and on briefings full of
arbitrary text. The rest opens the file with python-docx, as a reader's Word would.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from docx_oracle import render_docx as oracle_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_helpers import load_briefing

from summarise.models import BriefingQuote, CouncilBriefing, NationalPoint, Span
from summarise.render import render_docx
from summarise.render.docxparts import TONE_COLOURS
from summarise.render.docxxml import Body, safe
from summarise.render.labels import value_tone

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from same_outputs import docx_differences

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def with_text(briefing: CouncilBriefing, text: str, url_tail: str = "") -> CouncilBriefing:
    """The fixture with ``text`` in every kind of field the Word writer shows."""
    span = Span(start=0, end=len(text), text=text)
    source = briefing.sources[0]
    quote = BriefingQuote(speaker=text, role=text, text=text, span=span, source_id=source.id)
    return briefing.model_copy(
        update={
            "council": briefing.council.model_copy(update={"name": text[:200]}),
            "headline": text,
            "sources": [
                source.model_copy(
                    update={
                        "title": text,
                        "publisher": text,
                        "path": text,
                        "url": f"https://example.org/{url_tail}",
                        "report_url": f"https://example.org/report/{url_tail}",
                    }
                ),
                *briefing.sources[1:],
            ],
            "strengths": [briefing.strengths[0].model_copy(update={"text": text})],
            "timeline": [briefing.timeline[0].model_copy(update={"event": text})],
            "quotes": [quote, *briefing.quotes],
            "figures": [briefing.figures[0].model_copy(update={"text": text, "meaning": text})],
            "national_context": [NationalPoint(text=text, source_id=source.id, span=span)],
        }
    )


def shown(text: str) -> str:
    """What python-docx reads back from a run written with ``text``."""
    return safe(text).replace("\r", "\n")


@pytest.mark.parametrize("review_base", ["../articles", None])
def test_same_parts_as_the_python_docx_writer(review_base: str | None) -> None:
    briefing = load_briefing()
    new = render_docx(briefing, review_base=review_base)
    assert docx_differences(oracle_docx(briefing, review_base=review_base), new) == []
    assert len(parts(new)) == 19  # every part of python-docx's package, none lost


def test_the_comparison_sees_a_changed_word() -> None:
    """The equivalence check can fail: one changed character in the body is reported."""
    new = render_docx(load_briefing())
    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(new)) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"Westshire", b"Westshirf", 1)
            dst.writestr(info, data)
    assert docx_differences(new, changed.getvalue()) == ["word/document.xml"]


text_with_specials = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("&<>\"'\t\r\n \x00\x01\x0b\x1f\ufffe\u00a0\u2028é£“”—")),
    ),
    max_size=60,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_with_specials, url_tail=st.text(alphabet="abc/%?=&#é ", max_size=12))
def test_any_text_gives_the_oracles_document(text: str, url_tail: str) -> None:
    briefing = with_text(load_briefing(), text, url_tail)
    new = render_docx(briefing)
    assert docx_differences(oracle_docx(briefing), new) == []
    for name, data in parts(new).items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(data)  # well-formed
    document = docx.Document(io.BytesIO(new))
    headline = document.paragraphs[4].text
    assert headline == (shown(text) if text.strip() else "None recorded.")


def test_very_long_text_and_text_no_xml_can_hold(tmp_path: Path) -> None:
    """Long fields stream through in batches; what XML cannot hold is dropped, the rest kept."""
    text = ("a&b <c> \"d\" 'e' \x00\x07\ud800\udfff\ufffe é £ ” " * 20_000).strip()
    briefing = with_text(load_briefing(), text, url_tail="x\x01y\ud800z")
    data = render_docx(briefing)
    for name, content in parts(data).items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(content)
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[4].text == safe(text)
    assert "\x00" not in document.paragraphs[4].text and "\ud800" not in safe(text)
    rels = parts(data)["word/_rels/document.xml.rels"].decode()
    assert 'Target="https://example.org/xyz"' in rels
    title = safe(text[:200] + ": social services briefing")[:255]
    assert document.core_properties.title == title


def test_a_title_over_255_characters_is_cut_where_python_docx_refused() -> None:
    long_name = "Borough " * 40
    briefing = load_briefing()
    briefing = briefing.model_copy(
        update={"council": briefing.council.model_copy(update={"name": long_name})}
    )
    with pytest.raises(ValueError, match="255"):
        oracle_docx(briefing)
    document = docx.Document(io.BytesIO(render_docx(briefing)))
    assert document.core_properties.title == f"{long_name}: social services briefing"[:255]
    assert document.paragraphs[0].text == f"{long_name}: social services briefing"


def test_opens_with_links_page_furniture_and_coloured_judgements() -> None:
    briefing = load_briefing()
    document = docx.Document(io.BytesIO(render_docx(briefing)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.title == "Westshire: social services briefing"
    header = section.header.paragraphs[0].text
    assert header.startswith("Westshire: social services briefing · generated ")
    footer = section.footer.paragraphs[0]._p
    fields = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
    assert fields == [" PAGE ", " NUMPAGES "] and footer.xpath("string(.)") == "Page 1 of 1"

    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles[0] == "Title" and {"Heading 1", "Heading 2", "List Bullet", "Quote"} <= set(
        styles
    )
    links = [(h.text, h.address) for p in document.paragraphs for h in p.hyperlinks]
    assert ("[1]", "../articles/westshire-2001-joint-review.review.html#span-337-417") in links
    assert any(a.endswith(".review.html") and t == a for t, a in links)  # Sources' review page
    caveat = document.paragraphs[2]
    assert caveat.text.startswith("Compiled from press reporting") and caveat.runs[0].italic

    judgements = document.tables[0]
    cell = judgements.rows[1].cells[1]
    fill = cell._tc.tcPr.find(f"{W}shd").get(f"{W}fill")
    text_colour, fill_colour = TONE_COLOURS[value_tone(briefing.latest_judgements[0].value)]
    assert cell.text == "Serving some people well" and fill == fill_colour
    assert cell.paragraphs[0].runs[0].bold
    assert str(cell.paragraphs[0].runs[0].font.color.rgb) == text_colour
    assert [c.text for c in judgements.rows[0].cells] == ["Aspect", "Judgement", "Date", "Source"]
    assert all(r.bold for c in judgements.rows[0].cells for r in c.paragraphs[0].runs if r.text)


def test_body_streams_in_batches() -> None:
    written: list[str] = []
    body = Body(written.append, first_rid=11)
    pieces = [f"<w:p>{i}</w:p>" for i in range(5000)]
    for piece in pieces:
        body.add(piece)
    body.flush()
    assert len(written) >= 3 and "".join(written) == "".join(pieces)
    assert body.link("[1]", "u") != body.link("[2]", "v") and body.links == {
        "u": "rId11",
        "v": "rId12",
    }
