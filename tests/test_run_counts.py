"""Issue 10, item 11: run.json counts every HTTP request (with its status) next to `attempts`
(answers parsed), per article and in total. Before, a retried 429 showed 1 attempt for 2
requests and a transport failure showed 0 with no trace of the requests sent."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest

from summarise.extract.llm.extractor import LLMExtractor
from summarise.llm.config import Settings
from summarise.pipeline import run_extract
from summarise.run_record import RunRecord

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _extractor(http_client: httpx2.Client | None = None) -> LLMExtractor:
    settings = Settings(
        backend="llm",
        model="gpt-4o-mini",
        base_url="http://curated.invalid/v1",
        api_key="sk-dummy",
        use_cache=False,  # type: ignore[arg-type]
        max_reasks=2,
        max_transport_retries=2,
    )
    return LLMExtractor(settings, http_client=http_client, sleep=lambda s: None)


def _record(out: Path) -> RunRecord:
    return RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))


@pytest.mark.vcr("curated/rate_limit_429.yaml")
def test_a_retried_429_counts_two_requests_and_one_attempt(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract([EXAMPLES / "004_2a15993ef3ba4a26.txt"], out, _extractor())
    record = _record(out)
    (article,) = record.articles
    assert article.outcome.value == "ok"
    assert (article.requests, article.attempts) == (2, 1)
    assert article.statuses == {"200": 1, "429": 1}
    assert (record.requests, record.statuses) == (2, {"200": 1, "429": 1})


def test_a_transport_failure_still_counts_its_requests(tmp_path: Path) -> None:
    def always_503(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(503, json={"error": {"message": "overloaded"}})

    client = httpx2.Client(transport=httpx2.MockTransport(always_503))
    out = tmp_path / "out"
    good = EXAMPLES / "002_54ee74d76629738e.txt"
    result = run_extract([good], out, _extractor(client))
    (article,) = result.record.articles
    assert article.outcome.value == "failed" and article.attempts == 0
    assert article.requests == 3 and article.statuses == {"503": 3}  # 1 + 2 transport retries
    # no summary means nothing was written: the record is in memory, the out folder untouched
    assert result.history is None and not out.exists()
    assert (result.record.requests, result.record.statuses) == (3, {"503": 3})
