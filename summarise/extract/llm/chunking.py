"""Split long articles by sentences into chunks under a token budget, with global offsets.

Token counts here are a tokenizer-free estimate: one token per 4 characters (rounded up), which
is close for English prose under the GPT and Llama tokenizers. A chunk's `text` is exactly
`article[start:end]`, so a span found inside a chunk becomes a document span by adding `start`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

CHARS_PER_TOKEN = 4

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace,
# or at a blank line / line break that ends a paragraph.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+|\n\s*\n""")


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trailing whitespace included, covering the whole text."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.end() > start:
            bounds.append((start, m.end()))
            start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def chunk_text(text: str, budget_tokens: int) -> list[Chunk]:
    """One chunk when the text fits; otherwise whole sentences packed up to the budget.

    A single sentence longer than the budget is cut at whitespace near the budget (never inside
    a word), so no chunk is ever far over budget.
    """
    if estimate_tokens(text) <= budget_tokens:
        return [Chunk(0, 0, len(text), text)]
    max_chars = budget_tokens * CHARS_PER_TOKEN
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_bounds(text):
        while e - s > max_chars:
            cut = text.rfind(" ", s + 1, s + max_chars)
            cut = cut + 1 if cut > s else s + max_chars
            pieces.append((s, cut))
            s = cut
        pieces.append((s, e))
    chunks: list[Chunk] = []
    cur_start, cur_end = pieces[0]
    for s, e in pieces[1:]:
        if e - cur_start <= max_chars:
            cur_end = e
        else:
            chunks.append(Chunk(len(chunks), cur_start, cur_end, text[cur_start:cur_end]))
            cur_start, cur_end = s, e
    chunks.append(Chunk(len(chunks), cur_start, cur_end, text[cur_start:cur_end]))
    return chunks
