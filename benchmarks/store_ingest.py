"""Time `summarise ingest` (offline) against today's `extract` on the same synthetic corpus.

    .venv/bin/python benchmarks/store_ingest.py [--articles 1000] [--rounds 3] [--workdir DIR]

Prints, for N new articles: extract (files only, as `summarise extract` writes them) and ingest
into a fresh SQLite store, as articles per CPU second of this process and per wall second; then
the wall time of re-ingesting the same N files (all skipped as the same bytes). One core.

The host is shared, so the two are paired: each round runs both on the same files, in turns
(extract first in odd rounds, ingest first in even ones), and the medians of the rounds and
of each round's ratio are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from store_corpus import distinct_corpus

from summarise.extract.offline import OfflineExtractor
from summarise.pipeline import run_extract, tune_gc_for_batch
from summarise.store.ingest import Ingester
from summarise.store.repo import Store


def timed(label: str, n: int, work: object) -> float:
    """Run `work`, print its rates, return articles per CPU second."""
    c0, w0 = time.process_time(), time.perf_counter()
    work()  # type: ignore[operator]
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(
        f"{label:<34} {n / cpu:8.1f} articles/CPU s  {n / wall:8.1f} articles/s  {wall:7.2f} s wall"
    )
    return n / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    tune_gc_for_batch()
    n = args.articles
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        root = Path(tmp)
        distinct_corpus(root / "in", n)
        print(f"{n} articles under {root}")
        extractor = OfflineExtractor()
        rates: dict[str, list[float]] = {"extract": [], "ingest": []}
        for k in range(args.rounds):
            store = Store(f"sqlite:///{root / f'store{k}.sqlite'}")
            first = Ingester(store, extractor)
            runs = {
                "extract": partial(run_extract, [root / "in"], root / f"out{k}", extractor),
                "ingest": partial(first.run, [root / "in"]),
            }
            for name in ("extract", "ingest") if k % 2 == 0 else ("ingest", "extract"):
                label = "extract (files)" if name == "extract" else "ingest, new (SQLite)"
                rates[name].append(timed(f"{label} #{k + 1}", n, runs[name]))
            r = first.result
            print(f"  {r.added} added, {r.merged} merged as re-posts, {r.skipped} skipped")
            if k < args.rounds - 1:
                store.close()
        ratios = [i / e for i, e in zip(rates["ingest"], rates["extract"], strict=True)]
        print(
            f"median of {args.rounds}: extract {statistics.median(rates['extract']):.1f}, "
            f"ingest {statistics.median(rates['ingest']):.1f} articles/CPU s; "
            f"ingest/extract per round {statistics.median(ratios):.2f} "
            f"({', '.join(f'{x:.2f}' for x in ratios)})"
        )
        again = Ingester(store, extractor)
        timed("re-ingest, same files (SQLite)", n, lambda: again.run([root / "in"]))
        print(f"  {again.result.skipped} skipped, {again.result.extracted} extracted")
        store.close()


if __name__ == "__main__":
    main()
