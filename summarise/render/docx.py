"""CouncilBriefing -> Word document, for readers who annotate and forward briefings by email.

Same sections and ``[n]`` citations as the Markdown. python-docx stamps each zip entry with the
current time, so the package is rewritten with a fixed timestamp: the same briefing gives the
same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from summarise.models import CouncilBriefing
from summarise.outputs import write_bytes
from summarise.render.docxparts import Styles
from summarise.render.labels import date_label
from summarise.render.view import BriefingView, Citation, PointRow, build_view

_NONE = "None recorded."
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """Drop characters Word's XML cannot hold (python-docx raises on them)."""
    return _NOT_XML.sub("", text)


class _Writer:
    """Appends to one document, resolving each paragraph style once (see ``docxparts``)."""

    def __init__(self, doc: DocumentObject) -> None:
        self.doc = doc
        self.styles = Styles(doc)

    def para(self, text: str, style: str | None = None) -> None:
        paragraph = self.doc.add_paragraph(_safe(text))
        if style is not None:
            self.styles.apply(paragraph, style)

    def heading(self, text: str, level: int) -> None:
        self.para(text, "Title" if level == 0 else f"Heading {level}")

    def bullets(self, lines: list[str]) -> None:
        if not lines:
            self.para(_NONE)
        for line in lines:
            self.para(line, "List Bullet")

    def points(self, heading: str, points: tuple[PointRow, ...]) -> None:
        self.heading(heading, 1)
        self.bullets(
            [
                f"{p.text}{f' ({p.service_area})' if p.service_area else ''} {_cites(p.citations)}"
                for p in points
            ]
        )

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        if not rows:
            self.para(_NONE)
            return
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(_safe(text)).bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = _safe(text)


def _cites(citations: tuple[Citation, ...]) -> str:
    return " ".join(f"[{c.number}]" for c in citations)


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

    w = _Writer(doc)
    w.heading(view.title, 0)
    meta = f"Council: {view.council}"
    if view.gss_code:
        meta += f" (GSS code {view.gss_code})"
    w.para(f"{meta}. Generated {view.generated}.")
    w.para(view.headline if view.headline.strip() else _NONE)
    if view.narrative:
        w.heading("Executive summary", 1)
        w.bullets([f"{n.text} (rests on {', '.join(n.cites)})" for n in view.narrative])

    w.heading("Latest judgements", 1)
    w.table(
        ("Aspect", "Judgement", "Date", "Source"),
        [(j.aspect, j.value, j.date, f"[{j.citation.number}]") for j in view.judgements],
    )
    w.heading("Timeline", 1)
    w.bullets([f"{t.date}: {t.event} [{t.citation.number}]" for t in view.timeline])
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
            who = f"— {q.attribution} " if q.attribution else ""
            w.para(f"{who}[{q.citation.number}]")

    w.heading("Figures", 1)
    w.table(
        ("Figure", "What it measures", "Source"),
        [(f.text, f.meaning, f"[{f.citation.number}]") for f in view.figures],
    )
    w.heading("National context", 1)
    w.bullets([f"{n.text} [{n.citation.number}]" for n in view.national_context])

    w.heading("Sources", 1)
    if not view.sources:
        w.para(_NONE)
    for note in view.sources:
        parts = [f"[{note.number}] {note.title}."]
        if note.published:
            parts.append(f"Published {date_label(note.published)}.")
        if note.review_type:
            parts.append(f"{note.review_type}{f' by {note.bodies}' if note.bodies else ''}.")
        if note.path:
            parts.append(f"Path: {note.path}.")
        w.para(" ".join(parts))
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


def render_docx(briefing: CouncilBriefing, path: Path) -> None:
    """Write the briefing as ``.docx`` to ``path`` (citations as text; no review links)."""
    view = build_view(briefing, review_base=None)
    buffer = io.BytesIO()
    _build(view, briefing.generated_at).save(buffer)
    write_bytes(path, _normalise_zip(buffer.getvalue()))
