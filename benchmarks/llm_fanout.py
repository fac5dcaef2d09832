"""LLM fan-out against the stand-in server (tools/standin_server.py): how near the bound a run is.

The bound is requests x latency / concurrency: the time the run would take if the workers
never waited on anything but the server. Every article is a copy of an example (the server
answers each with its curated answer), the cache is off, and each scenario runs `--runs` times;
the median ratio of extraction time to the bound is printed with the range.

    .venv/bin/python benchmarks/llm_fanout.py [--latency 0.25] [--runs 5] [--jobs 1]
        [--scenario 16:160 64:640 32:400:8]

A scenario is CONCURRENCY:ARTICLES, or CONCURRENCY:ARTICLES:CAPACITY for a server that admits
only CAPACITY requests at a time and answers 429 (retry-after-ms 250) beyond; its bound uses
CAPACITY in place of the concurrency. The stand-in's own work (JSON, threads) shares the
machine with the client, so on a busy host the ratio includes both. `--jobs N` splits the
articles and the concurrency over N processes sharing one rate-limit budget (`--jobs` of the
CLI). Also printed: the client's CPU per article (this process and its workers, user + system)
and the stand-in's CPU per request, which depend less on how busy the host is than the times.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import resource
import shutil
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from summarise.extract.llm.extractor import LLMExtractor
from summarise.llm.config import Settings
from summarise.models import Outcome
from summarise.pipeline import run_extract, tune_gc_for_batch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from standin_server import StandinServer

EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        example = EXAMPLES[i % len(EXAMPLES)]
        shutil.copy(example, folder / f"c{i:05d}-{example.name}")
    return folder


def serve(conn: Connection, options: dict[str, Any]) -> None:
    """The stand-in in a process of its own, as a real server would be: URL out, counts back."""
    with StandinServer(**options) as server:
        conn.send(server.base_url)
        conn.recv()  # the run is over
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        conn.send({**server.counts, "cpu": cpu.ru_utime + cpu.ru_stime})


def cpu_seconds() -> float:
    """User + system CPU of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def one_run(
    work: Path, concurrency: int, n: int, capacity: int | None, latency: float, jobs: int
) -> dict[str, float]:
    options = {"latency_s": latency, "capacity": capacity, "retry_after_ms": 250}
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("fork").Process(target=serve, args=(theirs, options))
    child.start()
    try:
        settings = Settings(
            backend="llm",
            base_url=ours.recv(),
            use_cache=False,
            concurrency=concurrency,
            backoff_initial_s=0.25,
        )
        extractor = LLMExtractor(settings)
        inputs = corpus(work / "in", n)
        cpu, t = cpu_seconds(), time.perf_counter()
        result = run_extract([inputs], work / "out", extractor, concurrency=concurrency, jobs=jobs)
        seconds = time.perf_counter() - t
        cpu = cpu_seconds() - cpu  # the workers have ended; the stand-in has not
        ours.send("done")
        counts = ours.recv()
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
    ok = sum(1 for a in result.record.articles if a.outcome == Outcome.ok)
    bound = counts.get("200", 0) * latency / (capacity or concurrency)
    return {
        "seconds": seconds,
        "ratio": seconds / bound,
        "ok": ok,
        "requests": counts.get("requests", 0),
        "refused": counts.get("over capacity", 0) + counts.get("429", 0),
        "client_ms": cpu / n * 1000,
        "server_ms": counts["cpu"] / max(1, counts.get("requests", 0)) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--scenario", nargs="+", default=["16:160", "64:640", "32:400:8"])
    args = parser.parse_args()
    tune_gc_for_batch()
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    print(f"stand-in latency {args.latency}s, {args.runs} runs per scenario, --jobs {args.jobs}")
    for scenario in args.scenario:
        parts = [int(x) for x in scenario.split(":")]
        concurrency, n = parts[0], parts[1]
        capacity = parts[2] if len(parts) > 2 else None
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(one_run(Path(tmp), concurrency, n, capacity, args.latency, args.jobs))
        ratios = [r["ratio"] for r in runs]
        admits = f", server admits {capacity}" if capacity else ""
        last = runs[-1]
        print(
            f"concurrency {concurrency}, {n} articles{admits}: time / bound median "
            f"{statistics.median(ratios):.2f}x (runs {min(ratios):.2f}-{max(ratios):.2f}); "
            f"median {statistics.median(r['seconds'] for r in runs):.2f}s; last run "
            f"{last['ok']:.0f} ok, {last['requests']:.0f} requests, {last['refused']:.0f} 429s; "
            f"client CPU {statistics.median(r['client_ms'] for r in runs):.1f} ms an article, "
            f"stand-in {statistics.median(r['server_ms'] for r in runs):.1f} ms a request"
        )


if __name__ == "__main__":
    main()
