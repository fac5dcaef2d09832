"""What kind of review an article reports, decided from what it reports, not any word it holds.

News writing states its subject in the headline and the lead, and mentions other reviews later as
background ("the council's 2002 joint review found ..."). So every cue counts with the weight of
where it stands: headline, lead, then body, once per sentence. The heaviest kind wins; ties go to
the more specific kind. A cue that only qualifies another ("the joint review team's annual
report") gives way to the noun it qualifies. The Care Quality Commission's ratings of a council's
adult social care on the four-point scale are its local authority assessments, so an article
reporting one is a `performance_assessment` whatever word the reporter uses ("inspection").
"""

from __future__ import annotations

import re

from summarise.extract.offline.councils import lead_end
from summarise.extract.offline.required import Gated, possible_in
from summarise.extract.offline.text import Document, Segment
from summarise.models import ReviewType

__all__ = ["REVIEW_CUES", "find_review_type"]

_I = re.IGNORECASE
# Most specific first: the order breaks ties.
REVIEW_CUES: list[tuple[ReviewType, re.Pattern[str]]] = [
    (ReviewType.monitoring_visit, re.compile(r"\bmonitoring visits?\b", _I)),
    (ReviewType.focused_visit, re.compile(r"\bfocused visits?\b", _I)),
    (
        ReviewType.joint_review,
        re.compile(
            r"\bjoint reviews?\b(?! questionnaire)|"
            r"Audit Commission\s+and\s+(?:the\s+)?Social Services Inspectorate|"
            r"Social Services Inspectorate\s+and\s+(?:the\s+)?Audit Commission"
        ),
    ),
    (
        ReviewType.star_rating,
        re.compile(
            r"\bstar (?:performance )?ratings?\b|\b(?:zero|no|one|two|three|[0-3])[- ]stars?\b", _I
        ),
    ),
    (ReviewType.annual_report, re.compile(r"\bannual (?:\w+ )?report\b", _I)),
    (
        ReviewType.performance_assessment,
        re.compile(
            r"\bperformance assessments?\b|\bAPAs?\b|\bCPA\b|"
            r"\b(?:annual|local authority|council|children[’']s services|formal) assessments?\b|"
            r"\bassess(?:ed|ing|ments?)? (?:of |on )?(?:local authorities|councils)\b|"
            r"\b(?:councils|authorities|authority|council) (?:\w+ ){0,2}(?:be |been |was |were )"
            r"assessed\b|\bassessed by the (?:regulator|watchdog|CQC|Care Quality Commission)\b",
            _I,
        ),
    ),
    (
        ReviewType.other,
        re.compile(
            r"\bcommissioners?\b|\bstripped of\b|\btak(?:e|en|ing|es) over\b|"
            r"\b(?:government|ministerial|statutory) intervention\b|\bintervene[ds]?\b|"
            r"\bimprovement notice\b|\bstatutory direction\b",
            _I,
        ),
    ),
    (
        ReviewType.inspection,
        re.compile(r"\binspect(?:ion|ions|ed)\b|\bjoint area reviews?\b", _I),
    ),
]
# What every review has (inspectors who find, a visit, an inspectorate): an inspection of an
# unnamed kind, counted only when the article names no kind at all.
_UNNAMED = re.compile(
    r"\binspector(?:s|ate)(?:[’']s?)? (?:\w+ )?(?:found|report|visited|raised|judged)\b|"
    r"\b(?:Ofsted|CQC|inspectors?|inspection|regulator)(?:[’']s?)? (?:\w+ ){0,2}visit(?:s|ed)?\b|"
    r"\bOfsted\b|\bCare Quality Commission\b|\bCQC\b|\bCSSIW\b|\bCare Inspectorate Wales\b|"
    r"\bCommission for Social Care Inspection\b|\bCSCI\b|\bSocial Services Inspectorate\b",
    _I,
)
# Between a qualifying cue and its noun: a possessive and up to three words, no punctuation.
_QUALIFYING_GAP = re.compile(r"(?:[’']s)?(?:\s+[\w’'-]+){0,3}\s+")
# "face being taken over", "after previously being subject to intervention": a threat or a past
# event is background, not what the article reports.
_THREAT = re.compile(
    r"\b(?:face|faces|facing|could|may|might|would|threat|risk|or|previously|formerly|earlier)"
    r"\W+(?:\w+\W+){0,3}$",
    _I,
)
# The CQC rating a council's adult social care on Ofsted's four-point scale: its assessment.
_CQC_COUNCIL_RATING = re.compile(
    r"(?=.*\b(?:CQC|Care Quality Commission)\b)(?=.*\badult social care\b|.*\bcouncil\b)"
    r"(?=.*\brat(?:ed|ing)\b[^.]{0,60}\b(?:outstanding|good|requires improvement|inadequate)\b)",
    _I,
)
_CQC = re.compile(r"\bCQC\b|\bCare Quality Commission\b")
_HEADLINE, _LEAD, _BODY = 4.0, 2.0, 1.0
# Most sentences hold no cue at all: a substring test rules a pattern out before re scans.
_GATED = [(kind, Gated(pattern)) for kind, pattern in REVIEW_CUES]
_CQC_COUNCIL_RATING_GATED = Gated(_CQC_COUNCIL_RATING)


