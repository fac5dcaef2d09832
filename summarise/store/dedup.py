"""Re-posted stories: near-identical cleaned text is one article that appeared in many places.

Each article keeps a bottom-k MinHash sketch: the k smallest hashes of its word 5-shingles,
salted with the councils the text names, so that the same template about another council
(common in syndicated copy) never shares a sketch hash. Stored articles that share sketch
hashes with a new one are candidates; the sketches estimate their Jaccard similarity, and a
candidate over the threshold is checked against its full text: the same story scores
`SAME_STORY_JACCARD` or more and names the same councils. The threshold is measured by
benchmarks/dedup_threshold.py (see the README).
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Sequence
from itertools import islice
from typing import Final

from summarise.gazetteer.mentions import find_mentions

SHINGLE_WORDS: Final = 5
SKETCH_SIZE: Final = 32
# Sketch hashes two texts must share before they are compared at all.
MIN_SHARED: Final = 4
# Measured by benchmarks/dedup_threshold.py on the five examples: re-posts (a headline line
# added, an agency footer, a paragraph dropped, straight quotes for curly) score 0.940-1.000;
# different articles 0.000. The same text with another council's name swapped in scores
# 0.855-0.948, above any threshold that keeps re-posts, so the councils-named check (the salt
# in `sketch`) tells those apart: 40 of 40 (44 of 44 with the newer cleaning). 0.7 leaves margin.
SAME_STORY_JACCARD: Final = 0.7
# The sketch estimate has a standard error of about 0.08 at k=32, so it only pre-filters.
ESTIMATE_SLACK: Final = 0.15
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Hashes of the text's overlapping runs of SHINGLE_WORDS lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())}
    # the runs as tuples by zip, hashed by map: no Python-level step per word (a 5 MB article
    # has nearly a million); the same strings, so the same hashes, as joining slices
    runs = zip(*(islice(words, i, None) for i in range(SHINGLE_WORDS)))
    return set(map(zlib.crc32, map(str.encode, map(" ".join, runs))))


def sketch(shingle_set: set[int], councils: str) -> list[int]:
    """The SKETCH_SIZE smallest shingle hashes, salted with the councils named (`councils_named`):
    the same story gives mostly the same ones, a story about other councils none."""
    salt = zlib.crc32(councils.encode())
    return heapq.nsmallest(SKETCH_SIZE, {h ^ salt for h in shingle_set})


def estimate(a: Sequence[int], b: Sequence[int]) -> float:
    """Bottom-k estimate of Jaccard similarity: of the k smallest hashes of the union, the
    share that both sketches hold."""
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union) if union else 1.0


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def councils_named(text: str) -> str:
    """The councils a text names, sorted and "|"-joined (stored with each article)."""
    return "|".join(sorted({m.authority.name for m in find_mentions(text)}))


def maybe_same(new_sketch: Sequence[int], old_sketch: Sequence[int]) -> bool:
    return estimate(new_sketch, old_sketch) >= SAME_STORY_JACCARD - ESTIMATE_SLACK


def same_story(new_shingles: set[int], old_text: str) -> float | None:
    """The similarity when `old_text` is the same story as the new text, else None."""
    score = jaccard(new_shingles, shingles(old_text))
    return score if score >= SAME_STORY_JACCARD else None
