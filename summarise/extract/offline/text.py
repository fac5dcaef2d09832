"""Paragraphs, sentences and clauses of a cleaned article, each with its offsets.

Every offline rule works on these segments, so every fact it finds already knows its span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import NamedTuple

from summarise.extract.offline.firstchar import first_char_union


@cache
def word_list(name: str) -> frozenset[str]:
    """A word list from `summarise/extract/offline/data/NAME`: one item a line, `#` a comment.

    Lists live in data files so that the rules read as rules and a list can grow one line at a time.
    """
    data = resources.files("summarise.extract.offline").joinpath("data", name)
    text = data.read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line for line in lines if line)


class Segment(NamedTuple):
    """A stretch of the document and its offsets (a tuple: extraction makes tens of thousands)."""

    start: int
    end: int
    text: str

    def sub(self, rel_start: int, rel_end: int) -> Segment:
        """A piece of this segment, addressed by offsets relative to it."""
        start = self.start
        return _segment(Segment, (start + rel_start, start + rel_end, self.text[rel_start:rel_end]))

    def stripped(self, chars: str = " \t\n,;:-–—") -> Segment:
        """The same segment without leading/trailing filler, offsets kept honest."""
        text = self.text
        lead = text.lstrip(chars)
        start = self.start + len(text) - len(lead)
        body = lead.rstrip(chars)
        return _segment(Segment, (start, start + len(body), body))


# Segment(a, b, c) runs a Python-level __new__; extraction makes tens of thousands of segments,
# so the two methods above build the tuple directly (the same object, at half the cost).
_segment = tuple.__new__


ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "cllr",
        "prof",
        "st",
        "no",
        "vs",
        "etc",
        "eg",
        "ie",
        "inc",
        "ltd",
        "co",
        "rev",
        "sr",
        "jr",
        "gen",
        "gov",
        "col",
        "capt",
    ]
)
BULLET = re.compile(r"^\s*(?:[-•*·▪‣–]|\d{1,2}[.)])\s+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an uppercase letter, digit or opening quote.
SENTENCE_END = re.compile(r"[.!?]+[”’\"')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9£])")
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
# The last word before a sentence end, when it is short enough to be an abbreviation.
_SHORT_LAST_WORD = re.compile(rf"(?<!\w)\w{{1,{_LONGEST_ABBREVIATION}}}$")
# ",?\s+but\s+|;\s+|,\s+(?:although|...)\s+|\s+—\s+|\s+–\s+", with the optional comma spelt out
# so that the branches can be grouped by their first character.
CLAUSE_BREAK, _ = first_char_union(
    [
        (
            "brk",
            (
                r",\s+but\s+|\s+but\s+|;\s+|,\s+(?:however|whereas)\s+|"
                r",?\s+(?=(?:although|though|while|whilst|despite)\s)|\s+—\s+|\s+–\s+"
            ),
        )
    ]
)
# A concession that opens a sentence or a reported finding ("…found that while children are
# protected, there are …"), a quote mark allowed before it: it is judged apart from the rest.
LEADING_CONCESSION = re.compile(
    r"(?:^[“‘\"']?|\bthat\s+)(?P<word>[Dd]espite|[Aa]lthough|[Ww]hile|[Ww]hilst|[Tt]hough)\b"
    r"[^,]{8,}?,\s+"
)


# A clause that opens with a verb ("…, but said that …", "…, but have uncertain prospects") has
# lost its subject to the clause before, and is not a whole statement without it.
SUBJECTLESS = re.compile(
    r"(?:is|are|was|were|has|have|had|did|does|do|can|could|will|would|should|must|may|might|"
    r"remains?|remained|needs?|says|said|told|added|found|[a-z]+ed)\b"
)


def blocks(text: str) -> list[Segment]:
    """Non-empty lines: after ingestion, a paragraph or a bullet is one line."""
    out: list[Segment] = []
    pos = 0
    for line in text.split("\n"):
        body = line.strip(" \t")
        if body:
            start = pos + len(line) - len(line.lstrip(" \t"))
            out.append(Segment(start, start + len(body), body))
        pos += len(line) + 1
    return out


def is_bullet(block: Segment) -> bool:
    return bool(BULLET.match(block.text))


def bullet_body(block: Segment) -> Segment:
    """The bullet's text without its marker."""
    m = BULLET.match(block.text)
    return block.sub(m.end(), len(block.text)) if m else block


def split_sentences(block: Segment) -> list[Segment]:
    out: list[Segment] = []
    cursor = 0
    text = block.text
    for m in SENTENCE_END.finditer(text):
        # Only a short word can be an abbreviation or an initial. The previous match ends in
        # punctuation, so the lookbehind may look past `cursor` without finding a word there.
        short = _SHORT_LAST_WORD.search(
            text, max(cursor, m.start() - _LONGEST_ABBREVIATION), m.start()
        )
        last_word = short.group() if short else ""
        if last_word.lower() in ABBREVIATIONS and text[m.start()] == ".":
            continue
        if len(last_word) == 1 and last_word.isupper():
            continue  # an initial: "J. Smith"
        seg = block.sub(cursor, m.end()).stripped(" ")
        if seg.text:
            out.append(seg)
        cursor = m.end()
    tail = block.sub(cursor, len(block.text)).stripped(" ")
    if tail.text:
        out.append(tail)
    return out


