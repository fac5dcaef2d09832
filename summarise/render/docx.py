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

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from summarise.models import CouncilBriefing
from summarise.render.labels import date_label
from summarise.render.view import BriefingView, Citation, PointRow, build_view

_NONE = "None recorded."
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """Drop characters Word's XML cannot hold (python-docx raises on them)."""
    return _NOT_XML.sub("", text)


def _para(doc: DocumentObject, text: str, style: str | None = None) -> None:
    doc.add_paragraph(_safe(text), style=style)


def _heading(doc: DocumentObject, text: str, level: int) -> None:
    doc.add_heading(_safe(text), level=level)


def _cites(citations: tuple[Citation, ...]) -> str:
    return " ".join(f"[{c.number}]" for c in citations)


def _bullets(doc: DocumentObject, lines: list[str]) -> None:
    if not lines:
        _para(doc, _NONE)
    for line in lines:
        _para(doc, line, "List Bullet")


def _points(doc: DocumentObject, heading: str, points: tuple[PointRow, ...]) -> None:
    _heading(doc, heading, 1)
    _bullets(
        doc,
        [
            f"{p.text}{f' ({p.service_area})' if p.service_area else ''} {_cites(p.citations)}"
            for p in points
        ],
    )


def _table(doc: DocumentObject, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    if not rows:
        _para(doc, _NONE)
        return
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_safe(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = _safe(text)


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

    _heading(doc, view.title, 0)
    meta = f"Council: {view.council}"
    if view.gss_code:
        meta += f" (GSS code {view.gss_code})"
    _para(doc, f"{meta}. Generated {view.generated}.")
    _para(doc, view.headline if view.headline.strip() else _NONE)
    if view.narrative:
        _heading(doc, "Executive summary", 1)
        _bullets(doc, [f"{n.text} (rests on {', '.join(n.cites)})" for n in view.narrative])

    _heading(doc, "Latest judgements", 1)
    _table(
        doc,
        ("Aspect", "Judgement", "Date", "Source"),
        [(j.aspect, j.value, j.date, f"[{j.citation.number}]") for j in view.judgements],
    )
    _heading(doc, "Timeline", 1)
    _bullets(doc, [f"{t.date}: {t.event} [{t.citation.number}]" for t in view.timeline])
    _points(doc, "Strengths", view.strengths)
    _points(doc, "Concerns", view.concerns)
    _points(doc, "Recommendations", view.recommendations)

    _heading(doc, "Quotes", 1)
    if not view.quote_groups:
        _para(doc, _NONE)
    for group in view.quote_groups:
        _heading(doc, group.speaker, 2)
        for q in group.quotes:
            _para(doc, f"“{' '.join(q.text.split())}”", "Quote")
            who = f"— {q.attribution} " if q.attribution else ""
            _para(doc, f"{who}[{q.citation.number}]")

    _heading(doc, "Figures", 1)
    _table(
        doc,
        ("Figure", "What it measures", "Source"),
        [(f.text, f.meaning, f"[{f.citation.number}]") for f in view.figures],
    )
    _heading(doc, "National context", 1)
    _bullets(doc, [f"{n.text} [{n.citation.number}]" for n in view.national_context])

    _heading(doc, "Sources", 1)
    if not view.sources:
        _para(doc, _NONE)
    for note in view.sources:
        parts = [f"[{note.number}] {note.title}."]
        if note.published:
            parts.append(f"Published {date_label(note.published)}.")
        if note.review_type:
            parts.append(f"{note.review_type}{f' by {note.bodies}' if note.bodies else ''}.")
        if note.path:
            parts.append(f"Path: {note.path}.")
        _para(doc, " ".join(parts))
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


def render_docx(briefing: CouncilBriefing) -> bytes:
    """The briefing as ``.docx`` bytes (citations as text; no review links)."""
    view = build_view(briefing, review_base=None)
    buffer = io.BytesIO()
    _build(view, briefing.generated_at).save(buffer)
    return _normalise_zip(buffer.getvalue())
