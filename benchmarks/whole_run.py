"""Time whole runs: every output `summarise brief` writes, stage by stage, and brief vs extract.

The corpus is N distinct articles over 40 councils: the bundled examples with their councils
swapped for 40 real authorities, each ending with a paragraph of words of its own
(`memory_corpus.distinct_corpus`), so `brief` keeps every one (no two are re-posts).

    .venv/bin/python benchmarks/whole_run.py [--articles 1000] [--runs 5] [--jobs 1 2]
        [--rss 1000 10000] [--workdir DIR]

Three parts, each printed with its run count:

1. stages: in this process, on one core, CPU seconds of each stage as `brief` runs it (ingest,
   extract and write, review pages, consolidate, briefing JSON, the view every format is
   rendered from, Markdown, HTML, Word, index); medians.
2. commands: `summarise extract` and `summarise brief` as subprocesses, wall clock, for each
   `--jobs` value, interleaved in every run so the ratios are paired (same host load); medians
   of the brief/extract ratio and of the speed-up over the first `--jobs` value.
3. memory: peak RSS of `summarise brief --jobs 1` (one process) at each `--rss` size, once, on
   the same kind of corpus; `brief_memory.py` has more choices.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from offline_throughput import extract_and_write

from summarise.brief.consolidate import build_briefings
from summarise.extract.offline import OfflineExtractor
from summarise.gazetteer.lookup import all_authorities
from summarise.ingest.reader import load_article
from summarise.outputs import Layout, write_bytes, write_model, write_text
from summarise.pipeline import tune_gc_for_batch
from summarise.publish import REVIEW_BASE, briefing_slug
from summarise.render import render_index, render_review_page
from summarise.render.docx import docx_of
from summarise.render.html import html_of
from summarise.render.markdown import markdown_of
from summarise.render.view import build_view

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SUMMARISE = Path(sys.executable).parent / "summarise"
ORIGINAL_COUNCILS = ["North East Lincolnshire", "NE LINCS", "Leicestershire", "Gloucestershire"]
ORIGINAL_COUNCILS += ["Essex"]
COUNCILS = 40


def councils(n: int = COUNCILS) -> list[str]:
    names = [a.name for a in all_authorities() if a.gss_code and "," not in a.name]
    step = max(1, len(names) // n)
    return names[::step][:n]


def make_corpus(folder: Path, n: int) -> list[Path]:
    """N distinct texts: example i % 5, council i % 40, and a reference line of its own."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    names = councils()
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        text = texts[(i // len(names)) % len(texts)]
        for original in ORIGINAL_COUNCILS:
            text = text.replace(original, names[i % len(names)])
        path = folder / f"{i:05d}.txt"
        path.write_text(f"{text.rstrip()}\n\nStory reference {i:05d}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def stage_times(paths: list[Path], out: Path) -> dict[str, float]:
    """CPU seconds of each stage of `brief`, in the order publish runs them, in one process."""
    layout = Layout(out)
    extractor = OfflineExtractor()
    times: dict[str, float] = {}
    clock = time.process_time

    def add(name: str, since: float) -> None:
        times[name] = times.get(name, 0.0) + clock() - since

    t = clock()
    articles = [load_article(p) for p in paths]
    times["ingest"] = clock() - t
    t = clock()
    stored = extract_and_write(articles, extractor, layout)
    times["extract + write"] = clock() - t
    t = clock()
    for s in stored:
        cleaned = layout.clean_text(s.id).read_text(encoding="utf-8")
        page = render_review_page(s.summary, cleaned, article_id=s.id)
        write_text(layout.review_page(s.id), page)
    times["review pages"] = clock() - t
    t = clock()
    briefings = build_briefings(stored, "2026-01-01T00:00:00+00:00")
    times["consolidate"] = clock() - t
    slugs = [briefing_slug(b) for b in briefings]
    for b, slug in zip(briefings, slugs, strict=True):
        t = clock()
        write_model(layout.briefing(slug, ".json"), b)
        add("briefing JSON", t)
        t = clock()
        view = build_view(b, REVIEW_BASE)  # as publish.write_briefing: one view, every format
        add("view", t)
        t = clock()
        write_text(layout.briefing(slug, ".md"), markdown_of(view))
        add("Markdown", t)
        t = clock()
        write_text(layout.briefing(slug, ".html"), html_of(view))
        add("HTML", t)
        t = clock()
        write_bytes(layout.briefing(slug, ".docx"), docx_of(view, b.generated_at))
        add("Word", t)
    t = clock()
    index_md, index_html = render_index(briefings, slugs=slugs)
    write_text(layout.out / "index.md", index_md)
    write_text(layout.out / "index.html", index_html)
    times["index"] = clock() - t
    times["briefings"] = float(len(briefings))
    return times


def run_command(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one CLI run (this process
    only: `--jobs 1`). CPU seconds are what a loaded host disturbs least."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}: {errors}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def cli(command: str, corpus: Path, out: Path, jobs: int) -> list[str]:
    return [str(SUMMARISE), command, str(corpus), "--out", str(out), "--backend", "offline"] + [
        "--jobs",
        str(jobs),
    ]


def part_stages(corpus: list[Path], work: Path, runs: int) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, like one process
    samples = [stage_times(corpus, work / f"stages{r}") for r in range(runs)]
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    n = len(corpus)
    briefings = int(samples[0].pop("briefings"))
    for s in samples[1:]:
        s.pop("briefings")
    print(f"1. stages, one process on one core, {n} articles, {briefings} briefings, {runs} runs")
    print(f"   {'stage':18} {'CPU s (median)':>15} {'articles/s':>11} {'share':>6}")
    totals = [sum(s.values()) for s in samples]
    total = statistics.median(totals)
    for name in samples[0]:
        sec = statistics.median(s[name] for s in samples)
        print(f"   {name:18} {sec:15.3f} {n / sec:11.1f} {sec / total:6.1%}")
    print(f"   {'all of brief':18} {total:15.3f} {n / total:11.1f}")


def part_commands(corpus: Path, work: Path, runs: int, jobs: list[int]) -> None:
    walls: dict[tuple[str, int], list[float]] = {}
    cpus: dict[tuple[str, int], list[float]] = {}
    for r in range(runs):
        for j in jobs:
            for command in ("extract", "brief"):
                wall, _, cpu = run_command(cli(command, corpus, work / f"{command}{j}-{r}", j))
                walls.setdefault((command, j), []).append(wall)
                cpus.setdefault((command, j), []).append(cpu)
    n = sum(1 for _ in corpus.iterdir())
    print(f"2. commands, wall clock, {n} articles, {runs} runs, interleaved (paired)")
    for j in jobs:
        ex, br = walls[("extract", j)], walls[("brief", j)]
        ratio = statistics.median(b / e for b, e in zip(br, ex, strict=True))
        print(
            f"   --jobs {j}: extract {statistics.median(ex):6.2f}s "
            f"({n / statistics.median(ex):6.1f}/s), brief {statistics.median(br):6.2f}s "
            f"({n / statistics.median(br):6.1f}/s); brief/extract median {ratio:.2f}x "
            f"(runs {min(b / e for b, e in zip(br, ex, strict=True)):.2f}-"
            f"{max(b / e for b, e in zip(br, ex, strict=True)):.2f})"
        )
        if j == 1:  # one process: its own CPU time is the whole run's
            cex, cbr = cpus[("extract", j)], cpus[("brief", j)]
            ratios = [b / e for b, e in zip(cbr, cex, strict=True)]
            print(
                f"   --jobs 1 CPU s (user + system): extract {statistics.median(cex):6.2f}, "
                f"brief {statistics.median(cbr):6.2f}; brief/extract median "
                f"{statistics.median(ratios):.2f}x (runs {min(ratios):.2f}-{max(ratios):.2f})"
            )
    base = jobs[0]
    for j in jobs[1:]:
        for command in ("extract", "brief"):
            pairs = zip(walls[(command, base)], walls[(command, j)], strict=True)
            ups = [a / b for a, b in pairs]
            print(
                f"   {command} --jobs {j} vs --jobs {base}: median {statistics.median(ups):.2f}x "
                f"faster (runs {min(ups):.2f}-{max(ups):.2f})"
            )


def part_memory(work: Path, sizes: list[int]) -> None:
    from memory_corpus import distinct_corpus

    print("3. memory: peak RSS of `summarise brief --jobs 1`, distinct articles, one run each")
    for n in sizes:
        corpus = work / f"rss-in-{n}"
        distinct_corpus(corpus, n)
        wall, rss, _ = run_command(cli("brief", corpus, work / f"rss-out-{n}", 1))
        print(f"   {n:6d} articles: {rss:7.1f} MB  ({wall:.1f}s)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rss", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--skip", nargs="*", default=[], choices=["stages", "commands", "rss"])
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    tune_gc_for_batch()  # as the CLI does
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        from memory_corpus import distinct_corpus

        # make_corpus's copies differ by a line, so `brief` merged them as re-posts (161 of
        # 1,000 stayed) and the brief/extract ratio compared unequal work.
        corpus = distinct_corpus(work / "in", args.articles)
        print(f"corpus: {args.articles} distinct articles over {COUNCILS} councils, under {tmp}")
        if "stages" not in args.skip:
            part_stages(corpus, work, args.runs)
        if "commands" not in args.skip:
            part_commands(work / "in", work, args.runs, args.jobs)
        if "rss" not in args.skip and args.rss:
            part_memory(work, args.rss)


if __name__ == "__main__":
    main()
