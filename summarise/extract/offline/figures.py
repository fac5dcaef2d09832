"""Numbers as written ("83%", "£9million", "two thirds", "September 2002") and what they
measure."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarise.extract.offline.dates import MONTHS
from summarise.extract.offline.firstchar import first_char_union, unverbose
from summarise.extract.offline.required import finditer_at, start_finder
from summarise.extract.offline.text import Document, Segment
from summarise.text.datelines import dateline_date

WORD_NUMBERS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|a hundred|a thousand|a dozen"
)
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNITS = (
    r"years?|months?|weeks?|days?|hours?|times|places?|beds?|homes?|councils?|authorities|"
    r"children|young people|people|adults|families|staff|social workers|posts?|vacancies|cases|"
    r"referrals|placements|carers|users|stars?|per cent|percent|percentage points?|inspections?|"
    r"recommendations|areas?|services?|jobs|workers|pupils|schools|teams?|visits?|reports?"
)
FIGURE = re.compile(
    rf"""
    (?:£|\$|€)\s?(?:{NUM})\s?(?:m|bn|k|million|billion|thousand)?\b     # money
    | (?:{NUM})\s?(?:%|per\s?cent|percent)                                # percentages
    | \b(?:{WORD_NUMBERS})\s(?:per\s?cent|percent)\b
    | \b(?:{MONTHS})\s(?:19|20)\d\d\b                                     # month and year
    | \b(?:\d{{1,2}}(?:st|nd|rd|th)?\s(?:{MONTHS})\s(?:19|20)\d\d)\b     # full date
    | \b(?:one|two|three|a)[\s-](?:thirds?|quarters?|half|fifths?)\b      # fractions
    | \b(?:half|a\sthird|a\squarter)\sof\b
    | \b(?:twice|three\stimes|four\stimes|five\stimes)\s(?:as|more|the)\s\w+  # ratios
    | \b\d+(?:st|nd|rd|th)\b                                              # ordinals
    | \b(?:{NUM}|{WORD_NUMBERS})(?:\s(?:or\smore|or\sfewer|out\sof\s\d+))?\s(?:{UNITS})\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# On lower-cased text (faster than re.I), with the branches grouped by the character a figure
# starts with (a currency sign, a digit or a word's first letter), so re tries few at each place.
FIGURE_LOW, _ = first_char_union([("figure", unverbose(FIGURE.pattern.lower()))])
# "one of the department's key strengths" is not a figure; neither is a lone small word number.
NOT_FIGURE = re.compile(r"^(?:one|a)\s", re.IGNORECASE)


