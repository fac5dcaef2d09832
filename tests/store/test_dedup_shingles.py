"""Re-post shingles hash the same word runs as joining each slice of five words would."""

from __future__ import annotations

import zlib

from hypothesis import given
from hypothesis import strategies as st

from summarise.store.dedup import SHINGLE_WORDS, shingles

WORDS = st.lists(st.sampled_from(["Kent", "council", "was", "rated", "good", "Élan", "2019"]))


@given(WORDS, st.sampled_from([" ", "\n\n", ", "]))
def test_shingles_are_the_hashes_of_every_run_of_five_words(words: list[str], gap: str) -> None:
    low = [w.lower() for w in words]
    runs = [" ".join(low[i : i + SHINGLE_WORDS]) for i in range(len(low) - SHINGLE_WORDS + 1)]
    expected = {zlib.crc32(r.encode()) for r in runs} or {zlib.crc32(" ".join(low).encode())}
    assert shingles(gap.join(words)) == expected
