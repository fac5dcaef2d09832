"""Speed of alignment and council-mention finding, moved here from the unit tests.

Wall-clock asserts in unit tests fail on a busy shared machine; here they are figures to read.

    .venv/bin/python benchmarks/align_speed.py
"""

from __future__ import annotations

import time
from pathlib import Path

from summarise.align.spans import Aligner
from summarise.gazetteer.mentions import find_mentions

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"


def best_of(runs: int, repeat: int, work: object) -> float:
    """Best mean seconds per call over `runs` batches of `repeat` calls."""
    assert callable(work)
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(repeat):
            work()
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


def main() -> None:
    corpus = "\n\n".join(p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.txt")))
    text = (corpus * (20_000 // len(corpus) + 1))[:20_000]
    sentences = [s.strip() for s in corpus.replace("\n", " ").split(".") if len(s.strip()) > 12]
    needles = []
    for i in range(60):  # a third exact, a third normalised, a third fuzzy or absent
        s = sentences[i % len(sentences)]
        needles.append([s, s.upper(), s.replace("e", "a", 1) + " and then some"][i % 3])

    def align_all() -> None:
        aligner = Aligner(text)
        for needle in needles:
            aligner.find(needle)

    five_kb = corpus[:5000]
    find_mentions(five_kb)  # warm: load and compile once
    print(f"align 60 needles over 20 kB: {best_of(3, 1, align_all) * 1000:.0f} ms (was < 2000)")
    mentions = best_of(5, 20, lambda: find_mentions(five_kb))
    print(f"find_mentions on 5 kB: {mentions * 1000:.2f} ms (was < 20)")


if __name__ == "__main__":
    main()
