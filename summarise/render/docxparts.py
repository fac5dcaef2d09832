"""Word XML that python-docx has no API for: hyperlinks, fields, cell shading, page and language.

Also the style cache: python-docx resolves a style name on every paragraph, and each lookup
walks every style to find the default, so a briefing with thousands of paragraphs spent most
of its time there. ``Styles`` resolves each name to its id once per document.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import _Cell
from docx.text.paragraph import Paragraph

LINK_COLOUR = "1D70B8"
# (text, fill) per judgement tone: the HTML stylesheet's tag colours.
TONE_COLOURS: dict[str, tuple[str, str]] = {
    "green": ("005A30", "CCE2D8"),
    "blue": ("0C2D4A", "BBD4EA"),
    "yellow": ("594D00", "FFF7BF"),
    "red": ("2A0B06", "F4D7D7"),
    "grey": ("282D30", "E5E6E7"),
}


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


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice compute on display."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = shown
    run.append(words)
    field.append(run)
    paragraph._p.append(field)


def shade(cell: _Cell, fill: str) -> None:
    """Fill a table cell with an RGB hex colour; Word keeps it where CSS would be lost."""
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def set_language(doc: DocumentObject, tag: str) -> None:
    """Make ``tag`` (``en-GB``) the language of every run, via the document defaults."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    props = run_default.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        run_default.append(props)
    lang = props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        props.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    doc.core_properties.language = tag


def set_a4(doc: DocumentObject) -> None:
    """A4 portrait with 20 mm margins on every section."""
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
