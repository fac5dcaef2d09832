"""Quotations and who said them.

British reporting runs one speaker's quote over several paragraphs: each paragraph reopens the
quote mark (or, after lost-quote repair, simply goes on) and only the last one closes it. Each
paragraph becomes its own Quote, so that every span stays inside one paragraph, and all of them
carry the speaker of the first.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from summarise.extract.offline.people import SPEECH_VERBS, PersonMention, resolve_reference
from summarise.extract.offline.text import Document, Segment

OPENERS = "“‘\"'`"
BODY_WORDS = re.compile(
    r"\b(report|reports|inspectors?|review|reviewers|Ofsted|watchdog|Commission|Inspectorate|"
    r"CSCI|CQC|SSI|study|survey|document|findings)\b"
)
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b")
_AFTER_VERB_FIRST = re.compile(rf"^\s*,?\s*(?:{SPEECH_VERBS})\s+(?P<subj>[^.;:“”\"]{{1,120}})")
_AFTER_SUBJ_FIRST = re.compile(rf"^\s*,?\s*(?P<subj>[^.;:“”\",]{{1,60}}?)\s+(?:{SPEECH_VERBS})\b")
_ANONYMOUS = re.compile(
    r"\b(?:A|An|One|Another|a|an|one|another)\s+(?P<role>(?:[a-z][a-z’'-]*\s+){0,3}?"
    r"(?:manager|worker|officer|parent|carer|inspector|councillor|member|resident|user|"
    r"spokesman|spokeswoman|spokesperson|source|director|nurse|social worker|teacher|official))\b"
)
_DOUBLE_QUOTES = re.compile('[“”"]')
PRONOUN = re.compile(r"\b(?:he|she|He|She)\s*$")
MIN_WORDS = 3


@dataclass
class QuoteChain:
    """One speaker's quote, possibly running over several paragraphs."""

    parts: list[Segment] = field(default_factory=list)
    open_at: int = 0
    close_at: int = 0
    first_block: int = 0
    last_block: int = 0
    speaker: PersonMention | None = None
    role: str | None = None
    organisation: str | None = None


