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

from summarise.extract.offline.people import (
    SPEECH_VERBS,
    TITLES,
    TOKEN,
    PersonMention,
    References,
    full_name_for,
    resolve_reference,
)
from summarise.extract.offline.text import Document, Segment
from summarise.gazetteer.mentions import find_mentions

OPENERS = "“‘\"'`"
BODY_WORDS = re.compile(
    r"\b(report|reports|inspectors?|review|reviewers|Ofsted|watchdog|Commission|Inspectorate|"
    r"CSCI|CQC|SSI|study|survey|document|findings)\b"
)
INSPECTING = re.compile(r"\binspect", re.IGNORECASE)
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b")
# Right beside a quote, any past-tense verb reports it ("…,' Smith predicted."): the list above
# cannot hold every verb that news writing uses for speech.
_ANY_VERB = rf"(?:{SPEECH_VERBS}|[a-z]{{2,}}ed)"
_AFTER_VERB_FIRST = re.compile(rf"^\s*,?\s*(?:{SPEECH_VERBS})\s+(?P<subj>[^.;:“”\"]{{1,120}})")
_AFTER_SUBJ_FIRST = re.compile(rf"^\s*,?\s*(?P<subj>[^.;:“”\",]{{1,60}}?)\s+(?:{SPEECH_VERBS})\b")
_AFTER_ANY_VERB = re.compile(
    rf"^\s*,?\s*(?:(?P<subj>[^.;:“”\",]{{1,60}}?)\s+{_ANY_VERB}|{_ANY_VERB}\s+"
    rf"(?P<subj2>[^.;:“”\"]{{1,120}}))\s*[.,;]"
)
_ANONYMOUS = re.compile(
    r"\b(?:A|An|One|Another|a|an|one|another)\s+(?P<role>(?:[a-z][a-z’'-]*\s+){0,3}?"
    r"(?:manager|worker|officer|parent|carer|inspector|councillor|member|resident|user|"
    r"spokesman|spokeswoman|spokesperson|source|director|nurse|social worker|teacher|official))\b"
)
_DOUBLE_QUOTES = re.compile('[“”"]')
_SINGLE_QUOTES = re.compile("[‘’']")
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


