"""Offline extraction on one core, paired: this checkout against another (e.g. a baseline).

Two checkouts, each run by its own Python (a venv with the same dependencies) as a subprocess,
on the same corpus, interleaved round by round (A B, B A, ...) so both see the same host load.
What counts is the ratio within a round; absolute figures swing with the host.

    .venv/bin/python benchmarks/offline_paired.py --old /tmp/oldwt --old-python \
        /tmp/oldvenv/bin/python [--copies 10] [--rounds 5] [--no-command] [--steps]

The corpus is the dev set's articles and the bundled examples, each copied `--copies` times;
each copy of an example has its councils swapped for another real authority, and every copy
ends with a line of its own, so no two texts are the same.

Two timings per round and checkout:

1. in process: ingest and extract each article (no writing), CPU seconds of the worker process
   pinned to one core, after one warm-up article (gazetteer and imports loaded); per article.
2. command: `summarise extract CORPUS --out X --backend offline` (`--jobs 1` where the checkout
   has it), CPU seconds (user + system) of the child pinned to one core, and wall clock.

`--steps` then times each step of the extractor once per checkout (by wrapping the functions
`summarise_article` calls), to show where the time goes.

The worker part imports only the standard library at the top, so either checkout can run it;
where the two packages' APIs differ a small shim below picks the right import.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
DEV = ROOT / "tests" / "data" / "dev" / "articles"
ORIGINAL_COUNCILS = ["North East Lincolnshire", "NE LINCS", "Leicestershire", "Gloucestershire"]
ORIGINAL_COUNCILS += ["Essex"]
CLI = "import sys; from summarise.cli import app; sys.argv[0] = 'summarise'; app()"


def _one_core() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


# --- worker: runs under either checkout ---------------------------------------------------


def _loader() -> Any:
    """The baseline had `summarise.ingest` as one module; now it is a package with a reader."""
    try:
        from summarise.ingest.reader import load_article
    except ImportError:
        from summarise.ingest import load_article  # type: ignore[no-redef,attr-defined]
    return load_article


def worker(corpus: Path) -> None:
    """Ingest and extract every article of CORPUS; print CPU seconds as one JSON line."""
    _one_core()
    c0 = time.process_time()
    from summarise.extract.offline import OfflineExtractor

    try:
        from summarise.pipeline import tune_gc_for_batch

        tune_gc_for_batch()  # as the CLI does, in both checkouts
    except ImportError:
        pass
    load_article = _loader()
    paths = sorted(corpus.glob("*.txt"))
    extractor = OfflineExtractor()
    extractor.extract(load_article(paths[0]))  # warm-up: gazetteer, lazy tables
    c1 = time.process_time()
    for p in paths:
        summary = extractor.extract(load_article(p)).summary
        assert summary is not None
    c2 = time.process_time()
    print(json.dumps({"n": len(paths), "setup": c1 - c0, "cpu": c2 - c1}))


# The extractor's steps, timed by wrapping the names summarise_article calls (either checkout).
STEPS = [
    "find_review_type",
    "find_bodies",
    "find_people",
    "find_quote_chains",
    "attribute",
    "find_mentions",
    "reported_councils",
    "decide_scope",
    "listed_councils",
    "find_judgements",
    "assign_judgements",
    "_judgements",
    "find_points",
    "find_figures",
    "merge_people",
    "find_review_date",
    "with_fact_ids",
    "_lead_summary",
    "_service_areas",
]


def worker_steps(corpus: Path) -> None:
    """CPU ms an article of each step of the extractor (after a warm-up); one JSON line."""
    _one_core()
    import summarise.extract.offline as off

    spent: dict[str, float] = {}

    def timed(name: str, step: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return step(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t0

        return run

    for name in STEPS:
        if hasattr(off, name):
            setattr(off, name, timed(name, getattr(off, name)))
    load_article = _loader()
    articles = [load_article(p) for p in sorted(corpus.glob("*.txt"))]
    extractor = off.OfflineExtractor()
    extractor.extract(articles[0])
    spent.clear()
    t0 = time.process_time()
    for article in articles:
        extractor.extract(article)
    total = time.process_time() - t0
    n = len(articles)
    print(json.dumps({"extract": total / n * 1000, **{k: v / n * 1000 for k, v in spent.items()}}))


def steps(python: str, checkout: Path, corpus: Path) -> dict[str, float]:
    return _worker(python, checkout, corpus, "--worker-steps")


def print_steps(pythons: dict[str, str], checkouts: dict[str, Path], corpus: Path) -> None:
    got = {k: steps(pythons[k], checkouts[k], corpus) for k in ("old", "new")}
    print("extractor steps, CPU ms an article (one run each, after the paired rounds):")
    names = sorted(set(got["old"]) | set(got["new"]), key=lambda k: -got["new"].get(k, 0.0))
    for name in names:
        old, new = got["old"].get(name), got["new"].get(name)
        cells = [f"{v:8.3f}" if v is not None else "       -" for v in (old, new)]
        print(f"  {name:20s} {cells[0]} {cells[1]}")


# --- driver: runs under this checkout -------------------------------------------------------


def make_corpus(folder: Path, copies: int) -> int:
    """Dev articles and examples, `copies` times each, examples council-swapped, all distinct."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from whole_run import councils

    names = councils()
    dev = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    examples = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    folder.mkdir(parents=True)
    n = 0
    for c in range(copies):
        texts = list(dev)
        for e, text in enumerate(examples):
            for original in ORIGINAL_COUNCILS:
                text = text.replace(original, names[(c * len(examples) + e) % len(names)])
            texts.append(text)
        for text in texts:
            (folder / f"{n:05d}.txt").write_text(
                f"{text.rstrip()}\n\nStory reference {n:05d}.\n", encoding="utf-8"
            )
            n += 1
    return n


