"""The Word package around a briefing's body: made by python-docx once per process, then reused.

Everything but the body is the same in every briefing (styles, numbering, settings, theme, fonts,
footer, content types), or differs in a word (the header's council and date, the core title and
time). So python-docx builds one document with the page set up, two probe tables and marker
text, and its saved parts become the template: the static parts are compressed once into a zip
every briefing's package starts from, and the rest are cut at the markers. A briefing then costs
its own body and four small parts, not python-docx's object model.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from summarise.render.docxparts import add_field, set_a4, set_language
from summarise.render.docxxml import Body, escape_text, relationships, run

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
HEADER = "word/header1.xml"
CORE = "docProps/core.xml"
_TITLE_MARK = "TITLE-MARK-9f2c"
_HEADER_MARK = "HEADER-MARK-9f2c"
_TIME_MARK = datetime(1999, 9, 9, 9, 9, 9, tzinfo=UTC)
_TIME_TEXT = "1999-09-09T09:09:09Z"
PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet", "Quote")
TABLE_COLUMNS = (3, 4)


@dataclass(frozen=True)
class TableParts:
    """What python-docx writes for a new ``Table Grid`` table of n columns on this page."""

    start: str  # ``<w:tbl>``, its properties and grid
    cells: tuple[str, ...]  # each column's ``<w:tcPr>``


@dataclass(frozen=True)
class Skeleton:
    static_zip: bytes  # every part a briefing does not change, compressed once
    document_head: str  # ``word/document.xml`` up to and including ``<w:body>``
    document_tail: str  # the section properties (A4, header, footer) and the closing tags
    rels_head: str  # the document's relationships, up to ``</Relationships>``
    first_rid: int
    header: tuple[str, str]  # ``word/header1.xml`` before and after its one run
    core: str  # ``docProps/core.xml`` with the title and time marks
    style_ids: dict[str, str | None]
    tables: dict[int, TableParts]


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed time, so the same briefing gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _template_bytes() -> tuple[bytes, dict[str, str | None]]:
    """Save python-docx's document with every setting the old renderer made, and probes."""
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = _TITLE_MARK
    props.author = ""
    props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = _TIME_MARK
    set_a4(doc)
    set_language(doc, "en-GB")
    section = doc.sections[0]
    section.header.paragraphs[0].text = _HEADER_MARK
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")
    for columns in TABLE_COLUMNS:  # added after the page is A4, so widths are A4's
        table = doc.add_table(rows=1, cols=columns)
        table.style = "Table Grid"
        table.add_row()
    get_id: Callable[..., str | None] = doc.part.get_style_id
    ids = {name: get_id(doc.styles[name], WD_STYLE_TYPE.PARAGRAPH) for name in PARAGRAPH_STYLES}
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue(), ids


def _tables(body: str) -> dict[int, TableParts]:
    found: dict[int, TableParts] = {}
    for table in re.findall(r"<w:tbl>.*?</w:tbl>", body):
        start = table[: table.index("<w:tr>")]
        rows = re.findall(r"<w:tr>.*?</w:tr>", table)
        cells = [tuple(re.findall(r"<w:tcPr>.*?</w:tcPr>", row)) for row in rows]
        if len(set(cells)) != 1:
            raise RuntimeError("python-docx wrote a table's rows differently")
        found[len(cells[0])] = TableParts(start, cells[0])
    return found


def _first_free_rid(rels: str) -> int:
    used = sorted(int(n) for n in re.findall(r'Id="rId(\d+)"', rels))
    if used != list(range(1, len(used) + 1)):
        raise RuntimeError(f"unexpected relationship ids in the template: {used}")
    return len(used) + 1


@cache
def skeleton() -> Skeleton:
    """Built on first use in each process (about a tenth of a second)."""
    data, style_ids = _template_bytes()
    out = io.BytesIO()
    parts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in (DOCUMENT, RELS, HEADER, CORE):
                parts[info.filename] = src.read(info).decode("utf-8")
            else:
                dst.writestr(_entry(info.filename), src.read(info))
    document = parts[DOCUMENT]
    head_end = document.index("<w:body>") + len("<w:body>")
    tail_start = document.index("<w:sectPr")
    header_run = f"<w:r><w:t>{_HEADER_MARK}</w:t></w:r>"
    header_before, header_after = parts[HEADER].split(header_run)
    rels = parts[RELS]
    rels_head = rels[: rels.rindex("</Relationships>")]
    if _TITLE_MARK not in parts[CORE] or _TIME_TEXT not in parts[CORE]:
        raise RuntimeError("python-docx wrote the core properties differently")
    return Skeleton(
        static_zip=out.getvalue(),
        document_head=document[:head_end],
        document_tail=document[tail_start:],
        rels_head=rels_head,
        first_rid=_first_free_rid(rels),
        header=(header_before, header_after),
        core=parts[CORE],
        style_ids=style_ids,
        tables=_tables(document[head_end:tail_start]),
    )


def core_xml(sk: Skeleton, title: str, stamp: datetime) -> str:
    """Core properties as python-docx writes them; it refuses titles over 255 characters."""
    return sk.core.replace(_TITLE_MARK, escape_text(title[:255])).replace(
        _TIME_TEXT, stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def package(
    write_body: Callable[[Body], None], header_text: str, title: str, stamp: datetime
) -> bytes:
    """The ``.docx`` bytes: the static parts, then the body as ``write_body`` streams it.

    The body goes straight into the compressor in batches, so even the national briefing at
    10,000 articles never exists as one XML string; only the compressed package is kept.
    """
    sk = skeleton()
    out = io.BytesIO(sk.static_zip)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a") as z:
        with z.open(_entry(DOCUMENT), "w") as stream:

            def sink(text: str) -> None:
                stream.write(text.encode("utf-8"))

            body = Body(sink, sk.first_rid)
            body.add(sk.document_head)
            write_body(body)
            body.add(sk.document_tail)
            body.flush()
        z.writestr(_entry(RELS), relationships(sk.rels_head, body.links).encode("utf-8"))
        before, after = sk.header
        z.writestr(_entry(HEADER), f"{before}{run(header_text)}{after}".encode())
        z.writestr(_entry(CORE), core_xml(sk, title, stamp).encode("utf-8"))
    return out.getvalue()
