"""Which councils an article reports on, and so its scope.

An article names many places; only councils whose social services it reports on count. A council
counts when it is named in a sentence about social care, in the headline or lead, or repeatedly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarise.extract.offline.text import Caseless, Document
from summarise.gazetteer.lookup import Authority, Mention
from summarise.gazetteer.mentions import find_mentions
from summarise.models import ReviewType, Scope

SOCIAL_CARE = re.compile(
    r"social (?:services|care|work)|children[’']s (?:services|social care|homes?)|child protection|"
    r"\bcare\b|adults?|older people|fostering|adoption|looked[- ]after|safeguarding|joint review|"
    r"Ofsted|Social Services Inspectorate|\bSSI\b|Commission for Social Care Inspection|\bCSCI\b|"
    r"Care Quality Commission|\bCQC\b|star rating|\bstars?\b|inspect|disabilit|mental health|"
    r"vulnerable|carers|the (?:council|authority|department)",
    re.IGNORECASE,
)
NOT_SOCIAL_CARE = re.compile(
    r"\blibrar(?:y|ies)\b|\bmarkets?\b|\bwaste\b|\bhighways?\b|\bplanning\b|\bhousing benefit\b|"
    r"\bleisure\b|\bparks?\b|\btrading standards\b|\bfire\b|\bpolice\b|\bschools? (?:improvement|transport)\b",
    re.IGNORECASE,
)
NATIONAL_CUES = re.compile(
    r"\bchief inspector\b|\bannual report\b|\bnationally\b|\bacross (?:England|Wales|the country)\b|"
    r"\ball councils\b|\bcouncils in England\b|\bstate of the nation\b|\bgovernment[’']s\b",
    re.IGNORECASE,
)


_SOCIAL_CARE = Caseless(SOCIAL_CARE)
_NOT_SOCIAL_CARE = Caseless(NOT_SOCIAL_CARE)


@dataclass
class CouncilEvidence:
    authority: Authority
    mentions: list[Mention] = field(default_factory=list)
    social_care_mentions: int = 0
    in_lead: bool = False


def _gather(doc: Document, mentions: list[Mention], lead_end: int) -> dict[str, CouncilEvidence]:
    found: dict[str, CouncilEvidence] = {}
    verdicts: dict[int, bool] = {}  # per sentence: is it about social care?
    for m in mentions:
        ev = found.setdefault(m.authority.name, CouncilEvidence(m.authority))
        ev.mentions.append(m)
        sentence = doc.sentence_at(m.start)
        if sentence.start not in verdicts:
            verdicts[sentence.start] = _SOCIAL_CARE.search(
                doc, sentence
            ) and not _NOT_SOCIAL_CARE.search(doc, sentence)
        if verdicts[sentence.start]:
            ev.social_care_mentions += 1
        if m.start < lead_end:
            ev.in_lead = True
    return found


def reported_councils(
    doc: Document, mentions: list[Mention] | None = None
) -> list[CouncilEvidence]:
    """Councils the article reports on, most-mentioned first (ties by first mention)."""
    lead_end = doc.blocks[min(2, len(doc.blocks) - 1)].end if doc.blocks else 0
    if mentions is None:
        mentions = find_mentions(doc.text)
    evidence = _gather(doc, mentions, lead_end)
    chosen = [
        ev
        for ev in evidence.values()
        if ev.social_care_mentions > 0 or (ev.in_lead and len(evidence) == 1)
    ]
    chosen.sort(key=lambda ev: (-ev.social_care_mentions, -len(ev.mentions), ev.mentions[0].start))
    return chosen


def decide_scope(doc: Document, councils: list[CouncilEvidence], review_type: ReviewType) -> Scope:
    if not councils:
        return Scope.national
    lead = doc.text[: doc.blocks[min(2, len(doc.blocks) - 1)].end] if doc.blocks else ""
    council_in_lead = any(ev.in_lead for ev in councils)
    if (
        review_type == ReviewType.annual_report
        and not council_in_lead
        and NATIONAL_CUES.search(lead)
    ):
        return Scope.national
    if len(councils) == 1:
        return Scope.council
    top, second = councils[0], councils[1]
    # A passing mention of a neighbour does not make an article a round-up.
    if top.social_care_mentions >= 3 * max(second.social_care_mentions, 1) and not second.in_lead:
        return Scope.council
    return Scope.multi_council


def mentioned_as(ev: CouncilEvidence) -> list[str]:
    seen: list[str] = []
    for m in ev.mentions:
        if m.text not in seen:
            seen.append(m.text)
    return seen
