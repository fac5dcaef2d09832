"""What a saved page says about its own source: a leading ``SOURCE: <url>`` line, the URL's date,
and a title when the page has no headline line.

Saved articles often start with the address they were fetched from. That line is not part of the
article (not its headline, not its lead), but its URL often carries the publication date
(``/2005/03/14/``, ``/2010/jan/21/``), which news sites put in their paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

__all__ = [
    "could_be_headline",
    "fallback_title",
    "labelled_date",
    "split_source_line",
    "url_date",
]

_SOURCE_LINE = re.compile(
    r"\A\s*(?:source|url|link|from)\s*:\s*(?P<url>https?://\S+)[^\S\n]*(?:\n|\Z)", re.IGNORECASE
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Year, then month (number or English abbreviation), then optionally the day: whole path
# segments only, so an article id such as /2003380/ is never read as a date.
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2]|" + "|".join(_MONTHS) + r")"
    r"(?:/(?P<d>0?[1-9]|[12]\d|3[01]))?(?=/|$)",
    re.IGNORECASE,
)
_MAX_TITLE = 150
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def split_source_line(raw: str) -> tuple[str | None, str]:
    """(url, the rest) when the text starts with a ``SOURCE: <url>`` line, else (None, raw)."""
    m = _SOURCE_LINE.match(raw)
    if not m:
        return None, raw
    return m.group("url"), raw[m.end() :]


def url_date(url: str) -> str | None:
    """The date a news URL's path gives (``YYYY-MM-DD`` or ``YYYY-MM``), or None."""
    path = unquote(urlsplit(url).path)
    m = _URL_DATE.search(path)
    if not m:
        return None
    month_text = m.group("m").lower()
    month = _MONTHS.index(month_text) + 1 if month_text in _MONTHS else int(month_text)
    year = m.group("y")
    if m.group("d"):
        return f"{year}-{month:02d}-{int(m.group('d')):02d}"
    return f"{year}-{month:02d}"


def fallback_title(cleaned: str) -> str | None:
    """The first sentence of the first real paragraph (past date lines and labels such as
    ": For Noting"), shortened at a word: better than no title or a file id."""
    for paragraph in cleaned.split("\n\n", 6)[:6]:
        first = paragraph.strip().split("\n", 1)[0].strip()
        if not could_be_headline(first.split(". ", 1)[0]):
            continue
        sentence = _SENTENCE_END.split(first, maxsplit=1)[0]
        if len(sentence) <= _MAX_TITLE:
            return sentence
        cut = sentence[:_MAX_TITLE].rsplit(" ", 1)[0]
        return cut.rstrip(",;:–- ") + "…"
    return None


_DATE_LABEL = re.compile(
    r"^\W*(?:date|published|posted|updated|last updated|page last updated|first published)\b",
    re.IGNORECASE,
)
_DATE_IN_LINE = re.compile(
    r"\b(?:(?:19|20)\d\d-\d\d-\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? (?:19|20)\d\d)\b"
)
_INNER_SENTENCE = re.compile(r"[.!?][\"'’”]? +[A-Z]")
_MIN_TITLE_WORDS = 3


def labelled_date(line: str, parse: Callable[[str], str | None]) -> str | None:
    """The date of a line that starts with a date label ("Page last updated at 13:59 GMT,
    Monday, 24 November 2008", "date 2017-10-17 ..."), parsed by `parse`; else None."""
    if not _DATE_LABEL.match(line):
        return None
    for m in _DATE_IN_LINE.finditer(line):
        found = parse(m.group(0).replace(",", ""))
        if found:
            return found
    return None


def could_be_headline(paragraph: str) -> bool:
    """A headline is one short sentence of at least three words, not a dated furniture line."""
    return (
        (paragraph[:1].isalnum() or paragraph[:1] in "‘'“\"")
        and len(paragraph.split()) >= _MIN_TITLE_WORDS
        and not _INNER_SENTENCE.search(paragraph)
        and not _DATE_LABEL.match(paragraph)
    )
