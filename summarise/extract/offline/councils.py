"""Which councils an article reports on, and so its scope.

Membership is read over the whole article, not one sentence at a time. A council counts when its
sentence or paragraph is about social care (so every council in a list counts with it), when it
is named in the headline or lead, or when it is the only council the article names. A council
named only beside a library, police force or NHS body is not a social services council. A former
council is background when the article also names a successor ("the new unitary replaced
Cheshire County Council"). Nothing is cut down to one "dominant" council: co-subjects stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarise.extract.offline.text import Caseless, Document, Segment
from summarise.gazetteer.index import Authority, Mention
from summarise.gazetteer.mentions import find_mentions
from summarise.gazetteer.spelling import find_misspelt
from summarise.models import Scope

SOCIAL_CARE = re.compile(
    r"social (?:services|care|work)|children[’']s (?:services|social care|homes?)|"
    r"child protection|"
    r"\bcare\b|adults?|older people|fostering|adoption|looked[- ]after|safeguarding|joint review|"
    r"Ofsted|Social Services Inspectorate|\bSSI\b|Commission for Social Care Inspection|\bCSCI\b|"
    r"Care Quality Commission|\bCQC\b|star rating|\bstars?\b|inspect|disabilit|mental health|"
    r"vulnerable|carers|the (?:council|authority|department)",
    re.IGNORECASE,
)
NOT_SOCIAL_CARE = re.compile(
    r"\blibrar(?:y|ies)\b|\bmarkets?\b|\bwaste\b|\bhighways?\b|\bplanning\b|\bhousing benefit\b|"
    r"\bleisure\b|\bparks?\b|\btrading standards\b|\bfire\b|\bpolice\b|"
    r"\bschools? (?:improvement|transport)\b",
    re.IGNORECASE,
)
# A lead about the country, a policy or a national report: its councils are examples.
NATIONAL_CUES = re.compile(
    r"\bchief inspector\b|\bannual report\b|\bnational(?:ly)?\b|\b(?:in|across|throughout) "
    r"(?:England|Wales|Britain|the UK|the country)\b|\bEnglish (?:councils|local authorities)\b|"
    r"\b(?:all|every|most|many) (?:councils|local authorities)\b|\bcouncils in England\b|"
    r"\bstate of the nation\b|\bgovernment(?:[’']s)?\b|\bminister\b|\breforms?\b|\bplans?\b",
    re.IGNORECASE,
)
_NUMBER = (
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty"
)
# "Twelve councils", "nine authorities", "ten local authority departments": a headline or lead
# that counts the councils it is about announces a round-up, not a national story.
COUNTED_COUNCILS = re.compile(
    rf"(?<![-–])\b(?:{_NUMBER})[^\S\n]+(?:[\w’'-]+[^\S\n]+){{0,2}}"
    r"(?:councils|authorities|departments|boroughs|counties)\b"
    r"(?!\s+(?:in|across)\s+(?:England|Wales))",
    re.IGNORECASE,
)
# A council "graded" in a sentence: a rating word nearby. A national article lists only these.
GRADED = re.compile(
    r"\brat(?:ed|ing|ings)\b|\bjudged\b|\bgraded\b|\bassessed as\b|\bstars?\b|\boutstanding\b|"
    r"\binadequate\b|\brequires? improvement\b|\bpeople well\b|\bprospects\b",
    re.IGNORECASE,
)
_LEAD_MIN_WORDS = 8

_SOCIAL_CARE = Caseless(SOCIAL_CARE)
_NOT_SOCIAL_CARE = Caseless(NOT_SOCIAL_CARE)


@dataclass
class CouncilEvidence:
    authority: Authority
    mentions: list[Mention] = field(default_factory=list)
    social_care_mentions: int = 0
    in_lead: bool = False
    graded: bool = False


def lead_end(doc: Document, paragraphs: int = 2) -> int:
    """End of the headline and the first two real paragraphs: a standfirst or a caption may
    come before the lead sentence, and date lines are skipped."""
    seen = 0
    for block in doc.blocks:
        if block.start >= doc.body_start and len(block.text.split()) >= _LEAD_MIN_WORDS:
            seen += 1
            if seen == paragraphs:
                return block.end
    return doc.blocks[-1].end if doc.blocks else 0


class _Topic:
    """Whether a sentence or paragraph is about social care, computed once per segment."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.cache: dict[tuple[int, int], tuple[bool, bool]] = {}

    def of(self, seg: Segment) -> tuple[bool, bool]:
        """(about social care, about another service)."""
        key = (seg.start, seg.end)
        if key not in self.cache:
            self.cache[key] = (
                _SOCIAL_CARE.search(self.doc, seg),
                _NOT_SOCIAL_CARE.search(self.doc, seg),
            )
        return self.cache[key]


