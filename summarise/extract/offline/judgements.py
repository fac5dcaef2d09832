"""The judgements a review gave: which aspect, which value, and where the text says so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.extract.offline.dates import MONTHS, month_year, years_ago
from summarise.extract.offline.text import Caseless, Document, Segment
from summarise.models import Aspect, ReviewType


@dataclass(frozen=True)
class FoundJudgement:
    aspect: Aspect
    value: str
    evidence: Segment
    date: str | None = None


_SERVING = re.compile(
    r"\b(?P<neg>not\s+)?serv(?:e|es|ed|ing)\s+(?:(?P<q>all|most|some)\s+(?:of\s+the\s+)?)?people\s+well\b",
    re.IGNORECASE,
)
_PROSPECTS = [
    re.compile(r"\b(?P<v>excellent|promising|uncertain|poor)\s+prospects\b", re.IGNORECASE),
    re.compile(
        r"\bprospects\s+(?:for\s+(?:continued\s+)?improvement\s+)?(?:are|were|is|was|as|remain|judged|looked)\s+"
        r"(?:to\s+be\s+)?[“\"']?(?P<v>excellent|promising|uncertain|poor)\b",
        re.IGNORECASE,
    ),
]
OFSTED_VALUES = r"outstanding|good|requires improvement(?: to be good)?|inadequate"
_EFFECTIVENESS = [
    re.compile(
        r"\b(?:(?P<pre>\w+)\s+)?(?P<subject>\w+(?:[’']s)?)\s+(?:(?:was|were|has been|had been|is|are|been)\s+)?"
        r"(?:rated|judged|ruled|graded|found to be|deemed|assessed as|declared)\s+(?:as\s+|to\s+be\s+)?"
        rf"[“\"']?(?P<v>{OFSTED_VALUES})\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?P<v>{OFSTED_VALUES})\s+(?:rating|judgement|grade|verdict)\b", re.IGNORECASE),
    re.compile(rf"\brat(?:ing|ed)\s+of\s+[“\"']?(?P<v>{OFSTED_VALUES})\b", re.IGNORECASE),
    re.compile(
        r"\b(?:judged|rated|ruled|found|graded)\s+(?:the\s+)?(?:council[’']s\s+|authority[’']s\s+|its\s+)?"
        rf"(?:children[’']s\s+services|adult social care|services|council|authority|it)\s+(?:as\s+|to\s+be\s+)?(?P<v>{OFSTED_VALUES})\b",
        re.IGNORECASE,
    ),
]
# Sub-judgements ("adoption was rated good") are points, not the overall judgement.
SUB_AREAS = frozenset(
    [
        "adoption",
        "fostering",
        "leadership",
        "leaders",
        "management",
        "safeguarding",
        "leavers",
        "care",
        "help",
        "protection",
        "experiences",
        "progress",
        "practice",
    ]
)
_STARS = re.compile(
    r"\b(?P<v>zero|no|one|two|three|[0-3])[- ]stars?\b(?![- ]rating\s+system)", re.IGNORECASE
)
STAR_WORDS = {"zero": "0", "no": "0", "one": "1", "two": "2", "three": "3"}
_PROGRESS = re.compile(
    r"\b(?:(?P<v>insufficient|sufficient|inadequate|adequate)\s+progress|"
    r"(?P<neg>not\s+(?:making\s+)?(?:enough|sufficient)\s+progress))\b",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(rf"\b(?:in|since|from)\s+(?:(?P<m>{MONTHS})\s+)?(?P<y>(?:19|20)\d\d)\b")


def _judgement_date(sentence: Segment, rel_end: int, published: str | None) -> str | None:
    m = _DATE_AFTER.search(sentence.text, rel_end, rel_end + 40)
    if m:
        return month_year(m.group("m"), m.group("y"))
    return years_ago(sentence.text, published)


# Every judgement pattern needs one of these words; one search skips most sentences cheaply.
_JUDGEMENT_HINT = Caseless(
    re.compile(
        r"people\s+well|prospects|rat(?:ed|ing)|judge|ruled|grade|verdict|stars?\b|progress|deemed|"
        r"assessed|declared|found\s+to\s+be"
    )
)


def find_judgements(
    doc: Document, review_type: ReviewType, published: str | None = None
) -> list[FoundJudgement]:
    """Every judgement phrase, in text order; the caller keeps the first per aspect and council."""
    out: list[FoundJudgement] = []
    hints = {doc.sentence_at(m.start()).start for m in _JUDGEMENT_HINT.finditer(doc)}
    for s in doc.sentences:
        if s.start in hints:
            out.extend(_sentence_judgements(doc, s, review_type, published))
    return out


# Words each judgement pattern cannot match without: checking them first skips most patterns.
_VALUE_WORDS = ("outstanding", "good", "requires improvement", "inadequate")
_JUDGED_WORDS = (
    "rated",
    "judged",
    "ruled",
    "graded",
    "found to be",
    "deemed",
    "assessed as",
    "declared",
)


def _sentence_judgements(
    doc: Document, s: Segment, review_type: ReviewType, published: str | None
) -> list[FoundJudgement]:
    out: list[FoundJudgement] = []
    t = s.text
    if doc.may_contain(s, "people"):
        for m in _SERVING.finditer(t):
            value = "not" if m.group("neg") else (m.group("q") or "all").lower()
            out.append(FoundJudgement(Aspect.serving_people, value, s))
    if doc.may_contain(s, "prospects"):
        for pattern in _PROSPECTS:
            for m in pattern.finditer(t):
                out.append(FoundJudgement(Aspect.prospects, m.group("v").lower(), s))
    if doc.may_contain(s, *_VALUE_WORDS):
        for i, pattern in enumerate(_EFFECTIVENESS):
            if i == 0 and not doc.may_contain(s, *_JUDGED_WORDS):
                continue
            for m in pattern.finditer(t):
                words = {(m.groupdict().get(k) or "").lower() for k in ("pre", "subject")}
                if words & SUB_AREAS:
                    continue
                value = m.group("v").lower()
                value = "requires_improvement" if value.startswith("requires") else value
                out.append(
                    FoundJudgement(
                        Aspect.overall_effectiveness,
                        value,
                        s,
                        _judgement_date(s, m.end(), published),
                    )
                )
    if doc.may_contain(s, "star"):
        for m in _STARS.finditer(t):
            raw = m.group("v").lower()
            out.append(FoundJudgement(Aspect.star_rating, STAR_WORDS.get(raw, raw), s))
    if review_type in (ReviewType.monitoring_visit, ReviewType.focused_visit) and doc.may_contain(
        s, "progress"
    ):
        for m in _PROGRESS.finditer(t):
            v = (m.group("v") or "").lower()
            value = "sufficient" if v in ("sufficient", "adequate") else "insufficient"
            out.append(FoundJudgement(Aspect.progress, value, s))
    return out
