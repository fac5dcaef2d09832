"""Time `summarise ingest` (offline) against today's `extract` on the same synthetic corpus.

    .venv/bin/python benchmarks/store_ingest.py [--articles 1000] [--workdir DIR]

Prints, for N new articles: extract (files only, as `summarise extract` writes them) and ingest
into a fresh SQLite store, as articles per CPU second of this process and per wall second; then
the wall time of re-ingesting the same N files (all skipped as the same bytes). One core.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from store_corpus import distinct_corpus

from summarise.extract.offline import OfflineExtractor
from summarise.pipeline import run_extract, tune_gc_for_batch
from summarise.store.ingest import Ingester
from summarise.store.repo import Store


def timed(label: str, n: int, work: object) -> None:
    c0, w0 = time.process_time(), time.perf_counter()
    work()  # type: ignore[operator]
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(
        f"{label:<34} {n / cpu:8.1f} articles/CPU s  {n / wall:8.1f} articles/s  {wall:7.2f} s wall"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
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
        timed("extract (files)", n, lambda: run_extract([root / "in"], root / "out", extractor))
        store = Store(f"sqlite:///{root / 'store.sqlite'}")
        first = Ingester(store, extractor)
        timed("ingest, new (SQLite)", n, lambda: first.run([root / "in"]))
        r = first.result
        print(f"  {r.added} added, {r.merged} merged as re-posts, {r.skipped} skipped")
        again = Ingester(store, extractor)
        timed("re-ingest, same files (SQLite)", n, lambda: again.run([root / "in"]))
        print(f"  {again.result.skipped} skipped, {again.result.extracted} extracted")
        store.close()


if __name__ == "__main__":
    main()
