"""What an article's furniture lines say about it: written dates, datelines, newspaper bylines
and copyright footers, each parsed from one line.

Pure functions, like the rest of ingestion. Each parser first asks a cheap question that every
line it accepts must pass (a year, a spaced dash, a copyright mark), so the story's paragraphs
cost a substring test rather than a backtracking regex.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = [
    "MONTH_NUMBER",
    "NOT_PUBLISHERS",
    "TITLE_WORDS",
    "byline",
    "copyright_holder",
    "dateline_date",
    "parse_date",
]

#: A name in title case ("Community Care", "The Northern Echo", "Journal of Social Work").
TITLE_WORDS = r"[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|of|the|and|on|&)){0,5}"

#: A month's first three letters, lower-cased -> its number.
MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
#: Written dates, most specific first; each must match the whole string.
_DATE_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(form, re.IGNORECASE)
    for form in (
        rf"{_YEAR}-(?P<m>\d{{1,2}})-{_DAY}(?:[T ]\d{{1,2}}:\d{{2}}\S*)?",
        rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
        rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
        rf"{_DAY}[/.-](?P<m>\d{{1,2}})[/.-]{_YEAR}",
        rf"{_MONTH},?\s+{_YEAR}",
        rf"{_YEAR}-(?P<m>\d{{2}})",
        _YEAR,
    )
)
#: Every date form contains a year, so a line without one holds no date.
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}")


def _month(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("mon"):
        return MONTH_NUMBER[groups["mon"][:3].lower()]
    return int(groups["m"]) if groups.get("m") else None


def parse_date(value: str) -> str | None:
    """A written date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; None unless unambiguous and real.

    Slashed dates are read the British way (day first), as the sources are UK papers.
    """
    value = value.strip()
    if not _HAS_YEAR.search(value):
        return None
    for form in _DATE_FORMS:
        match = form.fullmatch(value)
        if match:
            return _date_parts(match)
    return None


def _date_parts(match: re.Match[str]) -> str | None:
    year, month = int(match.group("y")), _month(match)
    day = match.groupdict().get("d")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None


_DATELINE = re.compile(
    r"(?i)(?:by\s+[^|,]{2,60}?\s*[|,–-]\s*)?"
    r"(?P<label>(?:first\s+)?(?:published|posted|publication\s+date|dated?)(?:\s+on)?\s*[:–-]?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<date>[^|]+?)"
    r"(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|BST|UTC))?)?\.?"
)


#: A dateline has few words: "by" and a name of up to 60 characters (30 words), a label (5),
#: a weekday, the date (3) and a time ("at 10:30 am GMT", 5). Its year is in the last 6: only
#: a time can follow it. Lines failing either bound (story paragraphs) skip the slow regex.
_DATELINE_WORDS = 60
_AFTER_YEAR = 6


def dateline_date(line: str) -> str | None:
    """The date of a line that is only a dateline ("Published: 12 March 2002", "12/03/2002").

    An unlabelled bare year is refused: on its own line it is as likely a heading as a date.
    """
    stripped = line.strip()
    if not any(_HAS_YEAR.search(word) for word in stripped.rsplit(maxsplit=_AFTER_YEAR)[-6:]):
        return None
    if len(stripped.split(maxsplit=_DATELINE_WORDS)) > _DATELINE_WORDS:
        return None
    match = _DATELINE.fullmatch(stripped)
    if not match:
        return None
    found = parse_date(match.group("date"))
    if found is None or (len(found) == 4 and not match.group("label")):
        return None
    return found


_BYLINE = re.compile(
    rf"(?P<publisher>{TITLE_WORDS}) [-–] (?P<date>\d{{4}}-\d{{2}}-\d{{2}}|[^-–]*?) ?[-–] \S.*"
)


def byline(line: str) -> tuple[str, str | None] | None:
    """(publisher, date) from a PressReader-style "Westshire Echo - - SECTION - By X"."""
    if " - " not in line and " – " not in line:
        return None
    match = _BYLINE.fullmatch(line.strip())
    if not match:
        return None
    written = match.group("date").strip()
    published = parse_date(written) if written else None
    if written and published is None:
        return None
    return match.group("publisher"), published


_COPYRIGHT = re.compile(
    r"(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)\s*(?:©|\([cC]\))?\s*(?:(?:19|20)\d{2}\s+)?"
    r"(?P<name>[A-Z][\w&'’.() -]{1,60}?)(?:,?\s+(?:19|20)\d{2})?\.?"
    r"(?:\s+[Aa]ll [Rr]ights [Rr]eserved\.?)?"
)
_COPYRIGHT_STARTS = frozenset("©(Cc")  # the first character of every line _COPYRIGHT matches
#: Aggregators and agencies: a copyright line naming them does not name the publisher.
NOT_PUBLISHERS = frozenset(
    [
        "pressreader",
        "press association",
        "pa media",
        "pa",
        "reuters",
        "associated press",
        "ap",
        "getty",
        "shutterstock",
        "alamy",
        "all rights reserved",
    ]
)


def copyright_holder(line: str) -> str | None:
    """The holder named by a copyright footer, unless it is an aggregator or agency."""
    stripped = line.strip()
    if stripped[:1] not in _COPYRIGHT_STARTS:
        return None
    match = _COPYRIGHT.fullmatch(stripped)
    if not match:
        return None
    name = match.group("name").strip(" .")
    return None if name.casefold() in NOT_PUBLISHERS else name
