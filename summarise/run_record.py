"""run.json: what a run did, per article and in total (inputs, outcomes, requests, tokens).

Kept apart from `summarise.models` (the summary and briefing contract) so each stays small.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from summarise.models import SCHEMA_VERSION, SCHEMA_VERSIONS, Outcome, Strict, Usage
from summarise.models.common import _all_required


def _required_but_batch(schema: dict[str, Any]) -> None:
    """Every field is written except `batch`, which only --batch runs have."""
    _all_required(schema)
    schema["required"] = [name for name in schema.get("required", []) if name != "batch"]


class ArticleRun(Strict):
    path: str
    id: str
    outcome: Outcome
    reason: str | None = None
    attempts: int = 0
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = None
    seconds: float = 0.0
    narrative_usage: Usage = Field(
        default_factory=Usage, description="Tokens spent on briefing narratives (--narrative llm)."
    )
    cached: bool = False
    requests: int = Field(
        default=0, description="Every HTTP request sent, retries and re-asks included."
    )
    statuses: dict[str, int] = Field(
        default_factory=dict,
        description='Requests by result: HTTP status ("200", "429") or "timeout", "connection".',
    )
    warnings: list[str] = Field(
        default_factory=list, description="What a library warned while reading the file."
    )


class BatchSpend(Strict):
    """What the Batch API answers cost, apart from the interactive requests (re-asks)."""

    batches: list[str] = Field(description="Batch ids whose results this run read.")
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = Field(default=None, description="At the Batch price.")
    price_factor: float = Field(description="Batch price as a share of the interactive price.")


class RunRecord(Strict):
    model_config = ConfigDict(
        extra="forbid", use_enum_values=False, json_schema_extra=_required_but_batch
    )

    schema_version: SCHEMA_VERSIONS = SCHEMA_VERSION
    started_at: str
    finished_at: str | None = None
    backend: str
    model: str | None = None
    inputs: list[str] = Field(default_factory=list)
    articles: list[ArticleRun] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = None
    seconds: float = 0.0
    narrative_usage: Usage = Field(
        default_factory=Usage, description="Tokens spent on briefing narratives (--narrative llm)."
    )
    requests: int = Field(default=0, description="HTTP requests across all articles.")
    statuses: dict[str, int] = Field(default_factory=dict, description="Requests by result.")
    skipped: list[str] = Field(
        default_factory=list,
        description="Files in the input folders that were not articles (hidden, unsupported).",
    )
    interrupted: bool = Field(default=False, description="Stopped by Ctrl-C before the end.")
    batch: BatchSpend | None = Field(
        default=None,
        exclude_if=lambda v: v is None,  # absent, not null, for runs without --batch
        description="--batch: the batch answers' tokens and cost (usage above is interactive).",
    )


def count_statuses(statuses: list[str]) -> dict[str, int]:
    """`["429", "429", "200"]` -> `{"200": 1, "429": 2}`, sorted for a stable run.json."""
    return {s: statuses.count(s) for s in sorted(set(statuses))}