# Counted things and proportions, as news English writes them: "12,000 residents", "Ten local
# authority departments", "200 or so families", "one in four", "16 out of the 30", "three to
# four years", "18-month", "only seven". Run on the original text with re.IGNORECASE.
_COUNT_WORD = rf"(?:{WORD_NUMBERS})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
_NUMBER = rf"(?:{NUM}|{_COUNT_WORD})"
# Words that cannot stand between a number and the noun it counts.
_FUNCTION = (
    r"(?:of|the|a|an|in|on|at|to|and|or|but|for|with|by|from|as|than|that|which|who|were|was|"
    r"is|are|be|been|have|has|had|per|out|its|their|his|her|it|this|these|those)"
)
_MODIFIER = rf"(?-i:(?!{_FUNCTION}\b)[a-z][a-z’'-]*)"  # lower case: a noun, not a name
PROPORTION = re.compile(
    rf"""
    \b{_NUMBER}\s+in\s+(?:every\s+)?{_NUMBER}\b                       # one in four
    | \b{_NUMBER}\s+out\s+of\s+(?:the\s+|a\s+)?{_NUMBER}\b             # 16 out of the 30
    | \b{_NUMBER}\s?(?:to|-|–)\s?{_NUMBER}\s+{_MODIFIER}s\b            # three to four years
    """,
    re.VERBOSE | re.IGNORECASE,
)
COUNTED = re.compile(
    rf"""
    \b(?:{NUM}|{_COUNT_WORD})-(?!to-|off\b|stop\b|sided\b)[a-z]+\b     # 18-month, three-year
    | \b(?:{NUM}|{_COUNT_WORD})(?:\s+or\s+so)?(?:\s+{_MODIFIER}){{0,2}}\s+{_MODIFIER}s\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A number that a quantifier marks as a count even with its noun left out ("only seven").
QUANTIFIED = re.compile(
    rf"""\b(?:only|just|nearly|almost|about|around|some|over|under|more\s+than|fewer\s+than|
    less\s+than|at\s+least)\s+(?:{NUM}|{_COUNT_WORD})\b""",
    re.VERBOSE | re.IGNORECASE,
)
# Where a counted thing, a proportion or a quantified number can begin: re then tries those
# long patterns at a few places instead of at every word boundary (the same matches).
_NUMBER_STARTS = start_finder(PROPORTION, COUNTED)
# Every branch of both goes on with a number in digits or words, as this matches it.
_NUMBER_AT = re.compile(rf"(?:{NUM})|(?:{_COUNT_WORD})", re.VERBOSE | re.IGNORECASE)
_QUANTIFIER_STARTS = start_finder(QUANTIFIED)
# A number in digits is a figure on its own from two digits up ("the 82 with two stars"), unless
# it is a year, a time, a reference ("section 17") or part of a token such as a URL or a code.
BARE = re.compile(r"(?<![\w.,:/£$€-])(?:\d{1,3}(?:,\d{3})+|\d{2,})(?:\.\d+)?(?![\w:/%-]|,\d|\.\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_REFERENCE = re.compile(
    r"\b(?:section|paragraph|para|page|article|clause|item|no\.?|number|act|regulation|"
    r"schedule|chapter|appendix|annex|table|figure|part|room|flat|unit|route)\s*$",
    re.IGNORECASE,
)
# A telephone number or code: digit groups side by side, or a number with a leading zero.
_LONGEST_REFERENCE = len("regulation") + 1
_CODE = re.compile(r"\d \d|(?<!\d)0\d")
# A date line whose year has two digits ("18 Nov 04"), which the shared date-line rules refuse.
_SHORT_DATE_LINE = re.compile(
    rf"(?:[A-Za-z]+day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}|[A-Z][a-z]{{2}})\.?,?"
    r"\s+(?:\d{2}|\d{4})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[A-Z]{3})?)?"
)
_ONE = re.compile(r"^(?:one|a)\b", re.IGNORECASE)
_UNIT_AFTER_ONE = re.compile(r"^one-(?:year|month|week|day|hour|star|off)", re.IGNORECASE)


@dataclass(frozen=True)
class FoundFigure:
    figure: Segment
    meaning: str


def _meaning(sentence: Segment, figure: Segment) -> str:
    """The clause around the figure, which is what it measures in the writer's own words."""
    text = sentence.text
    rel = figure.start - sentence.start
    left = max(text.rfind(",", 0, rel), text.rfind(";", 0, rel), text.rfind(":", 0, rel))
    right_candidates = [i for i in (text.find(",", rel), text.find(";", rel)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    clause = text[left + 1 : right].strip(' .“”"')
    if len(clause.split()) < 4:
        clause = text.strip(" .")
    words = clause.split()
    return " ".join(words[:30]) + ("…" if len(words) > 30 else "")


def _token_has_address(text: str, start: int, end: int) -> bool:
    """Whether the figure sits in a URL, a path or an e-mail address."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right != -1 else len(text)]
    return "/" in token or "@" in token or "www." in token


def _candidates(doc: Document) -> list[tuple[int, int]]:
    """Every figure-like stretch, the more specific kinds first: a proportion or range, a named
    kind (money, a percentage, a date), a counted thing, a quantified number, a bare number in
    digits. A stretch overlapping one already kept is dropped."""
    low = doc.lower  # None when lower-casing cannot stand in for re.IGNORECASE
    matches = FIGURE_LOW.finditer(low) if low is not None else FIGURE.finditer(doc.text)
    tiers: list[list[tuple[int, int]]] = [[], [(m.start(), m.end()) for m in matches], [], [], []]
    text = doc.text
    numbers = [
        m.start() for m in _NUMBER_STARTS.finditer(text) if _NUMBER_AT.match(text, m.start())
    ]
    quantifiers = [m.start() for m in _QUANTIFIER_STARTS.finditer(doc.text)]
    for tier, pattern, at in (
        (0, PROPORTION, numbers),
        (2, COUNTED, numbers),
        (3, QUANTIFIED, quantifiers),
    ):
        for m in finditer_at(pattern, doc.text, at):
            raw = m.group()
            if _ONE.match(raw) and not (
                " in " in raw or "out of" in raw or _UNIT_AFTER_ONE.match(raw)
            ):
                continue  # "one of the department's strengths", "one-off"
            tiers[tier].append((m.start(), m.end()))
    for m in BARE.finditer(doc.text):
        if not (
            _YEAR.fullmatch(m.group())
            or _after_reference(doc.text, m.start())
            or _CODE.search(doc.text, max(m.start() - 2, 0), m.end() + 2)
        ):
            tiers[4].append((m.start(), m.end()))
    # kept stretches are disjoint, so their starts and ends sort alike, and the one that could
    # overlap a candidate is found by bisection (a scan of all kept ones was quadratic)
    starts: list[int] = []
    ends: list[int] = []
    for candidates in tiers:
        for start, end in sorted(candidates, key=lambda se: (se[0], -se[1])):
            i = bisect.bisect_right(ends, start)
            if i == len(starts) or starts[i] >= end:
                starts.insert(i, start)
                ends.insert(i, end)
    return list(zip(starts, ends, strict=True))


def _after_reference(text: str, at: int) -> bool:
    """Whether a reference word ("section", "page", "no.") ends just before `at`, spaces
    apart. Only the few characters before it are searched, not the whole text up to it."""
    j = at
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return _REFERENCE.search(text, max(0, j - _LONGEST_REFERENCE), at) is not None


def _date_lines(doc: Document) -> list[tuple[int, int]]:
    """The article's own date lines ("Tuesday 15 October 2013 18:36 BST"): not figures."""
    return [
        (b.start, b.end)
        for b in doc.blocks
        if dateline_date(b.text) or _SHORT_DATE_LINE.fullmatch(b.text)
    ]


def find_figures(doc: Document) -> list[FoundFigure]:
    out: list[FoundFigure] = []
    date_lines = _date_lines(doc)
    for start, end in _candidates(doc):
        raw = doc.text[start:end].strip()
        if NOT_FIGURE.match(raw) and not re.search(
            r"third|quarter|half|per| in |out of|-", raw, re.IGNORECASE
        ):
            continue
        if any(s <= start < e for s, e in date_lines) or _token_has_address(doc.text, start, end):
            continue
        sentence = doc.sentence_at(start)
        if not sentence.start <= start < start + len(raw) <= sentence.end:
            continue  # a match across a sentence or paragraph break is not one figure
        seg = sentence.sub(start - sentence.start, start - sentence.start + len(raw))
        out.append(FoundFigure(seg, _meaning(sentence, seg)))
    return out
