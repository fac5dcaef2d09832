"""LLMExtractor against a scripted in-process server (httpx2.MockTransport): template safety,
chunk merging with global offsets, usage across attempts, and failure reasons."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import httpx2

from summarise.align.spans import check_span
from summarise.extract.llm.extractor import LLMExtractor
from summarise.llm.client import REQUEST_HEADER
from summarise.llm.config import Settings
from summarise.models import Article, Outcome

Answer = Callable[[str, dict[str, Any]], dict[str, Any]]


def article(text: str, aid: str = "a1") -> Article:
    return Article(
        id=aid, path=f"{aid}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )


def server(answer: Answer, seen: list[httpx2.Request]) -> httpx2.Client:
    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        body = json.loads(request.content)
        chunk_text = body["messages"][-1]["content"].removeprefix("Article:\n\n")
        args = json.dumps(answer(chunk_text, body))
        return httpx2.Response(
            200,
            json={
                "id": "x",
                "object": "chat.completion",
                "created": 0,
                "model": "m",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {
                            "role": "assistant",
                            "content": None,
                            "tool_calls": [
                                {
                                    "id": "c",
                                    "type": "function",
                                    "function": {"name": "ArticleExtraction", "arguments": args},
                                }
                            ],
                        },
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
            },
        )

    return httpx2.Client(transport=httpx2.MockTransport(handle))


def extractor(client: httpx2.Client, **overrides: Any) -> LLMExtractor:
    fields: dict[str, Any] = {"max_transport_retries": 0, **overrides}
    settings = Settings(backend="llm", base_url="http://mock.invalid/v1", use_cache=False, **fields)
    return LLMExtractor(settings, http_client=client, sleep=lambda s: None)


def test_article_with_template_syntax_arrives_verbatim() -> None:
    text = (
        "Essex council was inspected. The director said: “{{ x }} and {% if true %}yes{% endif %}"
        " are not templates.” Costs rose by £9million — a café closed."
    )
    seen: list[httpx2.Request] = []

    def answer(chunk: str, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "scope": "council",
            "summary": "An inspection.",
            "councils": [{"name": "Essex", "mentioned_as": "Essex council"}],
            "quotes": [
                {
                    "speaker": None,
                    "text": "{{ x }} and {% if true %}yes{% endif %} are not templates.",
                }
            ],
            "figures": [{"text": "£9million", "meaning": "cost rise"}],
        }

    result = extractor(server(answer, seen)).extract(article(text))
    sent = json.loads(seen[0].content)["messages"][-1]["content"]
    assert sent == "Article:\n\n" + text  # nothing rendered, escaped or eaten
    assert result.outcome is Outcome.ok, result.problems
    assert result.summary is not None
    (quote,) = result.summary.quotes
    assert "{{ x }}" in quote.text and check_span(text, quote.span) is None
    assert result.summary.figures[0].span.text == "£9million"


def test_long_article_is_chunked_and_merged_with_global_offsets() -> None:
    sentences = [f"Sentence {i} says the council spent £{i}m on care homes." for i in range(60)]
    text = " ".join(sentences)
    seen: list[httpx2.Request] = []

    def answer(chunk: str, body: dict[str, Any]) -> dict[str, Any]:
        first = chunk.split(". ")[0] + "."
        money = first.split(" spent ")[1].split(" ")[0]
        return {
            "scope": "national",
            "summary": "Spending.",
            "concerns": [{"text": f"spending of {money}", "evidence": first}],
            "figures": [{"text": money, "meaning": "spend"}],
        }

    result = extractor(server(answer, seen), chunk_tokens=200).extract(article(text))
    assert len(seen) > 3  # one request per chunk
    keys = [r.headers[REQUEST_HEADER] for r in seen]
    assert keys == [f"a1#{i}" for i in range(len(seen))]
    assert result.outcome is Outcome.ok and result.summary is not None
    assert result.attempts == len(seen)
    assert result.usage.prompt_tokens == 100 * len(seen)
    concerns = result.summary.concerns
    assert len(concerns) == len(seen) == len(result.summary.figures)
    for point in concerns:
        assert check_span(text, point.evidence) is None
    assert concerns[0].evidence.start == 0 and concerns[-1].evidence.start > 1000


def test_unreachable_server_fails_with_a_reason_and_the_run_goes_on() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("connection refused", request=request)

    client = httpx2.Client(transport=httpx2.MockTransport(refuse))
    ex = extractor(client, max_transport_retries=2)
    result = ex.extract(article("Essex council was inspected."))
    assert result.outcome is Outcome.failed and result.summary is None
    assert result.reason is not None and "APIConnectionError" in result.reason
    assert "after 2 transport retries" in result.reason