def _weight(doc: Document, start: int, lead: int) -> float:
    if start < doc.body_start:
        return _HEADLINE
    return _LEAD if start < lead else _BODY


def _cues(
    sentence: Segment, cues: list[tuple[ReviewType, Gated]] = _GATED
) -> list[tuple[int, int, ReviewType]]:
    """Each kind's cues in the sentence, without those that qualify a later cue of another kind.

    `cues`: the kinds whose patterns can match in this sentence (`_possible`), in REVIEW_CUES
    order; the others would find nothing.
    """
    found = [
        (m.start(), m.end(), kind)
        for kind, gated in cues
        for m in gated.pattern.finditer(sentence.text)
    ]
    return [
        (s, e, kind)
        for s, e, kind in found
        if not any(
            k != kind and s2 >= e and _QUALIFYING_GAP.fullmatch(sentence.text, e, s2)
            for s2, _, k in found
        )
        and not (kind == ReviewType.other and _THREAT.search(sentence.text, 0, s))
    ]


def _possible(doc: Document) -> tuple[list[list[tuple[ReviewType, Gated]]], set[int] | range]:
    """Per sentence, the cue kinds that can match there, and the sentences where the CQC rating
    can: found from where each pattern's required words occur, not by testing every sentence."""
    sentences = doc.sentences
    low = doc.lower
    if low is None:
        return [_GATED] * len(sentences), range(len(sentences))
    spans = [(s.start, s.end) for s in sentences]
    cues: list[list[tuple[ReviewType, Gated]]] = [[] for _ in sentences]
    memo: dict[tuple[str, ...], set[int]] = {}
    for kind, gated in _GATED:
        where = possible_in(gated, low, spans, memo)
        for i in range(len(sentences)) if where is None else where:
            cues[i].append((kind, gated))
    cqc = possible_in(_CQC_COUNCIL_RATING_GATED, low, spans, memo)
    return cues, range(len(sentences)) if cqc is None else set(cqc)


def find_review_type(doc: Document) -> ReviewType:
    """The kind of review the article reports; `other` when it names none."""
    lead = lead_end(doc)
    scores: dict[ReviewType, float] = {}
    cqc_rating = False
    cues, cqc = _possible(doc)
    for i, sentence in enumerate(doc.sentences):
        kinds = {kind for _, _, kind in _cues(sentence, cues[i])} if cues[i] else set()
        weight = _weight(doc, sentence.start, lead)
        for kind in kinds:
            scores[kind] = scores.get(kind, 0.0) + weight
        cqc_rating = cqc_rating or (i in cqc and bool(_CQC_COUNCIL_RATING.match(sentence.text)))
    # The CQC assesses councils; whatever the reporter calls it, that is the assessment.
    if cqc_rating or (ReviewType.performance_assessment in scores and _CQC.search(doc.text)):
        moved = scores.pop(ReviewType.inspection, 0.0) + _LEAD
        scores[ReviewType.performance_assessment] = (
            scores.get(ReviewType.performance_assessment, 0.0) + moved
        )
    if not scores:
        return ReviewType.inspection if _UNNAMED.search(doc.text) else ReviewType.other
    order = [kind for kind, _ in REVIEW_CUES]
    return max(scores, key=lambda kind: (scores[kind], -order.index(kind)))
