"""Time the offline path (ingest, extract, consolidate, render) on a synthetic corpus.

The corpus is the bundled examples repeated, with the council names swapped for other real
authorities, so consolidation sees many councils. Runs in one process on one core.

    .venv/bin/python benchmarks/offline_throughput.py [--articles 1000] [--workdir DIR]

Outputs are written as `summarise brief` writes them (one file at a time, atomically), under a
temporary folder in DIR (default: the system's temp dir). File creation is part of the cost and
differs between filesystems, so the folder is printed with the figures.

Prints articles per second for each stage and for the whole path, by CPU time of this process
(stable on a busy machine) and by wall clock, and peak memory (max RSS).
Target: at least 100 articles a second end to end.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from summarise.brief.consolidate import Stored, build_briefings
from summarise.extract.offline import OfflineExtractor
from summarise.gazetteer.lookup import all_authorities, slugify
from summarise.ingest.reader import load_article
from summarise.models import Article
from summarise.outputs import Layout, write_model, write_text
from summarise.pipeline import tune_gc_for_batch
from summarise.render import render_html, render_markdown

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
ORIGINAL_COUNCILS = [
    "North East Lincolnshire",
    "NE LINCS",
    "Leicestershire",
    "Gloucestershire",
    "Essex",
]


def extract_and_write(
    articles: list[Article], extractor: OfflineExtractor, layout: Layout
) -> list[Stored]:
    """The extract stage as `brief` runs it: each summary and cleaned text written as made."""
    stored = []
    for a in articles:
        summary = extractor.extract(a).summary
        assert summary is not None
        write_text(layout.clean_text(a.id), a.text)
        write_model(layout.summary(a.id), summary)
        stored.append(Stored(a.id, summary))
    return stored


def make_corpus(folder: Path, n: int) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    names = [a.name for a in all_authorities() if a.gss_code and "," not in a.name]
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        replacement = names[i % len(names)]
        for original in ORIGINAL_COUNCILS:
            text = text.replace(original, replacement)
        path = folder / f"{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where the temporary folder goes"
    )
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    tune_gc_for_batch()  # as the CLI does
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        root = Path(tmp)
        paths = make_corpus(root / "in", args.articles)
        layout = Layout(root / "out")
        extractor = OfflineExtractor()

        clock = time.process_time
        w0 = time.perf_counter()
        t0 = clock()
        articles = [load_article(p) for p in paths]
        t1 = clock()
        stored = extract_and_write(articles, extractor, layout)
        t2 = clock()
        briefings = build_briefings(stored, "2026-01-01T00:00:00+00:00")
        t3 = clock()
        for b in briefings:
            slug = slugify(b.council.name)
            write_model(layout.briefing(slug, ".json"), b)
            write_text(layout.briefing(slug, ".md"), render_markdown(b))
            write_text(layout.briefing(slug, ".html"), render_html(b))
        t4 = clock()
        wall = time.perf_counter() - w0

    n = len(paths)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles:            {n} ({len(briefings)} briefings), written under {tmp}")
    print("articles per CPU second, one core:")
    print(f"  ingest:                {n / (t1 - t0):8.1f}")
    print(f"  extract (+ write):     {n / (t2 - t1):8.1f}")
    print(f"  consolidate:           {n / (t3 - t2):8.1f}")
    print(f"  render (json/md/html): {n / (t4 - t3):8.1f}")
    print(f"  end to end:            {n / (t4 - t0):8.1f}  ({t4 - t0:.2f} CPU s)")
    print(f"end to end, wall clock:  {n / wall:8.1f} articles/s  ({wall:.2f}s)")
    print(f"peak memory (RSS):   {peak_mb:8.1f} MB")


if __name__ == "__main__":
    main()
