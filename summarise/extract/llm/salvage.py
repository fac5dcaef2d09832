"""Keep the best failed attempt: parse raw completions leniently and pick the most grounded one.

When instructor's re-asks run out, every raw completion of the call is still in the transport's
CallLog. Each is parsed without the grounding validator (no article in the context); the one
with the fewest grounding problems wins (the later one on a tie). Its ungrounded items are then
dropped by to_summary, and the article is written as flagged with its remaining problems.
Truncated completions (finish_reason == "length") are never used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from summarise.extract.llm.response_model import ArticleExtraction, Problem, find_problems


@dataclass
class Salvaged:
    extraction: ArticleExtraction
    problems: list[Problem]
    attempt: int  # 1-based attempt number of the completion used


def answer_text(completion: Any) -> str | None:
    """The JSON the model answered with: tool-call arguments (TOOLS) or message content (JSON)."""
    choices = getattr(completion, "choices", None) or []
    if not choices:
        return None
    message = choices[0].message
    for call in getattr(message, "tool_calls", None) or []:
        arguments = getattr(getattr(call, "function", None), "arguments", None)
        if isinstance(arguments, str) and arguments.strip():
            return arguments
    content = getattr(message, "content", None)
    if not isinstance(content, str):
        return None
    start, end = content.find("{"), content.rfind("}")
    return content[start : end + 1] if 0 <= start < end else None


def finish_reason(completion: Any) -> str | None:
    choices = getattr(completion, "choices", None) or []
    return getattr(choices[0], "finish_reason", None) if choices else None


def best_attempt(
    completions: list[Any], article: str, *, first_chunk: bool = True
) -> Salvaged | None:
    best: Salvaged | None = None
    for n, completion in enumerate(completions, start=1):
        if finish_reason(completion) == "length":
            continue
        text = answer_text(completion)
        if text is None:
            continue
        try:
            extraction = ArticleExtraction.model_validate_json(text)
        except ValidationError:
            continue
        problems = find_problems(extraction, article, first_chunk=first_chunk)
        if best is None or len(problems) <= len(best.problems):
            best = Salvaged(extraction, problems, n)
    return best
