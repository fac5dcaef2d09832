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


@dataclass
class Checked:
    """What checking one file found: problems (each with a JSON pointer) and warnings."""

    problems: list[Problem]
    warnings: list[str]


@dataclass(frozen=True)
class Problem:
    path: Path
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.pointer or '/'}: {self.message}"


def pointer(loc: tuple[int | str, ...] | list[int | str]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in loc)


_BRIEFING_KEYS = frozenset({"council", "headline", "latest_judgements", "national_context"})
_SUMMARY_KEYS = frozenset({"source", "scope", "provenance", "councils", "judgements", "review"})
_RUN_KEYS = frozenset({"started_at", "articles"})


def _model_for(data: Any) -> type[BaseModel] | None:
    """Which contract object `data` is meant to be, judged by the keys it has (not all of them,
    so a summary missing `source` is still checked as a summary and the missing field named)."""
    if not isinstance(data, dict):
        return None
    keys = data.keys()
    if keys & _BRIEFING_KEYS:
        return CouncilBriefing
    if _RUN_KEYS <= keys:
        return RunRecord
    if keys & _SUMMARY_KEYS:
        return ArticleSummary
    return None


def _branch(node: Any, schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The schema `node` answers to: `$ref` followed, and the matching `anyOf` branch."""
    if "$ref" in schema:
        return _branch(node, defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    for option in schema.get("anyOf", []):
        option = _branch(node, option, defs)
        if isinstance(node, dict) and "properties" in option:
            return option
        if isinstance(node, list) and option.get("type") == "array":
            return option
    return schema


def missing_fields(
    node: Any, schema: dict[str, Any], defs: dict[str, Any], loc: tuple[int | str, ...] = ()
) -> Iterator[tuple[int | str, ...]]:
    """Where `node` lacks a field the schema requires, as paths for `pointer`."""
    schema = _branch(node, schema, defs)
    if isinstance(node, dict) and "properties" in schema:
        properties = schema["properties"]
        for name in schema.get("required", []):
            if name not in node:
                yield (*loc, name)
        for key, value in node.items():
            if key in properties:
                yield from missing_fields(value, properties[key], defs, (*loc, key))
    elif isinstance(node, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(node):
            yield from missing_fields(value, schema["items"], defs, (*loc, i))


def _required_problems(path: Path, data: dict[str, Any], model: type[BaseModel]) -> Checked:
    """1.1 requires every contract field; a 1.0 file is read by 1.0's rules, with one warning."""
    schema = model.model_json_schema()
    missing = [pointer(loc) for loc in missing_fields(data, schema, schema.get("$defs", {}))]
    if data.get("schema_version") == "1.0":
        lacks = ", ".join(missing) if missing else "nothing 1.1 requires"
        note = (
            f"{path}: schema 1.0, checked as 1.0 (which did not require every field); lacks {lacks}"
        )
        return Checked([], [note])
    return Checked([Problem(path, m, "missing") for m in missing], [])


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
    """The file's problems; see `check_file` for its warnings too."""
    return check_file(path).problems


def check_file(path: Path) -> Checked:
    """Check one JSON file against schema SCHEMA_VERSION (or 1.0 when it says so) and its spans."""
    problems = _check(path)
    return problems if isinstance(problems, Checked) else Checked(problems, [])


def _check(path: Path) -> list[Problem] | Checked:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        return [Problem(path, "", f"cannot read: {err}")]
    except json.JSONDecodeError as err:
        return [Problem(path, "", f"not JSON: {err.msg} at line {err.lineno}")]
    model = _model_for(data)
    if model is None:
        return [Problem(path, "", "not an ArticleSummary, CouncilBriefing or run record")]
    required = _required_problems(path, data, model)
    try:
        model.model_validate(data)
    except ValidationError as err:
        shown = {p.pointer for p in required.problems}
        found = [Problem(path, pointer(list(e["loc"])), e["msg"]) for e in err.errors()]
        required.problems += [p for p in found if p.pointer not in shown]
        return required
    if required.problems:
        return required
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
    return Checked(problems, required.warnings)


def _batch_state(path: Path) -> bool:
    return path.parent.name == "batches" and path.name.startswith("b-")


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders searched for .json files (summaries and briefings), leaving out
    OUT/batches/ (the Batch API's state files, not part of the contract)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.json") if not _batch_state(q)))
        else:
            out.append(p)
    return out