def split_clauses(sentence: Segment) -> list[Segment]:
    """Contrasting parts of a sentence ("X has improved, but Y remains"), each judged alone."""
    parts: list[Segment] = []
    text = sentence.text
    cursor = 0
    lead = LEADING_CONCESSION.search(text)
    if lead:
        if lead.start() > 0:
            parts.append(sentence.sub(0, lead.start()).stripped())
        begins = 0 if lead.start() == 0 else lead.start("word")  # keep an opening quote mark
        parts.append(sentence.sub(begins, lead.end()).stripped())
        cursor = lead.end()
    for m in CLAUSE_BREAK.finditer(text, cursor):
        if SUBJECTLESS.match(text, m.end()):
            continue  # "…, but said that …" shares its subject: no clause on its own
        parts.append(sentence.sub(cursor, m.start()).stripped())
        cursor = m.end()
    parts.append(sentence.sub(cursor, len(text)).stripped(" \t\n,;:-–—."))
    return [p for p in parts if len(p.text.split(None, 2)) == 3]  # three words or more


# The only non-ASCII characters that re.IGNORECASE takes for an ASCII letter ("ſ" for "s"):
# without them, a case-insensitive match of an ASCII word is that word in the lower-cased text.
CASE_ODD = "\u0130\u0131\u017f\u212a"  # İ ı ſ and the Kelvin sign


def caseless_lower(text: str) -> str | None:
    """`text.lower()` when it can stand in for re.IGNORECASE at the same offsets, else None.

    Lower-casing can change the length ("İ"), and re.IGNORECASE takes a few non-ASCII
    characters for ASCII letters (CASE_ODD); either way the caller falls back to re.IGNORECASE.
    """
    if any(c in text for c in CASE_ODD):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same case-insensitive pattern, for lower-cased text: re runs several times faster
    without re.IGNORECASE. Refuses patterns that lower-casing would change in meaning."""
    source = pattern.pattern
    if re.search(r"\\[SWDBAZ]|\(\?P<|\(\?P=", source):
        raise ValueError(f"cannot lower-case {source[:40]!r}: upper-case escape or named group")
    return re.compile(source.lower(), pattern.flags & ~re.IGNORECASE)


class Caseless:
    """A case-insensitive pattern that runs on the document's lower-cased text when it can."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.anycase = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)
        low = lowered(self.anycase)
        # Grouped by first character: the same matches, found with fewer tries.
        self.low = first_char_union([("cue", low.pattern)], low.flags)[0]

    def finditer(self, doc: Document) -> Iterator[re.Match[str]]:
        if doc.lower is None:
            return self.anycase.finditer(doc.text)
        return self.low.finditer(doc.lower)

    def search(self, doc: Document, seg: Segment) -> bool:
        if doc.lower is None:
            return self.anycase.search(seg.text) is not None
        return self.low.search(doc.lower, seg.start, seg.end) is not None


@dataclass
class Document:
    """A cleaned article cut into blocks and sentences, computed once per extraction."""

    text: str

    @cached_property
    def blocks(self) -> list[Segment]:
        return blocks(self.text)

    @cached_property
    def lower(self) -> str | None:
        """The lower-cased text when it can stand in for re.IGNORECASE (`caseless_lower`).

        Then a case-insensitive pattern can only match where its lower-case literal words appear
        in this text, which makes `word in lower[...]` an exact and cheap pre-check.
        """
        return caseless_lower(self.text)

    def lower_of(self, seg: Segment) -> str | None:
        """`seg`'s text lower-cased, when `lower` can stand in for re.IGNORECASE; else None."""
        low = self.lower
        return None if low is None else low[seg.start : seg.end]

    def may_contain(self, seg: Segment, *words: str) -> bool:
        """False only when none of the lower-case `words` can appear, in any case, inside `seg`."""
        if self.lower is None:
            return True
        piece = self.lower[seg.start : seg.end]
        return any(w in piece for w in words)

    @cached_property
    def block_sentences(self) -> list[list[Segment]]:
        """Each block's sentences (a bullet's without its marker), split once for every rule."""
        return [split_sentences(bullet_body(b)) for b in self.blocks]

    @cached_property
    def sentences(self) -> list[Segment]:
        return [s for sentences in self.block_sentences for s in sentences]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Segment:
        """The sentence holding `offset` (or the nearest one before it)."""
        i = bisect_right(self.sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]

    @cached_property
    def block_ends(self) -> list[int]:
        return [b.end for b in self.blocks]

    def block_index_at(self, offset: int) -> int:
        """The block holding `offset`, else the next one (blocks are in order and disjoint)."""
        i = bisect_right(self.block_ends, offset)
        return min(i, len(self.blocks) - 1)

    @cached_property
    def body_start(self) -> int:
        """Where the body begins: after a short headline line, if there is one."""
        if (
            len(self.blocks) > 1
            and len(self.blocks[0].text) <= 150
            and not self.blocks[0].text.endswith(".")
        ):
            return self.blocks[1].start
        return 0
