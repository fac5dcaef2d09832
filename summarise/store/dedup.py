"""Re-posted stories: near-identical cleaned text is one article that appeared in many places.

A bottom-k MinHash sketch (the k smallest hashes of an article's word 5-shingles) is stored per
article; articles that share enough sketch hashes with a new one are candidates, and a candidate
is the same story when the exact Jaccard similarity of the two shingle sets reaches
`SAME_STORY_JACCARD` and both texts name the same councils. The threshold is measured by
benchmarks/dedup_threshold.py (see the README).
"""

from __future__ import annotations

import re
import zlib
from typing import Final

from summarise.gazetteer import find_mentions

SHINGLE_WORDS: Final = 5
SKETCH_SIZE: Final = 32
# Sketch hashes two texts must share before their full shingle sets are compared.
MIN_SHARED: Final = 6
# Measured (benchmarks/dedup_threshold.py): re-posts with a new headline, byline, footer or a
# dropped paragraph score 0.80 or more; different articles under 0.05; the same article with
# another council's name swapped in scores 0.75-0.90, which the council check tells apart.
SAME_STORY_JACCARD: Final = 0.7
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Hashes of the text's overlapping runs of SHINGLE_WORDS lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode())
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def sketch(shingle_set: set[int]) -> list[int]:
    """The SKETCH_SIZE smallest shingle hashes: the same story gives mostly the same ones."""
    return sorted(shingle_set)[:SKETCH_SIZE]


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def councils_named(text: str) -> frozenset[str]:
    return frozenset(m.authority.name for m in find_mentions(text))


def same_story(new_text: str, new_shingles: set[int], old_text: str) -> float | None:
    """The similarity when `old_text` is the same story as `new_text`, else None."""
    score = jaccard(new_shingles, shingles(old_text))
    if score < SAME_STORY_JACCARD:
        return None
    if councils_named(new_text) != councils_named(old_text):
        return None
    return score
