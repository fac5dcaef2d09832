"""Distinct synthetic articles for the store benchmarks.

The four council examples in unordered pairs (six variants; no variant contains another), each
with the council names swapped for one real authority: 1,020 articles, no two of them the same
story (the benchmark prints how many were merged as re-posts, which should be none).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from offline_throughput import EXAMPLES, ORIGINAL_COUNCILS

from summarise.gazetteer.lookup import all_authorities


def variants() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    council = [t for t in texts if any(name in t for name in ORIGINAL_COUNCILS)]
    pairs = [a + "\n\n" + b for a, b in itertools.combinations(council, 2)]
    return pairs


def distinct_corpus(folder: Path, n: int) -> list[Path]:
    forms = variants()
    names = [a.name for a in all_authorities() if a.gss_code and "," not in a.name]
    if n > len(forms) * len(names):
        raise SystemExit(f"at most {len(forms) * len(names)} distinct articles")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = forms[i % len(forms)]
        for original in ORIGINAL_COUNCILS:
            text = text.replace(original, names[(i // len(forms)) % len(names)])
        path = folder / f"{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
