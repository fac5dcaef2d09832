"""Peak memory of `summarise brief PATHS --jobs 1` on distinct articles, by corpus size.

    .venv/bin/python benchmarks/brief_memory.py [--sizes 1000 10000] [--councils 40]
        [--national N] [--workdir DIR]

The corpus is `memory_corpus.distinct_corpus`: every article is its own story to the re-post
check (the benchmark prints how many summaries were written, which should be every article).
A briefing lists every article it cites, so the largest briefing grows with the corpus unless
the councils do: `--councils` spreads the articles over more authorities (at most 171), and
`--national N` stops adding national articles after N (otherwise one in five is national and
the national briefing lists all of them). The sizes of the largest council briefing and of the
national one (their JSON) are printed beside the peak, so what is the outputs' own size shows.

Peak RSS is the command's own `ru_maxrss` (one process with --jobs 1), from `wait4`.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from memory_corpus import distinct_corpus
from whole_run import cli, run_command

from summarise.pipeline import tune_gc_for_batch


def briefing_sizes(out: Path) -> tuple[float, float]:
    """MB of the largest council briefing's JSON and of the national one's (0 if none)."""
    sizes = {p.stem: p.stat().st_size / 1e6 for p in (out / "briefings").glob("*.json")}
    national = sizes.pop("national", 0.0)
    return max(sizes.values(), default=0.0), national


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--councils", type=int, default=40)
    parser.add_argument("--national", type=int, default=None)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    tune_gc_for_batch()
    cap = "no cap" if args.national is None else f"at most {args.national}"
    print(f"distinct articles over {args.councils} councils, national articles: {cap}")
    heads = ("articles", "summaries", "peak RSS", "wall", "largest", "national")
    print(" ".join(f"{h:>9}" for h in heads))
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        for n in args.sizes:
            corpus, out = Path(tmp) / f"in-{n}", Path(tmp) / f"out-{n}"
            distinct_corpus(corpus, n, args.councils, args.national)
            wall, rss, _cpu = run_command(cli("brief", corpus, out, 1))
            written = sum(1 for _ in (out / "articles").glob("*.json"))
            largest, national = briefing_sizes(out)
            print(
                f"{n:9d} {written:9d} {rss:6.0f} MB {wall:7.0f}s {largest:5.2f} MB"
                f" {national:6.2f} MB"
            )


if __name__ == "__main__":
    main()
