"""Words a pattern cannot match without: a cheap substring test that skips most regex scans.

`required_words(pattern)` reads the pattern's parse tree and returns lower-case ASCII strings,
one of which every match contains (as a lower-cased substring), or None when it finds no useful
set. A rule that runs many patterns on every sentence first asks `str in str`, which is far
cheaper than a scan by re, and scans only where a match is possible. Only ASCII literals count:
re.IGNORECASE takes an ASCII letter for its other case and for a few non-ASCII characters
(`text.CASE_ODD`), and `caseless_lower` refuses texts holding those, so in a text it accepts
the test is exact. Where it refuses, the caller scans as before.
"""

from __future__ import annotations

import re
import re._constants as c
import re._parser as p
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from summarise.extract.offline.firstchar import alternatives, atoms, first_atoms, unverbose

Words = tuple[str, ...]
_MIN_SCORE = 3  # a shorter required word rules out too little to be worth the test
_ZERO_WIDTH = frozenset({c.AT})
_REPEATS = frozenset({c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT})


def _better(a: Words | None, b: Words | None) -> Words | None:
    """The more selective of two word sets: longest shortest word, then fewest words."""
    if a is None:
        return b
    if b is None:
        return a
    key_a = (min(map(len, a)), -len(a))
    key_b = (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


def _item(op: Any, av: Any) -> Words | None:
    """Words required by one consuming item of a sequence, or None."""
    if op == c.BRANCH:
        words: list[str] = []
        for branch in av[1]:
            sub = _sequence(branch)
            if sub is None:
                return None
            words.extend(sub)
        return tuple(dict.fromkeys(words))
    if op == c.SUBPATTERN:
        return _sequence(av[3])
    if op == c.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(av[2])
    if op == c.ASSERT:  # a lookaround that must hold sees only the string searched
        return _sequence(av[1])
    return None


def _runs(items: Any) -> Iterator[Words | None]:
    """Each run of adjacent ASCII literals as a one-word set, and each item's own set."""
    run: list[str] = []
    for op, av in items:
        if op == c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if op in _ZERO_WIDTH or op == c.ASSERT_NOT:
            continue  # consumes nothing: the literals either side are adjacent in the text
        if op == c.ASSERT:
            yield _item(op, av)  # zero width too: the run it sits in goes on
            continue
        if run:
            yield ("".join(run),)
            run = []
        yield _item(op, av)
    if run:
        yield ("".join(run),)


def _sequence(items: Any) -> Words | None:
    best: Words | None = None
    for words in _runs(items):
        best = _better(best, words)
    return best


def required_words(pattern: re.Pattern[str]) -> Words | None:
    """Lower-case words one of which is in every match of `pattern`, or None."""
    words = _sequence(p.parse(pattern.pattern, pattern.flags))
    if words is None or min(map(len, words)) < _MIN_SCORE:
        return None
    return words


def required_sets(pattern: re.Pattern[str]) -> list[Words]:
    """Word sets every match needs one word of each: the top-level sequence's items (a branch
    at the top gives one set, from `required_words`). The most selective set comes first."""
    tree = p.parse(pattern.pattern, pattern.flags)
    found = list(dict.fromkeys(w for w in _runs(tree) if w is not None))
    if tree.data and tree.data[0][0] == c.BRANCH and len(tree.data) == 1:
        found = [] if (words := required_words(pattern)) is None else [words]
    kept = [w for w in found if min(map(len, w)) >= _MIN_SCORE]
    return sorted(kept, key=lambda w: (-min(map(len, w)), len(w)))


class Gated:
    """A pattern and its required words: scans a piece of text only where it can match."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.sets = required_sets(pattern)

    def possible(self, low: str | None) -> bool:
        """`low`: the piece lower-cased by `caseless_lower`, or None to say "cannot tell"."""
        return low is None or all(any(w in low for w in words) for words in self.sets)

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`, skipped when `low` (text lower-cased) rules it out."""
        if not self.possible(low):
            return iter(())
        return self.pattern.finditer(text)


def start_finder(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """`\\b` before any character a match of one of `patterns` can begin with.

    Every top-level branch of each pattern must begin with `\\b` (else ValueError), so the
    places it finds hold every place where one of the patterns can match.
    """
    firsts: set[str] = set()
    flags = {pattern.flags & ~re.VERBOSE for pattern in patterns}
    if len(flags) != 1:
        raise ValueError("the patterns' flags differ")
    for pattern in patterns:
        src = unverbose(pattern.pattern) if pattern.flags & re.VERBOSE else pattern.pattern
        for alt in alternatives(src):
            if next(atoms(alt))[0].kind != "boundary":
                raise ValueError(f"a branch of {src[:40]!r} does not begin with \\b")
        firsts |= {atom.text for atom in first_atoms(src)}
    return re.compile(r"\b(?=" + "|".join(sorted(firsts)) + ")", flags.pop())


def finditer_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only at `starts` (ascending; every place a match of
    `pattern` can begin, e.g. from `start_finder`): the same matches, far fewer tries."""
    end = 0
    for at in starts:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            end = m.end()


def holding(low: str, spans: list[tuple[int, int]], words: Words) -> set[int]:
    """Indices of the `spans` (sorted, disjoint) of `low` that hold one of `words`: the same as
    `any(w in low[s:e] for w in words)` for each span, found by one `str.find` walk per word."""
    starts = [s for s, _ in spans]
    out: set[int] = set()
    for word in words:
        at = low.find(word)
        while at != -1:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at + len(word) <= spans[i][1]:
                out.add(i)
            at = low.find(word, at + 1)
    return out


def possible_in(
    gated: Gated,
    low: str,
    spans: list[tuple[int, int]],
    memo: dict[Words, set[int]] | None = None,
) -> list[int] | None:
    """The spans where `gated.possible` holds, in order; None when it holds everywhere.

    `memo`: `holding`'s answers for these spans, shared by patterns that need the same words.
    """
    if not gated.sets:
        return None
    memo = {} if memo is None else memo
    kept: set[int] | None = None
    for words in gated.sets:
        found = memo.get(words)
        if found is None:
            found = memo[words] = holding(low, spans, words)
        kept = found if kept is None else kept & found
    return sorted(kept or ())


def possible_by_span(
    gateds: list[Gated], low: str | None, spans: list[tuple[int, int]]
) -> list[set[Gated] | None]:
    """For each span, the patterns of `gateds` that can match in it; None for every span (try
    them all) when `low` is None, i.e. lower-casing cannot stand in for re.IGNORECASE."""
    if low is None:
        return [None] * len(spans)
    sets: list[set[Gated]] = [set() for _ in spans]
    memo: dict[Words, set[int]] = {}
    for gated in gateds:
        where = possible_in(gated, low, spans, memo)
        for i in range(len(spans)) if where is None else where:
            sets[i].add(gated)
    out: list[set[Gated] | None] = list(sets)
    return out
