"""Dates as reporting gives them: "March 2017", "January's inspection", "three years ago".

Relative dates resolve against the article's publication date; without one they stay unknown
rather than being guessed.
"""

from __future__ import annotations

import re

from summarise.text.datelines import MONTH_NUMBER

MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
}
_YEARS_AGO = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+years?\s+ago\b", re.IGNORECASE
)
_LAST_YEAR = re.compile(r"\blast year\b", re.IGNORECASE)
_MONTHS_EVENT = re.compile(
    rf"\b(?P<m>{MONTHS})[’']s\s+(?:inspection|visit|review|monitoring visit|assessment)\b"
)
# The end of every _MONTHS_EVENT match: re finds it at once (it starts with a quote mark), where
# the full pattern is tried at every word.
_EVENT_TAIL = re.compile(r"[’']s\s+(?:inspection|visit|review|monitoring visit|assessment)\b")


def month_year(month: str | None, year: str) -> str:
    return f"{year}-{MONTH_NUMBER[month[:3].lower()]:02d}" if month else year


def _anchor(published: str | None) -> tuple[int, int | None] | None:
    if not published:
        return None
    parts = published.split("-")
    return int(parts[0]), (int(parts[1]) if len(parts) > 1 else None)


def years_ago(text: str, published: str | None) -> str | None:
    """ "three years ago" → the year, counted back from the publication year."""
    anchor = _anchor(published)
    if anchor is None:
        return None
    if m := _YEARS_AGO.search(text):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
        return str(anchor[0] - n)
    if _LAST_YEAR.search(text):
        return str(anchor[0] - 1)
    return None


def month_of_event(text: str, published: str | None) -> str | None:
    """ "January's inspection" → the most recent January not after the publication date."""
    anchor = _anchor(published)
    m = _MONTHS_EVENT.search(text) if _EVENT_TAIL.search(text) else None
    if anchor is None or m is None:
        return None
    year, pub_month = anchor
    month = MONTH_NUMBER[m.group("m")[:3].lower()]
    if pub_month is not None and month > pub_month:
        year -= 1
    return f"{year}-{month:02d}"
