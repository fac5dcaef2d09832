"""Structured (instructor's create with its per-model work done once) against instructor's own
create: the same request bytes, first answers and re-asks alike, in both modes, and the same
parsed result; the article's `{{ }}` and `{% %}` arrive unchanged."""

from __future__ import annotations

import json
import time
from typing import Any, Literal

import httpx2
import pytest

from summarise.extract.llm.prompts import load_prompts
from summarise.extract.llm.response_model import ArticleExtraction
from summarise.llm.client import make_client, reask_policy
from summarise.llm.config import Settings
from summarise.llm.structured import Templates, prepared

ARTICLE = (
    "Ofsted rated Leeds City Council children's services {{ x }} as good. "
    "{% if y %}The report praised staff.{% endif %}\n    An indented line, £5m and “quotes”."
)
GOOD = {
    "scope": "council",
    "councils": [{"name": "Leeds City Council", "mentioned_as": "Leeds City Council"}],
    "summary": "Ofsted rated Leeds good.",
    "figures": [{"text": "£5m", "meaning": "money"}],
}
BAD = {**GOOD, "figures": [{"text": "£9m", "meaning": "money"}]}  # not in the article


def _completion(body: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    arguments = json.dumps(answer)
    message: dict[str, Any] = {"role": "assistant", "content": None}
    if body.get("tools"):
        call = {"name": body["tools"][0]["function"]["name"], "arguments": arguments}
        message["tool_calls"] = [{"id": "c1", "type": "function", "function": call}]
    else:
        message["content"] = arguments
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _run(mode: Literal["tools", "json"], structured: bool) -> tuple[list[bytes], ArticleExtraction]:
    """One extraction whose first answer fails validation, so a re-ask follows."""
    sent: list[bytes] = []

    def handle(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.content)
        answer = BAD if len(sent) == 1 else GOOD
        return httpx2.Response(200, json=_completion(json.loads(request.content), answer))

    settings = Settings(backend="llm", base_url="http://standin/v1", mode=mode, max_reasks=1)
    http = httpx2.Client(transport=httpx2.MockTransport(handle))
    llm = make_client(settings, missing_key="x", sleep=time.sleep, http_client=http)
    client: Any = llm.structured if structured else llm.instructor
    extraction, completion = client.create_with_completion(
        messages=load_prompts().messages(),
        response_model=ArticleExtraction,
        max_retries=reask_policy(settings),
        context={"article": ARTICLE, "first_chunk": True},
        model=settings.model,
        temperature=0.0,
        max_tokens=200,
        strict=False,
        extra_headers={"X-Summarise-Request": "a1#0"},
    )
    assert completion is not None
    return sent, extraction


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_same_bytes_and_result_as_instructors_create(mode: Literal["tools", "json"]) -> None:
    theirs, expected = _run(mode, structured=False)
    for _ in range(2):  # the second call is served from the per-model caches
        ours, got = _run(mode, structured=True)
        assert ours == theirs
        assert got.model_dump() == expected.model_dump()
    assert len(ours) == 2, "the bad first answer must lead to a re-ask"
    reask = json.loads(ours[1])
    assert "£9m" in json.dumps(reask["messages"], ensure_ascii=False)
    user = json.loads(ours[0])["messages"][-1]["content"]
    assert "{{ x }}" in user and "{% if y %}" in user
    assert isinstance(got, ArticleExtraction)


def test_prepared_is_made_once_and_keeps_the_schema() -> None:
    first = prepared(ArticleExtraction)
    assert prepared(ArticleExtraction) is first
    assert issubclass(first, ArticleExtraction) and first is not ArticleExtraction
    assert first.model_json_schema() == ArticleExtraction.model_json_schema()


def test_templates_render_as_instructor_does() -> None:
    from instructor.v2.core.templating import apply_template  # type: ignore[attr-defined]

    templates = Templates()
    text = "  Article:\n\n  {{ article }}"
    context = {"article": ARTICLE}
    assert templates.render(text, context) == apply_template(text, context)
    assert templates.render(text, {"article": "other"}) == apply_template(
        text, {"article": "other"}
    )
