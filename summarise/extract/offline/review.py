"""What kind of review an article reports, who carried it out, and the judgements it gave."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.extract.offline.dates import MONTHS, month_of_event, month_year, years_ago
from summarise.extract.offline.text import Caseless, Document, Segment
from summarise.models import Aspect, Body, ReviewType

BODY_PATTERNS: list[tuple[Body, re.Pattern[str]]] = [
    (Body.audit_commission, re.compile(r"\bAudit Commission\b")),
    (
        Body.social_services_inspectorate,
        re.compile(r"\bSocial Services Inspectorate\b|\bSSI\b|\bSSIW\b"),
    ),
    (Body.ofsted, re.compile(r"\bOfsted\b|\bOFSTED\b|Office for Standards in Education")),
    (Body.csci, re.compile(r"Commission for Social Care Inspection|\bCSCI\b")),
    (Body.cqc, re.compile(r"Care Quality Commission|\bCQC\b")),
    (
        Body.ciw,
        re.compile(
            r"Care Inspectorate Wales|\bCIW\b|Care and Social Services Inspectorate Wales|\bCSSIW\b"
        ),
    ),
    (Body.best_value, re.compile(r"Best Value Inspection Service|Best Value Inspectorate")),
    # Inspectorates outside the contract's list that join social care inspections.
    (
        Body.other,
        re.compile(
            r"\bHMICFRS\b|HM Inspectorate of (?:Constabulary|Probation|Prisons)|"
            r"Healthcare Inspectorate Wales|\bHIW\b|\bEstyn\b"
        ),
    ),
]


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
_REVIEW_DATE = re.compile(
    rf"\b(?:inspection|review|visit|assessment)\b[^.]{{0,40}}?\b(?:in|during|on|between)\s+(?:\d{{1,2}}\s+)?"
    rf"(?P<m>{MONTHS})\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{MONTHS})\s+(?P<y2>(?:19|20)\d\d)\s+(?:inspection|review|visit|assessment)\b",
    re.IGNORECASE,
)


# The same without its groups, to check the whole text for any review date in one pass.
_REVIEW_DATE_PLAIN = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _REVIEW_DATE.pattern), re.IGNORECASE)
_MONTH_NAME = re.compile(rf"(?:{MONTHS})\b")
_YEAR = re.compile(r"(?:19|20)\d\d")


_REVIEW_DATE_ANY = Caseless(_REVIEW_DATE_PLAIN)


def find_review_date(doc: Document, published: str | None = None) -> str | None:
    """The review's own date, when the text gives one ("the inspection, carried out in January 2022").

    "January's inspection" counts too when the publication date fixes its year.
    """
    if not _MONTH_NAME.search(doc.text):
        return None  # every review date names a month
    whole = Segment(0, len(doc.text), doc.text)
    # A sentence can only hold "January's inspection" if the whole text does.
    events = month_of_event(doc.text, published) is not None
    if not events and not _REVIEW_DATE_ANY.search(doc, whole):
        return None  # one search of the whole text spares a search per sentence
    for s in doc.sentences:
        if events and (relative := month_of_event(s.text, published)):
            return relative
        if not _YEAR.search(s.text):
            continue  # _REVIEW_DATE needs a year
        if re.search(r"\b(?:since|previous(?:ly)?|last|will|next)\b", s.text, re.IGNORECASE):
            continue
        m = _REVIEW_DATE.search(s.text)
        if m:
            return month_year(m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
    return None


# Substrings one of which each body's pattern needs: a plain `in` check is far cheaper than re.
BODY_HINTS: dict[Body, tuple[str, ...]] = {
    Body.audit_commission: ("Audit Commission",),
    Body.social_services_inspectorate: ("Social Services Inspectorate", "SSI"),
    Body.ofsted: ("Ofsted", "OFSTED", "Office for Standards"),
    Body.csci: ("Commission for Social Care", "CSCI"),
    Body.cqc: ("Care Quality Commission", "CQC"),
    Body.ciw: ("Care Inspectorate Wales", "CIW", "CSSIW", "Inspectorate Wales"),
    Body.best_value: ("Best Value Insp",),
    Body.other: ("HMICFRS", "HM Inspectorate", "Healthcare Inspectorate", "HIW", "Estyn"),
}


def find_bodies(text: str, review_type: ReviewType) -> list[Body]:
    found = set()
    for body, pattern in BODY_PATTERNS:
        # The hint only rules a body out; the pattern decides ("Healthcare Inspectorate Wales"
        # holds a hint of CIW but is not CIW).
        if any(hint in text for hint in BODY_HINTS[body]) and pattern.search(text):
            found.add(body)
    if review_type == ReviewType.joint_review:
        found |= {Body.audit_commission, Body.social_services_inspectorate}
    return [body for body, _ in BODY_PATTERNS if body in found]


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
