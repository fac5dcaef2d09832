"""Strengths, concerns and recommendations, from cue words, contrasts and bulleted lists.

Sentences are cut at their contrasts ("X has improved, but Y remains") and each clause is judged
on its own, because inspection reporting almost always pairs praise with a criticism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.extract.offline.text import (
    Document,
    Segment,
    bullet_body,
    is_bullet,
    split_clauses,
    split_sentences,
)
from summarise.models import ServiceArea

STRONG_POSITIVE = re.compile(
    r"\b(?:praise[ds]?|praising|strengths?|commend(?:s|ed)?|success(?:ful|fully)?|excellent|"
    r"working particularly well|highly satisfied|outstanding)\b",
    re.I,
)
POSITIVE = re.compile(
    r"\b(?:strong|good|well|improved|improving|improvements?|committed|commitment|pleased|"
    r"effective|positive|welcome[ds]?|(?:good|significant|real|steady|considerable|made|making|"
    r"measurable) progress|satisfied|stable|valued?|supported|better|innovative|cutting edge|"
    r"achievement|high proportion|delivering|investment|rated services as|top \d+%|best|"
    r"highlight(?:s|ed)?|manageable|knew their)\b",
    re.I,
)
STRONG_NEGATIVE = re.compile(
    r"\b(?:concerns?|concerned|criticis(?:ed|m|es)|fail(?:ing|ings|ed|ure)?|inadequate|slow(?:ly)?|"
    r"insufficient|special measures|crisis|out of control|(?:changes?|turnover) of (?:social workers?|staff))\b",
    re.I,
)
NEGATIVE = re.compile(
    r"\b(?:delays?|delayed|(?<!learning )difficult(?:y|ies)|(?<!health )problems?|risks?|poor|"
    r"weak(?:ness|nesses)?|inconsisten(?:t|cy|cies)|fragmented|lack(?:s|ing)?|struggl(?:e|es|ing)|"
    r"shortages?|vacanc(?:y|ies)|turnover|overspen(?:t|d|ds)|underfund(?:ed|ing)|volatile|low|"
    r"secretive|disappointing|not all|too many|too few|relatively few|under threat|barriers?|"
    r"much to do|some way to go|room for (?:further )?improvement|need(?:s)? to (?:improve|be|get)|"
    r"not performing|impairs?|harmed|negatively|frequent change|unresolved|obstacles?|pressures?|"
    r"outweighed|insular|warn(?:s|ed|ing)?|missing out|tightening|waiting lists?|too long|"
    r"faster progress)\b",
    re.I,
)
RECOMMEND = re.compile(
    r"\b(?:recommend(?:s|ed|ing|ations?)?|should|must|needs? to|will need to|urged?|calls? for|"
    r"called for|priorit(?:y|ies) for action|has to|ought to)\b",
    re.I,
)
RECOMMENDATION_LEAD = re.compile(
    r"\b(?:priorities for action|recommendations?|recommend(?:s|ed)?|action plan|they include|should)\b.*:\s*$",
    re.I,
)
NEUTRAL_LEAD = re.compile(r":\s*$")

SERVICE_AREA_CUES: list[tuple[ServiceArea, re.Pattern[str]]] = [
    (ServiceArea.child_protection, re.compile(r"child protection|safeguarding|at risk|escalating risk|help and protection", re.I)),
    (
        ServiceArea.looked_after_children,
        re.compile(r"looked[- ]after|children[’']s homes?|in care\b|care leavers?|fostering|adoption|placements?|residential homes", re.I),
    ),
    (ServiceArea.older_people, re.compile(r"older people|elderly|home care|residential care|nursing care", re.I)),
    (ServiceArea.learning_disabilities, re.compile(r"learning (?:disabilit|difficult)", re.I)),
    (ServiceArea.mental_health, re.compile(r"mental health", re.I)),
    (ServiceArea.physical_disabilities, re.compile(r"physical (?:and sensory )?disabilit|sensory", re.I)),
    (ServiceArea.carers, re.compile(r"\bcarers?\b", re.I)),
    (
        ServiceArea.workforce,
        re.compile(r"recruit|retention|retain|staff|social workers?|workforce|vacanc|turnover|case ?loads|supervision", re.I),
    ),
    (ServiceArea.finance, re.compile(r"budget|financ|overspen|cost|value for money|£|fund", re.I)),
    (ServiceArea.partnership, re.compile(r"partnership|joint working|health|NHS|primary care|agencies", re.I)),
    (ServiceArea.adults, re.compile(r"\badults?\b|vulnerable|direct payments", re.I)),
    (ServiceArea.children, re.compile(r"child|young people|family|families", re.I)),
]


@dataclass(frozen=True)
class FoundPoint:
    kind: str  # "strength" | "concern" | "recommendation"
    segment: Segment
    service_area: ServiceArea


def service_area_of(text: str) -> ServiceArea:
    for area, pattern in SERVICE_AREA_CUES:
        if pattern.search(text):
            return area
    return ServiceArea.other


def _score(text: str) -> tuple[int, int]:
    positive = 2 * len(STRONG_POSITIVE.findall(text)) + len(POSITIVE.findall(text))
    negative = 2 * len(STRONG_NEGATIVE.findall(text)) + len(NEGATIVE.findall(text))
    # "not improving", "has not been good" flip praise into criticism.
    flips = len(re.findall(r"\b(?:not|no longer|never|isn[’']t|aren[’']t)\s+(?:\w+\s+)?(?:improv|good|well|enough|quickly)", text, re.I))
    return positive - flips, negative + flips


def classify_clause(text: str) -> str | None:
    """'strength', 'concern', 'recommendation' or None, from the clause's own words."""
    positive, negative = _score(text)
    if RECOMMEND.search(text) and negative == 0 and positive == 0:
        return "recommendation"
    if negative > positive:
        return "concern"
    if positive > negative:
        return "strength"
    if RECOMMEND.search(text):
        return "recommendation"
    return None


def _clause_points(sentence: Segment) -> list[FoundPoint]:
    out: list[FoundPoint] = []
    for clause in split_clauses(sentence):
        kind = classify_clause(clause.text)
        if kind:
            out.append(FoundPoint(kind, clause, service_area_of(clause.text)))
    return out


def find_points(doc: Document, skip: list[tuple[int, int]]) -> list[FoundPoint]:
    """Points from the body's sentences and bullet lists; `skip` are regions to ignore (headline)."""
    out: list[FoundPoint] = []
    list_kind: str | None = None
    for block in doc.blocks:
        if any(s <= block.start < e for s, e in skip) or block.text.isupper():
            continue  # the headline, and ALL-CAPS section headings, are not findings
        if is_bullet(block):
            body = bullet_body(block).stripped(" .;")
            if list_kind == "recommendation":
                out.append(FoundPoint("recommendation", body, service_area_of(body.text)))
            else:
                out.extend(_clause_points(body))
            continue
        if RECOMMENDATION_LEAD.search(block.text):
            list_kind = "recommendation"
        elif NEUTRAL_LEAD.search(block.text):
            list_kind = "mixed"
        else:
            list_kind = None
        for sentence in split_sentences(block):
            if not sentence.text.endswith(":"):
                out.extend(_clause_points(sentence))
    return out
