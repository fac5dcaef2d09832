"""run.json: what a run did with each input (the contract's record of a run).

Kept apart from models.py so that the contract's module stays small; it imports only it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from summarise.models import SCHEMA_VERSION, Outcome, Strict, Usage


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


class RunRecord(Strict):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
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
