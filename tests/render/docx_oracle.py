"""The Word writer as it was before issue 13, on python-docx's object model: the tests' oracle.

Kept only to prove the text writer (``summarise/render/docx*.py``) writes the same document:
every part equal in canonical XML. Not used by the package. Imports the unchanged helpers
(fields, page, language, colours) from ``docxparts``; ``Styles``, ``Links`` and ``shade`` are
the removed ones, verbatim.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import cast

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from summarise.models import CouncilBriefing
from summarise.render.docxparts import TONE_COLOURS, add_field, set_a4, set_language
from summarise.render.labels import date_label
from summarise.render.view import (
    BriefingView,
    Citation,
    FigureRow,
    JudgementRow,
    PointRow,
    QuoteRow,
    build_view,
)

_NONE = "None recorded."
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """Drop characters Word's XML cannot hold (python-docx raises on them)."""
    return _NOT_XML.sub("", text)


LINK_COLOUR = "1D70B8"


class Styles:
    """Paragraph style ids of one document, each looked up by name once."""

    def __init__(self, doc: DocumentObject) -> None:
        self._doc = doc
        self._ids: dict[str, str | None] = {}

    def apply(self, paragraph: Paragraph, name: str) -> None:
        """Set ``paragraph``'s style as ``paragraph.style = name`` would, without the search."""
        if name not in self._ids:
            style = self._doc.styles[name]
            # None for the default style, as python-docx's own setter would write.
            style_id: Callable[..., str | None] = self._doc.part.get_style_id
            self._ids[name] = style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        paragraph._p.style = self._ids[name]


class Links:
    """External hyperlinks of one document; each target gets one relationship.

    python-docx's ``relate_to`` scans every relationship for a match, which is quadratic in
    the number of citations; a dict keeps it linear.
    """

    def __init__(self, doc: DocumentObject) -> None:
        self._part = doc.part
        self._ids: dict[str, str] = {}

    def add(self, paragraph: Paragraph, text: str, url: str) -> None:
        """Append ``text`` to ``paragraph`` as a link to ``url``, underlined in link blue."""
        rel_id = self._ids.get(url)
        if rel_id is None:
            rel_id = self._part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            self._ids[url] = rel_id
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        link.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), LINK_COLOUR)
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(colour)
        props.append(underline)
        run.append(props)
        words = OxmlElement("w:t")
        words.text = text
        words.set(qn("xml:space"), "preserve")
        run.append(words)
        link.append(run)
        paragraph._p.append(link)


def shade(cell: _Cell, fill: str) -> None:
    """Fill a table cell with an RGB hex colour; Word keeps it where CSS would be lost."""
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


Cell = tuple[str, tuple[Citation, ...]]  # a table cell: text, then its linked citations