def _gather(doc: Document, mentions: list[Mention], lead: int) -> dict[str, CouncilEvidence]:
    found: dict[str, CouncilEvidence] = {}
    topic = _Topic(doc)
    for m in mentions:
        ev = found.setdefault(m.authority.name, CouncilEvidence(m.authority))
        ev.mentions.append(m)
        sentence = doc.sentence_at(m.start)
        block = doc.blocks[doc.block_index_at(m.start)]
        care, other = topic.of(sentence)
        # The paragraph speaks for a list sentence ("These include Kent, Essex and Bury.").
        if not other and (care or topic.of(block)[0]):
            ev.social_care_mentions += 1
        if m.start < lead:
            ev.in_lead = True
        if not other and GRADED.search(sentence.text):
            ev.graded = True
    return found


def reported_councils(
    doc: Document, mentions: list[Mention] | None = None
) -> list[CouncilEvidence]:
    """Councils the article reports on, most-mentioned first (ties by first mention)."""
    if mentions is None:
        mentions = find_mentions(doc.text)
    mentions = sorted(mentions + find_misspelt(doc.text, mentions), key=lambda m: m.start)
    evidence = _gather(doc, mentions, lead_end(doc))
    care = _SOCIAL_CARE.search(doc, whole(doc))
    only_one = len(evidence) == 1 and care
    chosen = [
        ev
        for ev in evidence.values()
        if ev.social_care_mentions > 0 or ev.in_lead or only_one or (ev.graded and care)
    ]
    named = {ev.authority.name for ev in chosen}
    chosen = [ev for ev in chosen if not set(ev.authority.successors) & named]
    chosen.sort(key=lambda ev: (-ev.social_care_mentions, -len(ev.mentions), ev.mentions[0].start))
    return chosen


def whole(doc: Document) -> Segment:
    return Segment(0, len(doc.text), doc.text)


def decide_scope(doc: Document, councils: list[CouncilEvidence]) -> Scope:
    """National when no council leads and the lead speaks of the country; else one or many."""
    if not councils:
        return Scope.national
    lead = doc.text[: lead_end(doc)]
    opening = lead_end(doc, paragraphs=1)
    if (
        not any(ev.mentions[0].start < opening for ev in councils)
        and NATIONAL_CUES.search(lead)
        and not (len(councils) > 1 and COUNTED_COUNCILS.search(lead))
    ):
        return Scope.national
    if len(councils) == 1:
        return Scope.council
    top, second = councils[0], councils[1]
    # A passing mention of a neighbour does not make an article a round-up.
    if second.in_lead:
        return Scope.multi_council
    if top.social_care_mentions >= 3 * max(second.social_care_mentions, 1):
        return Scope.council
    if len(top.mentions) >= 3 * len(second.mentions):
        return Scope.council
    return Scope.multi_council


def listed_councils(scope: Scope, councils: list[CouncilEvidence]) -> list[CouncilEvidence]:
    """A national article lists only the councils it grades, so their briefings get the fact."""
    if scope == Scope.national:
        return [ev for ev in councils if ev.graded]
    return councils


def mentioned_as(ev: CouncilEvidence) -> list[str]:
    seen: list[str] = []
    for m in ev.mentions:
        if m.text not in seen:
            seen.append(m.text)
    return seen
