from __future__ import annotations

import itertools
import random

from summarise.extract.llm.chunking import chunk_text, estimate_tokens, sentence_bounds


def test_short_text_is_one_chunk() -> None:
    text = "One sentence. Two sentences."
    (chunk,) = chunk_text(text, 100)
    assert (chunk.start, chunk.end, chunk.text) == (0, len(text), text)


def test_sentences_cover_the_text() -> None:
    text = "A “quoted” one. Second? Third!\n\nA new paragraph without a stop\nNext line here."
    bounds = sentence_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))


def test_chunks_have_global_offsets_and_respect_the_budget() -> None:
    rng = random.Random(7)
    words = ["council", "£9million", "inspectors’", "café", "said", "—", "children", "83%"]
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(3, 30))).capitalize() + "."
        for _ in range(300)
    ]
    text = " ".join(sentences)
    chunks = chunk_text(text, 200)
    assert len(chunks) > 5
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for i, c in enumerate(chunks):
        assert c.index == i and text[c.start : c.end] == c.text
        assert estimate_tokens(c.text) <= 200
        if i:
            assert chunks[i - 1].end == c.start  # contiguous, nothing lost
        assert c.text.rstrip().endswith(".") or i == len(chunks) - 1  # whole sentences


def test_a_giant_sentence_is_cut_at_whitespace() -> None:
    text = " ".join(["word"] * 2000)  # no sentence ends at all
    chunks = chunk_text(text, 100)
    assert "".join(c.text for c in chunks) == text
    for c in chunks:
        assert estimate_tokens(c.text) <= 100
        assert not c.text.startswith("ord")  # never inside a word
