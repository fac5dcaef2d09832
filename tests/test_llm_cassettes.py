"""The LLM path replayed from cassettes/curated/ (hand-written answers in wire format).

Each failure cassette is paired with an assertion on the behaviour it exists to show; the
requests actually sent are captured with an httpx event hook, not read back from the cassette.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

from summarise.align.spans import check_span
from summarise.extract import ExtractionResult
from summarise.extract.llm.extractor import LLMExtractor
from summarise.ingest.reader import load_article
from summarise.llm.cache import ResultCache
from summarise.llm.config import Settings
from summarise.models import Article, ArticleSummary, Outcome, Span

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
CURATED = ROOT / "cassettes" / "curated"
IDS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
FABRICATED = "Essex is now among the best social services departments in the country."


class Harness:
    """An LLMExtractor wired to capture every request and every backoff sleep."""

    def __init__(self, mode: str = "tools", cache: ResultCache | None = None) -> None:
        self.requests: list[dict[str, Any]] = []
        self.slept: list[float] = []
        settings = Settings(
            backend="llm",
            model="gpt-4o-mini",
            base_url="http://curated.invalid/v1",
            api_key="sk-dummy",
            mode=mode,
            use_cache=False,  # type: ignore[arg-type]
            max_reasks=2,
            max_transport_retries=2,
        )
        client = httpx2.Client(event_hooks={"request": [self._capture]})
        self.extractor = LLMExtractor(
            settings, http_client=client, sleep=self.slept.append, cache=cache
        )

    def _capture(self, request: httpx2.Request) -> None:
        self.requests.append(json.loads(request.content))

    def run(self, article_id: str) -> tuple[Article, ExtractionResult]:
        article = load_article(EXAMPLES / f"{article_id}.txt")
        return article, self.extractor.extract(article)


def spans(summary: ArticleSummary) -> list[Span]:
    out = [j.evidence for j in summary.judgements]
    for items in (summary.strengths, summary.concerns, summary.recommendations):
        out += [p.evidence for p in items]
    out += [q.span for q in summary.quotes] + [f.span for f in summary.figures]
    return out


def assert_grounded(article: Article, summary: ArticleSummary) -> None:
    for span in spans(summary):
        assert check_span(article.text, span) is None
        assert article.text[span.start : span.end] == span.text
    for q in summary.quotes:
        assert q.text == q.span.text


def cassette_usage(name: str) -> tuple[int, int]:
    data = yaml.safe_load((CURATED / f"{name}.yaml").read_text(encoding="utf-8"))
    prompt = completion = 0
    for it in data["interactions"]:
        if it["response"]["status"]["code"] == 200:
            usage = json.loads(it["response"]["body"]["string"])["usage"]
            prompt += usage["prompt_tokens"]
            completion += usage["completion_tokens"]
    return prompt, completion


@pytest.mark.parametrize(
    "article_id",
    [pytest.param(a, marks=pytest.mark.vcr(f"curated/tools_{a[:3]}.yaml")) for a in IDS],
)
def test_tools_mode_good_answers_are_ok_and_grounded(article_id: str) -> None:
    h = Harness("tools")
    article, result = h.run(article_id)
    assert result.outcome is Outcome.ok, result.problems
    assert result.summary is not None and result.attempts == 1 and len(h.requests) == 1
    assert_grounded(article, result.summary)
    prov = result.summary.provenance
    assert prov.backend == "llm" and prov.prompt_version == h.extractor.prompt_version
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == cassette_usage(
        f"tools_{article_id[:3]}"
    )
    assert "tools" in h.requests[0] and "response_format" not in h.requests[0]


@pytest.mark.parametrize(
    "article_id",
    [
        pytest.param("002_54ee74d76629738e", marks=pytest.mark.vcr("curated/json_002.yaml")),
        pytest.param("004_2a15993ef3ba4a26", marks=pytest.mark.vcr("curated/json_004.yaml")),
    ],
)
def test_json_mode_good_answer(article_id: str) -> None:
    h = Harness("json")
    article, result = h.run(article_id)
    assert result.outcome is Outcome.ok and result.summary is not None
    assert h.requests[0]["response_format"] == {"type": "json_object"}
    assert "tools" not in h.requests[0]
    assert_grounded(article, result.summary)


@pytest.mark.parametrize(
    ("mode", "reask_role", "reask_intro"),
    [
        pytest.param(
            "tools",
            "tool",
            "Validation Error found",
            marks=pytest.mark.vcr("curated/reask_fabricated_quote_tools.yaml"),
        ),
        pytest.param(
            "json",
            "user",
            "Correct your JSON ONLY RESPONSE",
            marks=pytest.mark.vcr("curated/reask_fabricated_quote_json.yaml"),
        ),
    ],
)
def test_fabricated_quote_is_reasked_with_the_error(
    mode: str, reask_role: str, reask_intro: str
) -> None:
    h = Harness(mode)
    article, result = h.run("000_d3f0b9fec1a3d49c")
    assert len(h.requests) == 2
    first, second = h.requests
    # the re-ask is the first request plus the model's answer and the validator's message
    assert second["messages"][: len(first["messages"])] == first["messages"]
    error = second["messages"][-1]
    assert error["role"] == reask_role and reask_intro in error["content"]
    assert f'quote text "{FABRICATED}" is not in the article' in error["content"]
    assert FABRICATED not in json.dumps(first)  # the error text is new in the second request
    assert result.outcome is Outcome.ok and result.attempts == 2
    assert result.summary is not None
    assert all(FABRICATED not in q.text for q in result.summary.quotes)
    assert_grounded(article, result.summary)
    # tokens of both attempts are counted
    name = f"reask_fabricated_quote_{mode}"
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == cassette_usage(name)


@pytest.mark.vcr("curated/rate_limit_429.yaml")
def test_429_waits_for_retry_after_then_succeeds() -> None:
    h = Harness()
    article, result = h.run("004_2a15993ef3ba4a26")
    assert h.slept == [7.0]  # the injected sleep got exactly Retry-After
    assert len(h.requests) == 2 and h.requests[0] == h.requests[1]  # resent unchanged
    assert result.outcome is Outcome.ok and result.attempts == 1  # not a re-ask
    assert result.summary is not None
    assert_grounded(article, result.summary)


@pytest.mark.vcr("curated/truncated_length.yaml")
def test_truncated_answer_is_not_accepted() -> None:
    h = Harness()
    _, result = h.run("001_244405360186b16d")
    assert result.outcome is Outcome.failed and result.summary is None
    assert result.reason is not None and "finish_reason=length" in result.reason
    assert len(h.requests) == 1 and result.attempts == 1
    assert result.usage.completion_tokens > 0  # the wasted tokens still count


@pytest.mark.vcr("curated/malformed_json.yaml")
def test_malformed_json_is_reasked() -> None:
    h = Harness()
    article, result = h.run("002_54ee74d76629738e")
    assert len(h.requests) == 2
    reask = h.requests[1]["messages"]
    broken = reask[-2]["tool_calls"][0]["function"]["arguments"]
    assert broken.endswith('"strengths": [{"text": ')  # the model's own broken answer goes back
    assert reask[-1]["role"] == "tool" and "Validation Error found" in reask[-1]["content"]
    assert result.outcome is Outcome.ok and result.attempts == 2
    assert result.summary is not None
    assert_grounded(article, result.summary)


@pytest.mark.vcr("curated/reasks_exhausted_flagged.yaml")
def test_reasks_run_out_best_attempt_is_kept_flagged() -> None:
    h = Harness()
    article, result = h.run("000_d3f0b9fec1a3d49c")
    assert len(h.requests) == 3 and result.attempts == 3
    assert result.outcome is Outcome.flagged and result.summary is not None
    assert result.reason is not None
    text = "\n".join(result.problems)
    assert "best attempt (2 of 3) kept" in text and FABRICATED in text
    assert result.summary.provenance.outcome is Outcome.flagged
    assert result.summary.provenance.problems == result.problems
    assert all(FABRICATED not in q.text for q in result.summary.quotes)
    assert len(result.summary.quotes) == 3  # the grounded ones survive
    assert_grounded(article, result.summary)


@pytest.mark.vcr("curated/tools_000.yaml")
def test_second_run_is_served_from_the_cache_with_zero_requests(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    h = Harness(cache=cache)
    _, first = h.run("000_d3f0b9fec1a3d49c")
    assert first.outcome is Outcome.ok and not first.cached and len(h.requests) == 1
    _, second = h.run("000_d3f0b9fec1a3d49c")
    assert len(h.requests) == 1  # zero new requests
    assert second.cached and second.outcome is Outcome.ok and second.usage.total_tokens == 0
    assert second.summary == first.summary


@pytest.mark.vcr("curated/reasks_exhausted_flagged.yaml")
def test_flagged_results_are_not_cached(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    h = Harness(cache=cache)
    _, result = h.run("000_d3f0b9fec1a3d49c")
    assert result.outcome is Outcome.flagged
    assert len(cache) == 0