def _env(checkout: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}


def in_process(python: str, checkout: Path, corpus: Path) -> dict[str, float]:
    return _worker(python, checkout, corpus, "--worker")


def _worker(python: str, checkout: Path, corpus: Path, flag: str) -> dict[str, float]:
    """Run this script's worker `flag` under `checkout`'s code; its last line is the JSON."""
    out = subprocess.run(
        [python, str(Path(__file__).resolve()), flag, str(corpus)],
        cwd=checkout,
        env=_env(checkout),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _has_jobs(python: str, checkout: Path) -> bool:
    out = subprocess.run(
        [python, "-c", CLI, "extract", "--help"],
        cwd=checkout,
        env={**_env(checkout), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=True,
    )
    return "--jobs" in out.stdout


def command(
    python: str, checkout: Path, corpus: Path, jobs: bool, tmp: Path
) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one `summarise extract` run."""
    out = Path(tempfile.mkdtemp(dir=tmp))
    args = [python, "-c", CLI, "extract", str(corpus), "--out", str(out), "--backend", "offline"]
    args += ["--jobs", "1"] if jobs else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    subprocess.run(
        args, cwd=checkout, env=_env(checkout), preexec_fn=_one_core, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def _summary(label: str, ratios: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(ratios):.2f}x "
        f"(range {min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} rounds)"
    )


def drive(args: argparse.Namespace) -> None:
    new = ROOT
    old: Path = args.old.resolve()
    pythons = {"old": args.old_python, "new": args.new_python}
    checkouts = {"old": old, "new": new}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        n = make_corpus(tmp / "corpus", args.copies)
        jobs = {k: _has_jobs(pythons[k], checkouts[k]) for k in checkouts}
        print(f"corpus: {n} articles; old {old}, new {new}")
        per: dict[str, list[float]] = {"old": [], "new": []}
        cmd_cpu: dict[str, list[float]] = {"old": [], "new": []}
        ratios, cmd_ratios, wall_ratios = [], [], []
        for r in range(args.rounds):
            order = ["old", "new"] if r % 2 == 0 else ["new", "old"]
            got: dict[str, dict[str, float]] = {}
            walls: dict[str, float] = {}
            for k in order:
                got[k] = in_process(pythons[k], checkouts[k], tmp / "corpus")
                per[k].append(got[k]["cpu"] / got[k]["n"] * 1000)
            for k in order if args.command else []:
                cpu, walls[k] = command(pythons[k], checkouts[k], tmp / "corpus", jobs[k], tmp)
                cmd_cpu[k].append(cpu)
            ratios.append(got["old"]["cpu"] / got["new"]["cpu"])
            line = (
                f"round {r + 1}: in process {per['old'][-1]:.2f} -> {per['new'][-1]:.2f} "
                f"ms CPU/article ({ratios[-1]:.2f}x)"
            )
            if args.command:
                cmd_ratios.append(cmd_cpu["old"][-1] / cmd_cpu["new"][-1])
                wall_ratios.append(walls["old"] / walls["new"])
                line += (
                    f"; command {cmd_cpu['old'][-1]:.2f} -> {cmd_cpu['new'][-1]:.2f} CPU s "
                    f"({cmd_ratios[-1]:.2f}x), wall {walls['old']:.2f} -> {walls['new']:.2f} s"
                )
            print(line, flush=True)
        if args.steps:
            print_steps(pythons, checkouts, tmp / "corpus")
    med = {k: statistics.median(v) for k, v in per.items()}
    print(f"in process, median ms CPU per article: old {med['old']:.2f}, new {med['new']:.2f}")
    print(_summary("in process speed-up (old/new CPU)", ratios))
    if args.command:
        print(_summary("command speed-up (old/new CPU)", cmd_ratios))
        print(_summary("command speed-up (old/new wall)", wall_ratios))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-steps", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--steps", action="store_true", help="time the extractor's steps too")
    parser.add_argument("--old", type=Path, help="the other checkout (a git worktree)")
    parser.add_argument("--old-python", help="a Python with the other checkout's dependencies")
    parser.add_argument("--new-python", default=sys.executable)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-command", dest="command", action="store_false")
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
    elif args.worker_steps is not None:
        worker_steps(args.worker_steps)
    elif args.old is None or args.old_python is None:
        parser.error("--old and --old-python are required")
    else:
        drive(args)


if __name__ == "__main__":
    main()
