"""Check written JSON against the contract and every span against the text it points into.

Each problem is reported with a JSON pointer, so a reviewer can go straight to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summarise.models import ArticleSummary, CouncilBriefing
from summarise.run_record import RunRecord


@dataclass(frozen=True)
class Problem:
    path: Path
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.pointer or '/'}: {self.message}"


def pointer(loc: tuple[int | str, ...] | list[int | str]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in loc)


def _model_for(data: Any) -> type[BaseModel] | None:
    if not isinstance(data, dict):
        return None
    if "council" in data and "headline" in data:
        return CouncilBriefing
    if "source" in data and "provenance" in data:
        return ArticleSummary
    if "started_at" in data and "articles" in data:
        return RunRecord
    return None


def _spans(node: Any, loc: list[int | str]) -> Iterator[tuple[list[int | str], dict[str, Any]]]:
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and isinstance(node.get("start"), int):
            yield loc, node
        for k, v in node.items():
            yield from _spans(v, [*loc, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _spans(v, [*loc, i])


def _owning_source(loc: list[int | str], data: dict[str, Any]) -> str | None:
    """In a briefing, the article a span belongs to: the nearest `source_id` on its path."""
    node: Any = data
    found: str | None = None
    for part in loc:
        if isinstance(node, dict) and isinstance(node.get("source_id"), str):
            found = node["source_id"]
        node = node[part]
    return found


def _span_problem(text: str, span: dict[str, Any]) -> str | None:
    start, end = span["start"], span["end"]
    if not 0 <= start <= end <= len(text):
        return f"span {start}..{end} is outside the text (length {len(text)})"
    if text[start:end] != span["text"]:
        return f"span text {span['text'][:40]!r} != cleaned text {text[start:end][:40]!r}"
    return None


def validate_file(path: Path) -> list[Problem]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        return [Problem(path, "", f"cannot read: {err}")]
    except json.JSONDecodeError as err:
        return [Problem(path, "", f"not JSON: {err.msg} at line {err.lineno}")]
    model = _model_for(data)
    if model is None:
        return [Problem(path, "", "not an ArticleSummary, CouncilBriefing or run record")]
    try:
        model.model_validate(data)
    except ValidationError as err:
        return [Problem(path, pointer(list(e["loc"])), e["msg"]) for e in err.errors()]
    problems: list[Problem] = []
    texts: dict[Path, str | None] = {}

    def text_for(clean: Path) -> str | None:
        if clean not in texts:
            texts[clean] = clean.read_text(encoding="utf-8") if clean.is_file() else None
        return texts[clean]

    for loc, span in _spans(data, []):
        if model is ArticleSummary:
            clean = path.with_name(path.name.removesuffix(".json") + ".clean.txt")
        else:
            source_id = _owning_source(loc, data)
            clean = path.parent.parent / "articles" / f"{source_id}.clean.txt"
        text = text_for(clean)
        if text is None:
            problems.append(Problem(path, pointer(loc), f"cleaned text {clean} not found"))
            continue
        if issue := _span_problem(text, span):
            problems.append(Problem(path, pointer(loc), issue))
    return problems


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders searched for .json files (summaries and briefings)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.json")))
        else:
            out.append(p)
    return out
