"""Numbers as written ("83%", "£9million", "two thirds", "September 2002") and what they measure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.extract.offline.dates import MONTHS
from summarise.extract.offline.firstchar import first_char_union, unverbose
from summarise.extract.offline.text import Document, Segment

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


def find_figures(doc: Document) -> list[FoundFigure]:
    out: list[FoundFigure] = []
    seen: set[tuple[int, int]] = set()
    low = doc.lower  # None when lower-casing cannot stand in for re.IGNORECASE
    matches = FIGURE_LOW.finditer(low) if low is not None else FIGURE.finditer(doc.text)
    for m in matches:  # one pass over the text, not one per sentence
        raw = doc.text[m.start() : m.end()].strip()
        if NOT_FIGURE.match(raw) and not re.search(r"third|quarter|half|per", raw, re.IGNORECASE):
            continue
        sentence = doc.sentence_at(m.start())
        if not sentence.start <= m.start() < m.start() + len(raw) <= sentence.end:
            continue  # a match across a sentence or paragraph break is not one figure
        seg = sentence.sub(m.start() - sentence.start, m.start() - sentence.start + len(raw))
        if (seg.start, seg.end) in seen:
            continue
        seen.add((seg.start, seg.end))
        out.append(FoundFigure(seg, _meaning(sentence, seg)))
    return out
