"""Seconds per MB for one large article on the offline path: is the per-article cost linear?

    .venv/bin/python benchmarks/large_article.py [--sizes 0.5 1 2 5] [--runs 5]

Each size (MiB, just under, so 5 fits the default 5 MB limit) is one article made of the
bundled examples' paragraphs repeated, run in a fresh process so its peak memory is its own:
ingest (read, decode, clean), then the offline extractor, then writing the summary, the
cleaned text and the review page (`write`). Prints CPU seconds per stage, seconds per MB,
wall-clock seconds and peak RSS; with `--runs N`, the median of N runs of each size (a shared
host's load moves wall-clock time far more than CPU time). Aim (issue 10): 5 MB in under 3 s
and under 150 MB RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
MIB = 1024 * 1024


def make_article(path: Path, size: int) -> None:
    paragraphs = [
        para.strip()
        for p in sorted(EXAMPLES.glob("*.txt"))
        for para in p.read_text(encoding="utf-8").split("\n\n")
        if para.strip()
    ]
    parts: list[str] = []
    total = 0
    i = 0
    while True:
        para = paragraphs[i % len(paragraphs)]
        if total + len(para.encode("utf-8")) + 2 > size:
            break
        parts.append(para)
        total += len(para.encode("utf-8")) + 2
        i += 1
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def measure(path: Path, out: Path) -> dict[str, float]:
    """One article through ingest, extract and write; CPU seconds per stage and peak RSS."""
    from summarise.extract.offline import OfflineExtractor
    from summarise.ingest.reader import load_article
    from summarise.outputs import Layout, write_model, write_text
    from summarise.render import render_review_page

    cpu = time.process_time
    wall = time.perf_counter()
    t0 = cpu()
    article = load_article(path)
    t1 = cpu()
    result = OfflineExtractor().extract(article)
    t2 = cpu()
    layout = Layout(out)
    write_text(layout.clean_text(article.id), article.text)
    if result.summary is not None:
        write_model(layout.summary(article.id), result.summary)
        page = render_review_page(result.summary, article.text, article_id=article.id)
        write_text(layout.review_page(article.id), page)
    t3 = cpu()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall = time.perf_counter() - wall
    return {"ingest": t1 - t0, "extract": t2 - t1, "write": t3 - t2, "wall": wall, "rss_mb": rss_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 5])
    parser.add_argument("--runs", type=int, default=1, help="runs per size; medians printed")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]))))
        return
    print("CPU seconds of one process per article; wall clock depends on the host's load.")
    print(f"{'MB':>5} {'ingest s':>9} {'extract s':>10} {'write s':>8} {'total s':>8}", end="")
    print(f" {'s per MB':>9} {'wall s':>7} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"article-{mb}.txt"
            make_article(path, int(mb * MIB) - 1024)
            size_mb = path.stat().st_size / MIB
            cmd = [sys.executable, __file__, "--child", str(path), str(Path(tmp) / "out")]
            runs = [
                json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)
                for _ in range(args.runs)
            ]
            for run in runs:
                run["total"] = run["ingest"] + run["extract"] + run["write"]
            row = {k: statistics.median(run[k] for run in runs) for k in runs[0]}
            print(
                f"{size_mb:5.2f} {row['ingest']:9.2f} {row['extract']:10.2f} {row['write']:8.2f}"
                f" {row['total']:8.2f} {row['total'] / size_mb:9.2f} {row['wall']:7.2f}"
                f" {row['rss_mb']:12.0f}"
            )


if __name__ == "__main__":
    main()