def _is_open_double(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "“":
        return True
    if ch == '"':
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        return (prev.isspace() or prev in "([—–-:") and not nxt.isspace()
    return False


def _is_close_double(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "”":
        return True
    if ch == '"':
        return not _is_open_double(text, i)
    return False


def _scan_block(block: Segment, carrying: bool) -> tuple[list[tuple[int, int, bool]], bool]:
    """Quoted stretches of one paragraph as (start, end, closed) relative offsets.

    Returns the stretches and whether the paragraph ends inside an open quote.
    """
    text = block.text
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    marks = [m.start() for m in _DOUBLE_QUOTES.finditer(text)]  # only these can open or close
    if carrying:
        if text[0] in OPENERS:
            open_at = 1
        else:
            first_close = next((i for i in marks if _is_close_double(text, i)), None)
            first_open = next((i for i in marks if _is_open_double(text, i)), None)
            if first_close is not None and (first_open is None or first_close < first_open):
                open_at = 0
    for i in marks:
        if open_at is None:
            if _is_open_double(text, i):
                open_at = i + 1
        elif _is_close_double(text, i) and i >= open_at:
            out.append((open_at, i, True))
            open_at = None
    if open_at is not None and open_at < len(text):
        out.append((open_at, len(text), False))
        return out, True
    return out, False


def find_quote_chains(doc: Document) -> list[QuoteChain]:
    chains: list[QuoteChain] = []
    carrying: QuoteChain | None = None
    for bi, block in enumerate(doc.blocks):
        stretches, ends_open = _scan_block(block, carrying is not None)
        for rs, re_, closed in stretches:
            part = block.sub(rs, re_).stripped(" ,")
            if carrying is not None and rs <= 1:
                chain = carrying
            else:
                chain = QuoteChain(open_at=block.start + rs - 1, first_block=bi)
                chains.append(chain)
            carrying = None
            if part.text:
                chain.parts.append(part)
            chain.last_block = bi
            chain.close_at = block.start + re_ + (1 if closed else 0)
            if not closed:
                carrying = chain
        if not stretches or not ends_open:
            carrying = None
    return [c for c in chains if sum(len(p.text.split()) for p in c.parts) >= MIN_WORDS]


def _lead_in(doc: Document, chain: QuoteChain) -> str:
    """The words before a quote that usually say who is speaking."""
    sentence = doc.sentence_at(chain.open_at)
    lead = doc.text[sentence.start : chain.open_at].strip()
    if not lead and chain.first_block > 0:
        prev = doc.blocks[chain.first_block - 1]
        if prev.text.rstrip().endswith(":"):
            lead = doc.sentence_at(prev.end - 1).text
    return lead


def _tail(doc: Document, chain: QuoteChain) -> str:
    block = doc.blocks[chain.last_block]
    return doc.text[chain.close_at : block.end]


def attribute(
    doc: Document,
    chains: list[QuoteChain],
    people: list[PersonMention],
    bodies_named: list[str],
) -> None:
    """Fill each chain's speaker (or anonymous role / organisation) in place."""
    last_speaker: tuple[int, PersonMention] | None = None
    last_chain: QuoteChain | None = None
    index = _PeopleIndex(people)
    for chain in chains:
        lead = _lead_in(doc, chain)
        tail = _tail(doc, chain)
        subject: str | None = None
        subject_end = chain.open_at
        if (m := _AFTER_VERB_FIRST.match(tail)) or (m := _AFTER_SUBJ_FIRST.match(tail)):
            subject = m.group("subj")
            subject_end = chain.close_at + m.end()
        elif verbs := list(_VERB.finditer(lead)):
            subject = lead[: verbs[-1].start()]
        if subject is not None:
            _resolve(chain, subject, subject_end, index, last_speaker, bodies_named)
        elif last_chain is not None and last_chain.last_block == chain.first_block - 1 and not lead:
            chain.speaker, chain.role, chain.organisation = (
                last_chain.speaker,
                last_chain.role,
                last_chain.organisation,
            )
        if chain.speaker is not None:
            last_speaker = (chain.open_at, chain.speaker)
        last_chain = chain


class _PeopleIndex:
    """People by where they are named, so each quote looks only near itself: a long article
    has thousands of quotes and people, and scanning every person for each was quadratic.
    Lookups keep the list's own order, so the answers are those of a full scan."""

    def __init__(self, people: list[PersonMention]) -> None:
        self.people = people
        order = sorted(range(len(people)), key=lambda i: people[i].start)
        self.order = order
        self.starts = [people[i].start for i in order]

    def between(self, lo: int, hi: int) -> list[PersonMention]:
        """People named at lo <= start < hi, in the list's order."""
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [self.people[i] for i in sorted(self.order[a:b])]

    def latest_before(self, at: int) -> tuple[int, PersonMention] | None:
        """The person named last before `at` (the first listed when two start together)."""
        i = bisect.bisect_left(self.starts, at)
        if not i:
            return None
        start = self.starts[i - 1]
        first = min(self.order[bisect.bisect_left(self.starts, start) : i])
        return start, self.people[first]


def _resolve(
    chain: QuoteChain,
    subject: str,
    subject_end: int,
    index: _PeopleIndex,
    last_speaker: tuple[int, PersonMention] | None,
    bodies_named: list[str],
) -> None:
    people = index.people
    named = index.between(chain.open_at - 400, subject_end)
    inside = [p for p in named if p.name in subject or p.surname in subject.split()]
    if inside:
        chain.speaker = inside[0]
    elif PRONOUN.search(subject.strip(" ,")) or subject.strip(" ,") in {"he", "she", "He", "She"}:
        # "He said:" means the person most recently named or quoted.
        latest = index.latest_before(chain.open_at)
        earlier = [latest] if latest is not None else []
        if last_speaker is not None:
            earlier.append(last_speaker)
        chain.speaker = max(earlier, key=lambda e: e[0])[1] if earlier else None
    elif ref := resolve_reference(subject, people, chain.open_at):
        chain.speaker = ref
    elif anon := _ANONYMOUS.search(subject):
        chain.role = anon.group("role")
    elif BODY_WORDS.search(subject):
        chain.organisation = bodies_named[0] if bodies_named else None
    if chain.speaker is not None:
        chain.role = chain.speaker.role
        chain.organisation = chain.speaker.organisation
