"""The LLM path fanned out against the stand-in server (tools/standin_server.py): counts, not times.

Every article is a copy of an example, so the server's hand-written (curated) answer for it
grounds; the copies have ids of their own, and the cache is off, so each one is a request.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from summarise.extract.llm.extractor import LLMExtractor
from summarise.llm.config import Settings
from summarise.llm.usage import DEFAULT_PRICES, cost_usd
from summarise.models import Outcome
from summarise.pipeline import RunResult, run_extract
from summarise.run_record import RunRecord

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from standin_server import StandinServer, _shared_length, every

EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        example = EXAMPLES[i % len(EXAMPLES)]
        shutil.copy(example, folder / f"c{i:04d}-{example.name}")
    return folder


def settings(server: StandinServer, concurrency: int, **extra: object) -> Settings:
    values: dict[str, object] = {
        "backend": "llm",
        "base_url": server.base_url,
        "api_key": "sk-standin",
        "use_cache": False,
        "concurrency": concurrency,
        "backoff_initial_s": 0.05,
        "backoff_max_s": 0.5,
    }
    values.update(extra)
    return Settings.model_validate(values)


def run(
    tmp_path: Path, server: StandinServer, n: int, concurrency: int, **extra: object
) -> RunResult:
    config = settings(server, concurrency, **extra)
    extractor = LLMExtractor(config)
    return run_extract(
        [corpus(tmp_path / "in", n)],
        tmp_path / "out",
        extractor,
        concurrency=concurrency,
        cost=lambda u: cost_usd(u, config.model, config.prices),
    )


def outcomes(result: RunResult) -> list[Outcome]:
    return [a.outcome for a in result.record.articles]


def test_5_percent_429_every_article_ok_one_extra_request_per_429(tmp_path: Path) -> None:
    with StandinServer(latency_s=0.01, schedule=every(20, "429")) as server:
        result = run(tmp_path, server, 60, concurrency=8)
    assert outcomes(result) == [Outcome.ok] * 60
    assert server.counts["429"] == 3  # requests 20, 40, 60 of 63
    assert server.counts["requests"] == 60 + server.counts["429"]
    assert sum(a.attempts for a in result.record.articles) == 60  # 429s are not re-asks


def test_server_admitting_8_at_concurrency_32_few_429s(tmp_path: Path) -> None:
    n = 400
    with StandinServer(latency_s=0.02, capacity=8, retry_after_ms=20) as server:
        result = run(tmp_path, server, n, concurrency=32)
    assert outcomes(result) == [Outcome.ok] * n
    requests, refused = server.counts["requests"], server.counts["over capacity"]
    assert requests == n + refused
    assert refused > 0  # the first burst of 32 met a server admitting 8
    assert refused < 0.10 * requests, (refused, requests)


@pytest.mark.parametrize("action", ["500", "hang"])
def test_500s_and_hangs_are_retried_and_every_article_ends_ok(tmp_path: Path, action: str) -> None:
    with StandinServer(schedule=every(7, action), hang_s=1.0) as server:
        result = run(tmp_path, server, 12, concurrency=4, timeout_s=0.3)
    assert outcomes(result) == [Outcome.ok] * 12
    assert server.counts[action] >= 1
    assert server.counts["requests"] == 12 + server.counts[action]


def test_truncated_answers_are_not_parsed(tmp_path: Path) -> None:
    with StandinServer(schedule=every(3, "truncate")) as server:
        result = run(tmp_path, server, 6, concurrency=1)
    failed = [a for a in result.record.articles if a.outcome == Outcome.failed]
    assert len(failed) == 2
    assert all("truncated" in (a.reason or "") for a in failed)


def test_fixed_part_goes_first_and_is_byte_identical(tmp_path: Path) -> None:
    with StandinServer() as server:
        run(tmp_path, server, 5, concurrency=1)
    bodies = server.bodies
    assert len(bodies) == 5
    fixed = {json.dumps([b["tools"], b["messages"][0]]) for b in bodies}
    assert len(fixed) == 1  # tools (the schema) and the system prompt never vary
    assert [m["role"] for m in bodies[0]["messages"]] == ["system", "user"]
    articles = {b["messages"][1]["content"] for b in bodies}
    assert len(articles) == 5  # only what comes after the fixed part differs


def test_cached_tokens_are_read_and_priced_at_their_own_rate(tmp_path: Path) -> None:
    with StandinServer() as server:
        result = run(tmp_path, server, 5, concurrency=1)
    record = RunRecord.model_validate_json((tmp_path / "out" / "run.json").read_text())
    first, *rest = record.articles
    assert first.usage.cached_tokens == 0  # nothing to share a prefix with yet
    assert all(a.usage.cached_tokens >= 1024 for a in rest)
    assert record.usage.cached_tokens == sum(a.usage.cached_tokens for a in record.articles)
    uncached = record.usage.model_copy(update={"cached_tokens": 0})
    full = cost_usd(uncached, "gpt-4o-mini", DEFAULT_PRICES)
    assert record.cost_usd is not None and full is not None
    assert record.cost_usd < full
    assert result.record.usage == record.usage


def test_brief_against_the_stand_in_reports_cached_tokens_and_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from summarise.cli import app

    monkeypatch.setenv("OPENAI_API_KEY", "sk-standin")
    inputs = corpus(tmp_path / "in", 10)
    with StandinServer(schedule=every(4, "429")) as server:
        args = ["brief", str(inputs), "--out", str(tmp_path / "out"), "--backend", "llm"]
        args += ["--base-url", server.base_url, "--no-cache", "--concurrency", "4"]
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    record = RunRecord.model_validate_json((tmp_path / "out" / "run.json").read_text())
    assert [a.outcome for a in record.articles] == [Outcome.ok] * 10
    # brief PATHS counts each copy of a story as one source with it: 5 stories, 5 extractions
    copies = [a for a in record.articles if (a.reason or "").startswith("a copy of")]
    assert len(copies) == 5
    assert server.counts["requests"] == 10 - len(copies) + server.counts["429"]
    assert record.usage.cached_tokens > 0
    assert f"({record.usage.cached_tokens} cached)" in result.output
    assert len(list((tmp_path / "out" / "briefings").glob("*.docx"))) == 5


def test_shared_prefix_length_is_the_longest_common_prefix() -> None:
    import random

    rng = random.Random(13)
    for _ in range(2000):
        a = "".join(rng.choice("ab") for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice("ab") for _ in range(rng.randint(0, 12)))
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        assert _shared_length(a, b) == n, (a, b)