class _Writer:
    """Appends to one document, resolving each paragraph style once (see ``docxparts``)."""

    def __init__(self, doc: DocumentObject) -> None:
        self.doc = doc
        self.styles = Styles(doc)
        self.links = Links(doc)

    def para(
        self, text: str, style: str | None = None, citations: tuple[Citation, ...] = ()
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(_safe(text))
        if style is not None:
            self.styles.apply(paragraph, style)
        self.cite(paragraph, citations, lead=" " if text else "")
        return paragraph

    def cite(self, paragraph: Paragraph, citations: tuple[Citation, ...], lead: str) -> None:
        """``[n]`` for each citation: a link to its review page span when it has one."""
        for i, c in enumerate(citations):
            paragraph.add_run(lead if i == 0 else " ")
            if c.href:
                self.links.add(paragraph, f"[{c.number}]", c.href)
            else:
                paragraph.add_run(f"[{c.number}]")

    def heading(self, text: str, level: int) -> None:
        self.para(text, "Title" if level == 0 else f"Heading {level}")

    def bullets(self, lines: list[tuple[str, tuple[Citation, ...]]]) -> None:
        if not lines:
            self.para(_NONE)
        for line, citations in lines:
            self.para(line, "List Bullet", citations)

    def points(self, heading: str, points: tuple[PointRow, ...]) -> None:
        self.heading(heading, 1)
        self.bullets(
            [
                (f"{p.text}{f' ({p.service_area})' if p.service_area else ''}{_rv(p)}", p.citations)
                for p in points
            ]
        )

    def table(self, header: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> Table | None:
        if not rows:
            self.para(_NONE)
            return None
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(_safe(text)).bold = True
        for row in rows:
            for cell, (text, citations) in zip(table.add_row().cells, row, strict=True):
                cell.text = _safe(text)
                self.cite(cell.paragraphs[0], citations, lead=" " if text else "")
        return cast(Table, table)

    def link_line(self, label: str, url: str) -> None:
        paragraph = self.para(label)
        self.links.add(paragraph, _safe(url), url)


def _rv(row: PointRow | JudgementRow | QuoteRow | FigureRow) -> str:
    """Whether a fact was reviewed, by whom and when (briefings from a store)."""
    return f" ({row.review})" if row.review else ""


def _page_furniture(doc: DocumentObject, view: BriefingView) -> None:
    """A4 and en-GB; the council and date in the header, "Page N of M" in the footer."""
    set_a4(doc)
    set_language(doc, "en-GB")
    section = doc.sections[0]
    section.header.paragraphs[0].text = _safe(
        f"{view.council}: social services briefing · generated {view.generated}"
    )
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")


def _judgements(w: _Writer, view: BriefingView) -> None:
    """The headline table; each judgement cell keeps the HTML's colour for its tone."""
    table = w.table(
        ("Aspect", "Judgement", "Date", "Source"),
        [
            (
                (j.aspect, ()),
                (j.value + (f" ({j.unconfirmed})" if j.unconfirmed else "") + _rv(j), ()),
                (j.date, ()),
                ("", (j.citation,)),
            )
            for j in view.judgements
        ],
    )
    if table is None:
        return
    for row, judgement in zip(table.rows[1:], view.judgements, strict=True):
        text, fill = TONE_COLOURS[judgement.tone]
        cell = row.cells[1]
        shade(cell, fill)
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(text)


def _sources(w: _Writer, view: BriefingView) -> None:
    w.heading("Sources", 1)
    if not view.sources:
        w.para(_NONE)
    for note in view.sources:
        parts = [f"[{note.number}] {note.title}."]
        if note.publisher:
            parts.append(f"{note.publisher}.")
        if note.published:
            parts.append(f"Published {date_label(note.published)}.")
        if note.review_type:
            parts.append(f"{note.review_type}{f' by {note.bodies}' if note.bodies else ''}.")
        if note.path:
            parts.append(f"Path: {note.path}.")
        paragraph = w.para(" ".join(parts))
        for label, url in (
            ("URL", note.url),
            ("Official report", note.report_url),
            ("Review page", note.href),
        ):
            if url:
                paragraph.add_run(f" {label}: ")
                w.links.add(paragraph, _safe(url), url)


def _build(view: BriefingView, generated_at: str) -> DocumentObject:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = _safe(view.title)
    props.author = ""
    props.last_modified_by = ""
    props.revision = 1
    try:
        stamp = datetime.fromisoformat(generated_at)
    except ValueError:
        stamp = _EPOCH
    props.created = props.modified = stamp
    _page_furniture(doc, view)

    w = _Writer(doc)
    w.heading(view.title, 0)
    meta = f"Council: {view.council}"
    if view.gss_code:
        meta += f" (GSS code {view.gss_code})"
    w.para(f"{meta}. Generated {view.generated}." + (f" {view.reviewed}." if view.reviewed else ""))
    w.para(view.caveat).runs[0].italic = True
    for number, url in view.reports:
        w.link_line(f"Official inspection report (linked by source {number}): ", url)
    w.para(view.headline if view.headline.strip() else _NONE)
    if view.narrative:
        w.heading("Executive summary", 1)
        w.bullets([(f"{n.text} (rests on {', '.join(n.cites)})", ()) for n in view.narrative])

    w.heading("Latest judgements", 1)
    _judgements(w, view)
    w.heading("Timeline", 1)
    w.bullets([(f"{t.date}: {t.event}", (t.citation,)) for t in view.timeline])
    w.points("Strengths", view.strengths)
    w.points("Concerns", view.concerns)
    w.points("Recommendations", view.recommendations)

    w.heading("Quotes", 1)
    if not view.quote_groups:
        w.para(_NONE)
    for group in view.quote_groups:
        w.heading(group.speaker, 2)
        for q in group.quotes:
            w.para(f"“{' '.join(q.text.split())}”", "Quote")
            who = f"— {q.attribution}" if q.attribution else ""
            w.para(who + _rv(q), None, (q.citation,))

    w.heading("Figures", 1)
    w.table(
        ("Figure", "What it measures", "Source"),
        [((f.text, ()), (f.meaning + _rv(f), ()), ("", (f.citation,))) for f in view.figures],
    )
    w.heading("National context", 1)
    w.bullets([(n.text, (n.citation,)) for n in view.national_context])
    _sources(w, view)
    return doc


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps, keeping entry order and content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(briefing: CouncilBriefing, *, review_base: str | None = "../articles") -> bytes:
    """The briefing as ``.docx`` bytes; citations link to review pages under ``review_base``."""
    return docx_of(build_view(briefing, review_base), briefing.generated_at)


def docx_of(view: BriefingView, generated_at: str) -> bytes:
    """``.docx`` bytes for a view already built (``publish`` builds one view for every format)."""
    buffer = io.BytesIO()
    _build(view, generated_at).save(buffer)
    return _normalise_zip(buffer.getvalue())