def _is_open(text: str, i: int) -> bool:
    """Whether the mark at `i` opens a quote: a curly opener, or a straight mark before a word."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    if ch == "“":
        return True
    if ch == "‘":
        return not prev.isalnum()  # "Children‘s" is a misprinted apostrophe
    if ch in "\"'":
        nxt = text[i + 1] if i + 1 < len(text) else " "
        return (prev.isspace() or prev in "([—–-:“‘\"'") and not nxt.isspace()
    return False


def _is_close(text: str, i: int) -> bool:
    """Whether the mark at `i` closes a quote.

    A single mark inside a word ("council’s") or after a plural that runs on into lower-case
    words ("the councils’ budgets") is an apostrophe, not the end of a quote.
    """
    ch = text[i]
    if ch == "”":
        return True
    if ch == '"':
        return not _is_open(text, i)
    if ch not in "’'":
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not (prev.isspace() or nxt.isalnum())


def _is_weak_close(text: str, i: int) -> bool:
    """A closing single mark after a plural and before lower-case words: "the councils’ plans"
    is an apostrophe, "‘Tracking the Changes’ found" a closed quote. It closes only when no
    other closing mark follows."""
    return (
        text[i] in "’'"
        and text[i - 1] in "sS"
        and re.match(r" [a-z]", text[i + 1 : i + 3]) is not None
    )


def _scan_block(block: Segment, carrying: bool) -> tuple[list[tuple[int, int, bool]], bool]:
    """Quoted stretches of one paragraph as (start, end, closed) relative offsets.

    A paragraph with a double quote mark is read for double marks only (single marks inside
    them are quotes within the quote); any other paragraph for single marks, as British papers
    quote. Returns the stretches and whether the paragraph ends inside an open quote.
    """
    text = block.text
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    marks = [m.start() for m in _DOUBLE_QUOTES.finditer(text)]  # only these can open or close
    double = bool(marks)
    if not double:
        marks = [m.start() for m in _SINGLE_QUOTES.finditer(text)]
    if carrying:
        if text[0] in OPENERS:
            open_at = 1
        elif double:  # lost-quote repair: the paragraph goes on the quote and then closes it
            first_close = next((i for i in marks if _is_close(text, i)), None)
            first_open = next((i for i in marks if _is_open(text, i)), None)
            if first_close is not None and (first_open is None or first_close < first_open):
                open_at = 0
    for n, i in enumerate(marks):
        if open_at is None:
            if _is_open(text, i):
                open_at = i + 1
        elif i >= open_at and _is_close(text, i):
            later = marks[n + 1 :]
            if _is_weak_close(text, i) and any(_is_close(text, j) for j in later):
                continue
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


def _ends_spoken(doc: Document, chain: QuoteChain) -> bool:
    """The quote ends as speech does: punctuation just inside its mark, or a comma just after."""
    before = doc.text[max(chain.close_at - 2, 0)]
    after = doc.text[chain.close_at : chain.close_at + 1]
    return before in ",.!?…" or after == ","


def _previous_sentence(doc: Document, chain: QuoteChain) -> Segment | None:
    """The sentence before a quote that opens its own sentence: in its paragraph, else the last
    of the paragraph before ("Jones said the plan would work. 'We are ready.'")."""
    sentence = doc.sentence_at(chain.open_at)
    block = doc.blocks[chain.first_block]
    if sentence.start > block.start:
        return doc.sentence_at(sentence.start - 1)
    if chain.first_block == 0:
        return None
    return doc.sentence_at(doc.blocks[chain.first_block - 1].end - 1)


def _subject(doc: Document, chain: QuoteChain) -> tuple[str, int] | None:
    """The words that name who speaks a quote, and where they end, from the most to the least
    direct form of attribution: after the quote, before it, a colon, the sentence before."""
    tail = _tail(doc, chain)
    if (m := _AFTER_VERB_FIRST.match(tail)) or (m := _AFTER_SUBJ_FIRST.match(tail)):
        return m.group("subj"), chain.close_at + m.end()
    if _ends_spoken(doc, chain) and (m := _AFTER_ANY_VERB.match(tail)):
        return m.group("subj") or m.group("subj2"), chain.close_at + m.end()
    lead = _lead_in(doc, chain)
    if verbs := list(_VERB.finditer(lead)):
        return lead[: verbs[-1].start()], chain.open_at
    if lead.endswith(":"):  # "Jane Smith: 'We …'", "Smith announced: 'We …'"
        return lead[:-1], chain.open_at
    if lead:
        return None
    prev = _previous_sentence(doc, chain)
    if prev is not None and (verb := _VERB.search(prev.text)):
        return prev.text[: verb.start()], prev.start + verb.start()
    return None


def _is_furniture(block: Segment) -> bool:
    """A line of a word or two without punctuation ("Advertising") between paragraphs."""
    return len(block.text.split()) <= 2 and not re.search(r"[.!?,;:”’\"']", block.text)


def _follows(doc: Document, last: QuoteChain, chain: QuoteChain) -> bool:
    """Whether `chain` goes straight on from `last`, so it is the same speaker's: it opens the
    next paragraph (page furniture between does not count), or opens a sentence right after
    `last` in the same paragraph ("'We …,' said Smith. 'We …'")."""
    if chain.first_block == last.last_block:
        return doc.sentence_at(chain.open_at).start == chain.open_at
    if doc.blocks[chain.first_block].start != chain.open_at:
        return False
    between = doc.blocks[last.last_block + 1 : chain.first_block]
    return all(_is_furniture(b) for b in between)


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
        continues = (
            last_chain is not None and not _lead_in(doc, chain) and _follows(doc, last_chain, chain)
        )
        found = _subject(doc, chain)
        if found is not None and not (continues and found[1] <= chain.open_at):
            subject, subject_end = found
            _resolve(doc.text, chain, subject, subject_end, index, last_speaker, bodies_named)
        elif continues and last_chain is not None:
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
        self.refs = References(people)

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
    text: str,
    chain: QuoteChain,
    subject: str,
    subject_end: int,
    index: _PeopleIndex,
    last_speaker: tuple[int, PersonMention] | None,
    bodies_named: list[str],
) -> None:
    named = index.between(chain.open_at - 400, subject_end)
    inside = [p for p in named if p.name in subject or p.surname in subject.split()]
    bare = subject.strip(" ,")
    if inside:
        chain.speaker = inside[0]
    elif PRONOUN.search(bare) or bare in {"he", "she", "He", "She"}:
        # "He said:" means the person most recently named or quoted.
        latest = index.latest_before(chain.open_at)
        earlier = [latest] if latest is not None else []
        if last_speaker is not None:
            earlier.append(last_speaker)
        chain.speaker = max(earlier, key=lambda e: e[0])[1] if earlier else None
    elif ref := resolve_reference(subject, index.refs, chain.open_at):
        chain.speaker = ref
    elif (surname := _bare_surname(bare)) and (full := full_name_for(text, surname, chain.open_at)):
        chain.speaker = full if not find_mentions(full.name) else None
    if chain.speaker is None:
        if anon := _ANONYMOUS.search(subject):
            chain.role = anon.group("role")
        elif BODY_WORDS.search(subject):
            chain.organisation = bodies_named[0] if bodies_named else None
    else:
        chain.role = chain.speaker.role
        chain.organisation = chain.speaker.organisation


def speaks_for_self(chain: QuoteChain) -> bool:
    """Whether a quote is a person's own view (a councillor's pride, a minister's warning), which
    is never a finding of the inspection; the report's or the inspectors' quoted words are the
    findings themselves, as reporting quotes them."""
    if chain.speaker is None:
        return chain.role is not None and chain.organisation is None
    words = f"{chain.role or ''} {chain.organisation or ''}"
    return not (INSPECTING.search(words) or BODY_WORDS.search(words))


def _bare_surname(subject: str) -> str | None:
    """ "Smith" or "Mr Smith": a person named by surname alone, whose full name came earlier."""
    m = re.fullmatch(rf"(?:{TITLES}[ \t]+)?(?P<surname>{TOKEN})", subject)
    return m.group("surname") if m else None
