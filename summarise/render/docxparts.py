"""Word XML that python-docx has no API for, used once per process to make the package
template (``docxpackage``): fields, page size and language; and the judgement colours."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

# (text, fill) per judgement tone: the HTML stylesheet's tag colours.
TONE_COLOURS: dict[str, tuple[str, str]] = {
    "green": ("005A30", "CCE2D8"),
    "blue": ("0C2D4A", "BBD4EA"),
    "yellow": ("594D00", "FFF7BF"),
    "red": ("2A0B06", "F4D7D7"),
    "grey": ("282D30", "E5E6E7"),
}


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
