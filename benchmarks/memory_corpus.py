"""Distinct articles for the memory benchmark: no two are one story to `brief`'s re-post check.

`whole_run.make_corpus` swaps council names, which `brief PATHS` tells apart, but its copies of
one example about one council differ by a line only, so the store merges them as re-posts (of
1,000, 161 stay). Here each article also ends with a paragraph of words of its own, half as long
as the text, so any two share at most half their word 5-shingles, under the 0.7 a re-post needs.
The filler names nothing and states nothing, so the extractor finds in it no fact.
"""

from __future__ import annotations

from pathlib import Path

from whole_run import EXAMPLES, ORIGINAL_COUNCILS, councils

WORDS_PER_LINE = 10


def filler(i: int, words: int) -> str:
    """`words` words no other article has, in lines of ten."""
    tokens = [f"r{i:05d}w{k:04d}" for k in range(words)]
    lines = [tokens[k : k + WORDS_PER_LINE] for k in range(0, len(tokens), WORDS_PER_LINE)]
    return "\n".join("Archive note " + " ".join(line) + "." for line in lines)


def distinct_corpus(
    folder: Path, n: int, n_councils: int = 40, national: int | None = None
) -> list[Path]:
    """N distinct texts: council i % `n_councils`, example (i // `n_councils`) % 5 (as
    `whole_run.make_corpus`; the fifth example is national).

    `national` caps the national articles: past it, a national turn takes a council example,
    so the national briefing stops growing with N.
    """
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    names = councils(n_councils)
    folder.mkdir(parents=True)
    paths = []
    made_national = 0
    for i in range(n):
        which = (i // len(names)) % len(texts)
        if which == len(texts) - 1:  # the national example names no council
            if national is not None and made_national >= national:
                which = i % (len(texts) - 1)
            else:
                made_national += 1
        text = texts[which]
        for original in ORIGINAL_COUNCILS:
            text = text.replace(original, names[i % len(names)])
        body = text.rstrip()
        path = folder / f"{i:05d}.txt"
        path.write_text(f"{body}\n\n{filler(i, len(body.split()) // 2)}\n", encoding="utf-8")
        paths.append(path)
    return paths
