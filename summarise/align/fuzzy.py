"""The bounded fuzzy tier of `summarise.align.spans.Aligner`: a needle's region in normalised text.

Both the needle and the text are already folded by `summarise.align.spans.normalise`.
`rapidfuzz.fuzz.partial_ratio_alignment` locates the best window of the text, then the
window's ends are moved to word boundaries to maximise `rapidfuzz.fuzz.ratio`. A region is
accepted only when all of these hold:

* the needle is at least `MIN_FUZZY_CHARS` (12) normalised characters long - figures such as
  "83%" are exact/normalised or nothing;
* ratio >= the threshold (default `DEFAULT_FUZZY_THRESHOLD` = 90 on the 0-100 Indel
  similarity, i.e. roughly at most one character in ten inserted, deleted or replaced);
* the region is 0.75x-1.33x the needle's length (`FUZZY_LENGTH_BOUNDS`);
* at least 75% of the needle's words occur in the region (`MIN_TOKEN_COVERAGE`, the
  LangExtract-style density rule), so a one-character edit that swaps a whole word
  ("not" -> "now") in a short quote is not accepted on character similarity alone;
* needle and region have the same numbers, negations and judgement words
  (`CRITICAL_WORDS`): "84% of care plans" must not land on "83% of care plans", nor
  "made poor progress" on "made good progress".
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

DEFAULT_FUZZY_THRESHOLD = 90.0
"""Minimum `rapidfuzz.fuzz.ratio` (0-100) between normalised needle and region."""

MIN_FUZZY_CHARS = 12
"""Needles shorter than this (after normalisation) are never matched fuzzily, nor mid-word."""

FUZZY_LENGTH_BOUNDS = (0.75, 1.33)
"""Allowed ratio of the fuzzy region's length to the needle's (both normalised)."""

MIN_TOKEN_COVERAGE = 0.75
"""Share of the needle's words (as a multiset) that must occur in a fuzzy region."""

_LOCATE_SLACK = 15.0
"""The locating pass accepts windows this far below the threshold; the refined region
(moved to word boundaries) must then reach the threshold itself."""

_WORD = re.compile(r"\w+")
_CRITICAL_TOKEN = re.compile(r"\w[\w'%]*(?:[.,]\w[\w'%]*)*")  # "isn't", "1,200", "83%"

# fmt: off
CRITICAL_WORDS = frozenset({
    # negation
    "not", "no", "never", "none", "nor", "neither", "nothing", "nobody", "cannot", "without",
    # quantifiers, including the serving_people judgement values
    "all", "most", "some", "many", "few", "fewer", "more", "less", "majority", "minority", "half",
    # judgement and rating vocabulary (models.ASPECT_VALUES and the inspectorates' scales)
    "excellent", "promising", "uncertain", "poor", "outstanding", "good", "requires",
    "improvement", "inadequate", "adequate", "satisfactory", "unsatisfactory", "fair", "weak",
    "strong", "sufficient", "insufficient", "better", "worse", "improved", "improving",
    "declined", "declining", "deteriorated",
    # number words
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
})
# fmt: on
"""Words a fuzzy match may not add, drop or swap (nor any token containing a digit): a
quote whose "poor" became "good", or whose "83%" became "84%", is a different fact."""


def fuzzy_region(
    nneedle: str, ntext: str, index: list[int], threshold: float
) -> tuple[int, int] | None:
    """The original-text ``(start, end)`` of the best accepted fuzzy region, or None.

    `nneedle` and `ntext` are normalised; `index` maps each character of `ntext` to its
    offset in the original text (as `summarise.align.spans.normalise` returns it).
    """
    nlen = len(nneedle)
    if nlen < MIN_FUZZY_CHARS or not ntext:
        return None
    hit = fuzz.partial_ratio_alignment(
        nneedle, ntext, score_cutoff=max(0.0, threshold - _LOCATE_SLACK)
    )
    if hit is None:
        return None
    lo_len = FUZZY_LENGTH_BOUNDS[0] * nlen
    hi_len = FUZZY_LENGTH_BOUNDS[1] * nlen
    slack = max(8, nlen // 4)
    n = len(ntext)
    starts = [
        s
        for s in range(max(0, hit.dest_start - slack), min(n, hit.dest_start + slack + 1))
        if _is_start(ntext, index, s)
    ]
    ends = [
        e
        for e in range(max(1, hit.dest_end - slack), min(n, hit.dest_end + slack) + 1)
        if _is_end(ntext, index, e)
    ]
    best: tuple[float, int, int, int] | None = None  # score, -length error, -start, -end
    for s in starts:
        for e in ends:
            length = e - s
            if length < lo_len or length > hi_len:
                continue
            score = fuzz.ratio(nneedle, ntext[s:e], score_cutoff=threshold)
            if not score:
                continue
            cand = (score, -abs(length - nlen), -s, -e)
            if best is None or cand > best:
                best = cand
    if best is None:
        return None
    s, e = -best[2], -best[3]
    region = ntext[s:e]
    if _token_coverage(nneedle, region) < MIN_TOKEN_COVERAGE:
        return None
    if _critical_words(nneedle) != _critical_words(region):
        return None
    return index[s], index[e - 1] + 1


def _is_start(ntext: str, index: list[int], s: int) -> bool:
    """A fuzzy region may start at normalised offset `s` (not a space, not mid-word)."""
    ch = ntext[s]
    if ch == " ":
        return False
    if s == 0:
        return True
    if index[s - 1] == index[s]:  # inside one original character's expansion
        return False
    return not (ntext[s - 1].isalnum() and ch.isalnum())


def _is_end(ntext: str, index: list[int], e: int) -> bool:
    """A fuzzy region may end just before normalised offset `e`."""
    ch = ntext[e - 1]
    if ch == " ":
        return False
    if e == len(ntext):
        return True
    if index[e - 1] == index[e]:
        return False
    return not (ch.isalnum() and ntext[e].isalnum())


def _critical_words(text: str) -> Counter[str]:
    """The words a fuzzy match must not change: numbers, negations, judgement words."""
    found: Counter[str] = Counter()
    for word in _CRITICAL_TOKEN.findall(text):
        word = word.strip("'")
        if not word:
            continue
        if word in CRITICAL_WORDS or word.endswith("n't") or any(ch.isdigit() for ch in word):
            found[word] += 1
    return found


def _token_coverage(needle: str, region: str) -> float:
    """Share of the needle's words (as a multiset) that also occur in the region."""
    wanted = Counter(_WORD.findall(needle))
    total = sum(wanted.values())
    if not total:
        return 0.0
    found = wanted & Counter(_WORD.findall(region))
    return sum(found.values()) / total
