"""What the rendering tests share: the hand-made Westshire fixtures and readers of each format
reduced to the words a reader sees.

The fixtures in tests/fixtures/render/ are hand-made (see build.py there): a briefing for the
fictional council "Westshire" built from two article summaries whose spans index their cleaned
text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import lxml.html

from summarise.models import (
    ArticleSummary,
    CouncilBriefing,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "render"
ARTICLES = FIXTURES / "articles"
ARTICLE_IDS = ("westshire-2001-joint-review", "westshire-2004-star-rating")
XSS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
)


# --- fixtures and helpers -------------------------------------------------------------------


def load_briefing() -> CouncilBriefing:
    return CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )


def load_article(article_id: str) -> tuple[ArticleSummary, str]:
    summary = ArticleSummary.model_validate_json(
        (ARTICLES / f"{article_id}.json").read_text(encoding="utf-8")
    )
    return summary, (ARTICLES / f"{article_id}.clean.txt").read_text(encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CURLY_QUOTE = re.compile(r"“([^”]*)”")


def numbers(text: str) -> set[str]:
    """Numbers as tokens, leading zeros dropped ("03" in a date is the "3" of "3 March")."""
    return {n.lstrip("0") or "0" for n in NUMBER.findall(text)}


def briefing_text(briefing: CouncilBriefing) -> str:
    return json.dumps(briefing.model_dump(mode="json"), ensure_ascii=False)


def markdown_plain(md: str) -> str:
    """Markdown reduced to the words a reader sees, without citations or link targets."""
    md = re.sub(r"\[\[\d+\]\]\(<[^>]*>\)", " ", md)  # [[n]](<href>) citations
    md = re.sub(r"\]\(<[^>]*>\)", "]", md)  # other link targets
    md = re.sub(r"\[Review page for source \d+\]", " ", md)
    md = re.sub(r"^\[\d+\] ", "", md, flags=re.MULTILINE)  # source note numbers
    md = re.sub(r"(?<!\\)\[\d+\]", " ", md)  # citations without links
    return re.sub(r"\\(.)", r"\1", md)


def html_plain(page: str) -> str:
    """The visible words of a page, without citations, source numbers, CSS or script."""
    tree = lxml.html.fromstring(page)
    for bad in tree.xpath("//style | //script | //head | //*[contains(@class, 'cite')]"):
        bad.drop_tree()
    for number in tree.xpath("//*[contains(@class, 'source-number')]"):
        number.drop_tree()
    return str(tree.text_content())


def docx_plain(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    text = "\n".join(parts)
    text = re.sub(r"^\[\d+\] ", "", text, flags=re.MULTILINE)
    return re.sub(r"\[\d+\]", " ", text)


def invented_numbers(plain: str, briefing: CouncilBriefing) -> set[str]:
    return numbers(plain) - numbers(briefing_text(briefing))


def invented_quotes(plain: str, briefing: CouncilBriefing) -> list[str]:
    known = [flat(q.text) for q in briefing.quotes]
    return [q for q in (flat(m) for m in CURLY_QUOTE.findall(plain)) if q not in known]


def html_hrefs(page: str) -> list[str]:
    return [str(h) for h in lxml.html.fromstring(page).xpath("//a/@href")]
