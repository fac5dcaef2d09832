"""WordprocessingML for a briefing's body, written as text rather than through python-docx.

python-docx builds an lxml element and several proxy objects for every run; on a briefing of
thousands of paragraphs that was most of ``summarise brief`` (18.4 of 32.3 CPU seconds on 1,000
articles, see the README's "Whole runs"). The body only ever needs a handful of shapes (a
paragraph with a style, plain, bold, italic or coloured runs, a hyperlink, a table cell), so
they are written here as strings, with the same elements python-docx writes for the same calls:
runs split at tabs and line breaks, ``xml:space="preserve"`` where the text has outer spaces.
Pieces go to ``sink`` in batches, so a long document is never held whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LINK_COLOUR = "1D70B8"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\t\r\n])")
_BATCH = 2000  # pieces per write to the sink: few calls, small strings


def safe(text: str) -> str:
    """Drop characters an XML document cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text)


def escape_text(text: str) -> str:
    """Element text: ``&``, ``<`` and ``>`` escaped, ``\\r`` as a reference so it survives."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attr(text: str) -> str:
    """An attribute value in double quotes; whitespace kept as references (parsers fold it)."""
    text = escape_text(text).replace('"', "&quot;")
    return text.replace("\t", "&#9;").replace("\n", "&#10;")


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{escape_text(text)}</w:t>"


def run(text: str, props: str = "") -> str:
    """``<w:r>`` as python-docx's ``add_run(text)`` writes it; ``props`` is the ``<w:rPr>``."""
    if not text:
        return f"<w:r>{props}</w:r>"
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return f"<w:r>{props}{_t(text)}</w:r>"
    parts = [props]
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            parts.append(_t(piece))
    return f"<w:r>{''.join(parts)}</w:r>"


BOLD = "<w:rPr><w:b/></w:rPr>"
ITALIC = "<w:rPr><w:i/></w:rPr>"
_LINK_PROPS = f'<w:rPr><w:color w:val="{LINK_COLOUR}"/><w:u w:val="single"/></w:rPr>'


def coloured_bold(colour: str) -> str:
    return f'<w:rPr><w:b/><w:color w:val="{colour}"/></w:rPr>'


def shaded(cell_props: str, fill: str) -> str:
    """A ``<w:tcPr>`` with the cell's fill added last, as ``docxparts.shade`` did."""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return cell_props.replace("</w:tcPr>", shading + "</w:tcPr>")


class Body:
    """A document body being written: pieces to ``sink``, and one relationship per link target.

    Relationship ids continue from the package's own (``first_rid``), in order of first use,
    as python-docx's ``relate_to`` numbers them.
    """

    def __init__(self, sink: Callable[[str], object], first_rid: int) -> None:
        self._sink = sink
        self._pieces: list[str] = []
        self._next_rid = first_rid
        self.links: dict[str, str] = {}  # target -> relationship id

    def add(self, piece: str) -> None:
        self._pieces.append(piece)
        if len(self._pieces) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self._pieces:
            self._sink("".join(self._pieces))
            self._pieces.clear()

    def link(self, text: str, url: str) -> str:
        """A ``<w:hyperlink>`` to ``url`` showing ``text``, underlined in link blue."""
        rid = self.links.get(url)
        if rid is None:
            rid = self.links[url] = f"rId{self._next_rid}"
            self._next_rid += 1
        return (
            f'<w:hyperlink r:id="{rid}" w:history="1"><w:r>{_LINK_PROPS}'
            f'<w:t xml:space="preserve">{escape_text(text)}</w:t></w:r></w:hyperlink>'
        )

    def paragraph(self, content: str, style_id: str | None = None) -> None:
        """``<w:p>`` with an optional ``<w:pStyle>`` around ``content`` (runs and links)."""
        props = "" if style_id is None else f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
        self.add(f"<w:p>{props}{content}</w:p>")


def relationships(prefix: str, links: dict[str, str]) -> str:
    """The package's relationships (``prefix``, up to ``</Relationships>``) plus each link."""
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    rows = [prefix]
    for target, rid in links.items():
        rows.append(
            f'<Relationship Id="{rid}" Type="{kind}" Target="{escape_attr(safe(target))}"'
            ' TargetMode="External"/>'
        )
    rows.append("</Relationships>")
    return "".join(rows)
