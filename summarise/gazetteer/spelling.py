"""Councils named with a light misspelling ("Hertfordhsire County Council").

The exact matcher (`summarise.gazetteer.mentions`) needs the name as the gazetteer spells it. A
reporter's typo is only trusted where the words say a council is meant: a capitalised name right
before a council suffix ("County Council", "Borough Council", "Council"). The name must be close
to exactly one authority (rapidfuzz ratio), and long enough that a near miss is not another word.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from itertools import accumulate

from rapidfuzz import fuzz, process

from summarise.gazetteer.index import Authority, Mention, gazetteer_index, norm_key

__all__ = ["find_misspelt"]

_MIN_LENGTH = 6
_CUTOFF = 88.0
# One to four capitalised words (joined by spaces, hyphens, "and" or "&") before a suffix; the
# suffix's own words and "The" are not part of the name.
_WORD = r"(?!(?:The|County|City|Borough|Metropolitan|District)\b)[A-Z][a-z'’]+"
_BEFORE_SUFFIX = re.compile(
    rf"(?<![\w&-])(?P<name>{_WORD}(?:(?:[ -]|\s+(?:and|&|upon|on|of)\s+){_WORD}){{0,3}})"
    r"\s+(?:(?:Metropolitan\s+)?(?:County\s+|City\s+|Borough\s+)?Council)\b"
)


@functools.cache
def _names() -> dict[str, Authority]:
    """Every authority by its comparison key, former ones included."""
    return {norm_key(a.name): a for a in gazetteer_index().authorities}


def find_misspelt(text: str, found: list[Mention]) -> list[Mention]:
    """Mentions of councils whose names are misspelt, outside the mentions already `found`."""
    # the found mentions by start, with the furthest end reached so far: whether a name overlaps
    # one is a bisection, not a scan of them all (a long article has thousands)
    taken = sorted((m.start, m.end) for m in found)
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))
    names = _names()
    out: list[Mention] = []
    for m in _BEFORE_SUFFIX.finditer(text):
        start, end = m.span("name")
        k = bisect_left(starts, end)  # those that start before this name ends
        if k and reach[k - 1] > start:
            continue
        key = norm_key(m.group("name"))
        if len(key) < _MIN_LENGTH or key in names:
            continue
        best = process.extract(key, list(names), scorer=fuzz.ratio, limit=2)
        if not best or best[0][1] < _CUTOFF:
            continue
        if len(best) > 1 and best[1][1] >= _CUTOFF:
            continue  # close to two councils: not a typo we can resolve
        end = m.end()
        out.append(Mention(names[best[0][0]], start, end, text[start:end]))
    return out
