"""The LLM path replayed from cassettes/recorded/: real exchanges with llama-cpp-python's server
running SmolLM2-135M-Instruct (see cassettes/README.md for how they were made).

The tiny model cannot do this task; these cassettes exist to exercise the re-ask and failure
paths against a real server's wire format: the re-ask must really be sent with the error text,
and each article ends exactly as its recording dictates (JSON: failed; tools: flagged).

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
from cassette_binding import ARTICLE_000 as ARTICLE
from cassette_binding import recorded_settings

from summarise.align.spans import check_span
from summarise.extract.llm.extractor import LLMExtractor
from summarise.ingest.reader import load_article
from summarise.models import Outcome

ROOT = Path(__file__).resolve().parents[1]
BASE_URL = os.environ.get("SUMMARISE_RECORD_BASE_URL", "http://127.0.0.1:8765/v1")


def run(mode: str) -> tuple[Any, list[dict[str, Any]]]:
    sent: list[dict[str, Any]] = []
    settings = recorded_settings(mode, BASE_URL)
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
    # both answers are {"title": "ArticleExtraction"}: nothing to salvage, so failed, not flagged
    assert result.outcome is Outcome.failed and result.summary is None
    assert result.reason is not None
    assert result.reason.startswith("no valid answer after 2 attempt(s): 2 validation errors")
    assert "scope Field required" in result.reason and "summary Field required" in result.reason
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (4977, 24)


@pytest.mark.default_cassette("recorded/llama_smollm2_tools.yaml")
@pytest.mark.vcr
def test_recorded_tools_mode_bad_answer_is_reasked_then_fails_with_reason() -> None:
    result, sent = run("tools")
    assert len(sent) == 2 and result.attempts == 2
    reask = sent[1]["messages"][-1]
    assert reask["role"] == "tool" and "Validation Error found" in reask["content"]
    # the second answer parses but is ungrounded: kept as the best attempt, flagged
    assert result.outcome is Outcome.flagged and result.summary is not None
    assert result.problems[0] == "best attempt (2 of 2) kept"
    assert "scope is council but no council is given" in result.problems[1]
    assert "the answer has no judgements, strengths, concerns" in result.problems[1]
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (1926, 313)
