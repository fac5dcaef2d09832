"""`--jobs 2` with the llm backend: two forked processes of concurrency / 2 threads each, one
rate-limit budget and one usage total between them, output as with one process."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

from summarise.extract.llm.extractor import LLMExtractor
from summarise.models import Outcome
from summarise.pipeline import run_extract
from summarise.workers import map_threaded

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from standin_server import StandinServer
from test_standin import corpus, settings


def _where(x: int) -> tuple[int, int, int]:
    # Busy long enough that the pool starts its other threads before the first one is free
    # (an instant task let one thread take every item on a loaded host).
    time.sleep(0.05)
    return x * x, os.getpid(), threading.get_ident()


def test_map_threaded_keeps_input_order_over_processes_and_threads() -> None:
    results = list(map_threaded(_where, list(range(40)), jobs=2, threads=3))
    assert [r[0] for r in results] == [x * x for x in range(40)]
    pids = {pid for _, pid, _ in results}
    assert len(pids) == 2 and os.getpid() not in pids
    assert len({(pid, tid) for _, pid, tid in results}) > 2  # more than one thread each


def _raise(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_map_threaded_raises_a_workers_error_in_the_parent() -> None:
    done: list[int] = []
    try:
        done.extend(map_threaded(_raise, list(range(6)), jobs=2, threads=2))
    except RuntimeError as exc:
        assert "ValueError: three" in str(exc)
    else:
        raise AssertionError("the error of item 3 was not raised")
    assert done == [0, 1, 2]


def test_two_jobs_write_what_one_job_writes_and_share_one_budget(tmp_path: Path) -> None:
    n = 24
    inputs = corpus(tmp_path / "in", n)
    written: dict[int, dict[str, bytes]] = {}
    for jobs in (1, 2):
        with StandinServer(latency_s=0.01) as server:
            extractor = LLMExtractor(settings(server, 8))
            result = run_extract(
                [inputs], tmp_path / f"out{jobs}", extractor, concurrency=8, jobs=jobs
            )
        assert [a.outcome for a in result.record.articles] == [Outcome.ok] * n
        assert server.counts["requests"] == n
        # counted in the parent, although the requests were sent from the workers
        assert extractor.transport.budget.requests == n
        assert extractor.transport.meter.total == result.record.usage
        folder = tmp_path / f"out{jobs}" / "articles"
        written[jobs] = {p.name: _comparable(p) for p in sorted(folder.iterdir())}
    assert len(written[1]) == 2 * n
    assert written[2] == written[1]


def _comparable(path: Path) -> object:
    """The file, less the stand-in's cached-token count (it depends on the order requests
    arrive in, with threads as with processes)."""
    if path.suffix != ".json":
        return path.read_bytes()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["provenance"]["usage"].pop("cached_tokens") >= 0
    return data


def test_two_jobs_against_a_server_admitting_8_keep_429s_few(tmp_path: Path) -> None:
    n = 200
    with StandinServer(latency_s=0.02, capacity=8, retry_after_ms=20) as server:
        extractor = LLMExtractor(settings(server, 32))
        result = run_extract(
            [corpus(tmp_path / "in", n)], tmp_path / "out", extractor, concurrency=32, jobs=2
        )
    assert [a.outcome for a in result.record.articles] == [Outcome.ok] * n
    requests, refused = server.counts["requests"], server.counts["over capacity"]
    assert requests == n + refused
    assert extractor.transport.budget.rate_limited == refused
    assert refused < 0.10 * requests, (refused, requests)


def test_sharing_twice_splits_the_per_minute_caps_once() -> None:
    from summarise.llm.transport import RateLimiter, Transport

    transport = Transport(limiter=RateLimiter(600, 100_000))
    transport.share(2)
    transport.share(2)
    assert (transport.limiter.rpm, transport.limiter.tpm) == (300, 50_000)
