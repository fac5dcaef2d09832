"""Time the Word writer against python-docx's object model (the old writer, the tests' oracle).

Same corpus as `whole_run.py`; every briefing's view is built once, then each writer renders
all of them, in turns, on one core. Prints CPU seconds per round and for the national briefing
alone, and checks the two give the same parts (canonical XML, `tools/same_outputs.py`).

    .venv/bin/python benchmarks/word_writer.py [--articles 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from whole_run import make_corpus

from summarise.brief.consolidate import NATIONAL_NAME, Stored, build_briefings
from summarise.extract.offline import OfflineExtractor
from summarise.ingest.reader import load_article
from summarise.pipeline import tune_gc_for_batch
from summarise.publish import REVIEW_BASE
from summarise.render.docx import docx_of
from summarise.render.view import build_view

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "render"), str(ROOT / "tools")]

from docx_oracle import docx_of as oracle_docx_of
from same_outputs import docx_differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tune_gc_for_batch()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp) / "in", args.articles)
        extractor = OfflineExtractor()
        stored = []
        for path in paths:
            article = load_article(path)
            summary = extractor.extract(article).summary
            assert summary is not None
            stored.append(Stored(article.id, summary))
    briefings = build_briefings(stored, "2026-01-01T00:00:00+00:00")
    views = [(build_view(b, REVIEW_BASE), b) for b in briefings]
    writers = {"python-docx (old)": oracle_docx_of, "text writer (new)": docx_of}
    totals: dict[str, list[float]] = {name: [] for name in writers}
    national: dict[str, list[float]] = {name: [] for name in writers}
    for _ in range(args.rounds):
        for name, write in writers.items():
            start = time.process_time()
            for view, b in views:
                t = time.process_time()
                write(view, b.generated_at)
                if b.council.name == NATIONAL_NAME:
                    national[name].append(time.process_time() - t)
            totals[name].append(time.process_time() - start)
    differing = [
        b.council.name
        for view, b in views
        if docx_differences(oracle_docx_of(view, b.generated_at), docx_of(view, b.generated_at))
    ]
    print(f"{args.articles} articles, {len(views)} briefings, {args.rounds} rounds, CPU s")
    for name in writers:
        print(
            f"  {name:18} all briefings median {statistics.median(totals[name]):7.3f} "
            f"(runs {min(totals[name]):.3f}-{max(totals[name]):.3f}); national briefing "
            f"median {statistics.median(national[name]):7.3f}"
        )
    print(f"  briefings whose parts differ in canonical XML: {len(differing)} {differing}")


if __name__ == "__main__":
    main()
