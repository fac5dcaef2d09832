"""The LLM path replayed from cassettes/recorded/: real exchanges with llama-cpp-python's server
running SmolLM2-135M-Instruct (see cassettes/README.md for how they were made).

The tiny model cannot do this task; these cassettes exist to exercise the re-ask and failure
paths against a real server's wire format: the re-ask must really be sent with the error text,
and the article must end flagged or failed with a reason, never crash or vanish.

Re-record (server on 127.0.0.1:8765):
    pytest tests/test_llm_recorded.py --record-mode=rewrite -p no:cacheprovider
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import httpx2
import pytest

from summarise.align.spans import check_span
from summarise.extract.llm.extractor import LLMExtractor
from summarise.ingest.reader import load_article
from summarise.llm.config import Settings
from summarise.models import Outcome

ROOT = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("SUMMARISE_RECORD_BASE_URL", "http://127.0.0.1:8765/v1")
MODEL = "SmolLM2-135M-Instruct"
ARTICLE = ROOT / "examples" / "articles" / "000_d3f0b9fec1a3d49c.txt"


def run(mode: str) -> tuple[Any, list[dict[str, Any]]]:
    sent: list[dict[str, Any]] = []
    settings = Settings(
        backend="llm",
        model=MODEL,
        base_url=BASE_URL,
        mode=mode,  # type: ignore[arg-type]
        use_cache=False,
        max_reasks=1,
        max_output_tokens=200,
        max_transport_retries=0,
        timeout_s=900,
    )
    client = httpx2.Client(event_hooks={"request": [lambda r: sent.append(json.loads(r.content))]})
    extractor = LLMExtractor(settings, http_client=client, sleep=lambda s: None)
    article = load_article(ARTICLE)
    result = extractor.extract(article)
    if result.summary is not None:
        for q in result.summary.quotes:
            assert check_span(article.text, q.span) is None
    return result, sent


@pytest.mark.default_cassette("recorded/llama_smollm2_json.yaml")
@pytest.mark.vcr
def test_recorded_json_mode_bad_answer_is_reasked_then_fails_with_reason() -> None:
    result, sent = run("json")
    assert len(sent) == 2 and result.attempts == 2
    reask = sent[1]["messages"][-1]
    assert reask["role"] == "user"
    assert reask["content"].startswith("Correct your JSON ONLY RESPONSE")
    assert "validation error" in reask["content"]
    assert result.outcome in (Outcome.failed, Outcome.flagged)
    assert result.reason
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0


@pytest.mark.default_cassette("recorded/llama_smollm2_tools.yaml")
@pytest.mark.vcr
def test_recorded_tools_mode_bad_answer_is_reasked_then_fails_with_reason() -> None:
    result, sent = run("tools")
    assert len(sent) == 2 and result.attempts == 2
    reask = sent[1]["messages"][-1]
    assert reask["role"] == "tool" and "Validation Error found" in reask["content"]
    assert result.outcome in (Outcome.failed, Outcome.flagged)
    assert result.reason
    assert result.usage.prompt_tokens > 0
