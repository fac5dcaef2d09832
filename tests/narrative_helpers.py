"""What the narrative tests share: the example briefings, the capturing harness, readers of
the recorded cassettes, and small builders of answers and contexts.

The briefings are built as `summarise brief` builds them offline: examples/articles through the
offline extractor and the consolidator. Requests actually sent are captured with an httpx event
hook; the re-ask tests also read the recorded request bodies back from the cassette.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from pydantic import ValidationError

from summarise.brief.consolidate import Stored, build_briefings
from summarise.brief.narrative import (
    NarrativeResult,
    write_narrative,
)
from summarise.brief.narrative_checks import Narrative, citable_points
from summarise.extract.offline import summarise_article
from summarise.gazetteer.lookup import slugify
from summarise.ingest.reader import load_article
from summarise.llm.config import Settings
from summarise.models import CouncilBriefing

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
NARRATIVE = ROOT / "cassettes" / "narrative"
ANSWERS: dict[str, Any] = yaml.safe_load((NARRATIVE / "answers.yaml").read_text(encoding="utf-8"))
BAD_CITATION = 'sentence 2 cites "s99", which is not a point of this briefing'


# --- fixtures and helpers -------------------------------------------------------------------


def example_briefings() -> dict[str, CouncilBriefing]:
    """By slug; tests/conftest.py's `briefings` fixture builds them once per module."""
    stored = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        article = load_article(path)
        stored.append(Stored(article.id, summarise_article(article)))
    return {
        slugify(b.council.name): b for b in build_briefings(stored, "2026-01-01T00:00:00+00:00")
    }


class Harness:
    """Settings for the curated base URL, a client that captures every request, no real sleeps."""

    def __init__(self, mode: str = "tools", max_reasks: int = 2) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.slept: list[float] = []
        self.settings = Settings(
            backend="llm",
            model="gpt-4o-mini",
            base_url="http://curated.invalid/v1",
            api_key="sk-dummy",
            mode=mode,
            use_cache=False,  # type: ignore[arg-type]
            max_reasks=max_reasks,
            max_transport_retries=2,
        )
        self.client = httpx2.Client(event_hooks={"request": [self._capture]})

    def _capture(self, request: httpx2.Request) -> None:
        self.requests.append(json.loads(request.content))
        self.headers.append(dict(request.headers))

    def run(self, briefing: CouncilBriefing) -> NarrativeResult:
        return write_narrative(
            briefing, self.settings, sleep=self.slept.append, http_client=self.client
        )


def recorded(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((NARRATIVE / f"{name}.yaml").read_text(encoding="utf-8"))
    return list(data["interactions"])


def recorded_usage(name: str) -> tuple[int, int]:
    prompt = completion = 0
    for it in recorded(name):
        if it["response"]["status"]["code"] == 200:
            usage = json.loads(it["response"]["body"]["string"])["usage"]
            prompt += usage["prompt_tokens"]
            completion += usage["completion_tokens"]
    return prompt, completion


def assert_cites_valid(result: NarrativeResult, briefing: CouncilBriefing) -> None:
    offered = {p.id for p in citable_points(briefing)}
    assert result.sentences
    for s in result.sentences:
        assert s.text.strip() and s.cites
        assert set(s.cites) <= offered, s


def context_of(points: dict[str, str]) -> dict[str, Any]:
    return {
        "council": "Testshire",
        "points": [{"id": k, "kind": "strength", "text": v} for k, v in points.items()],
    }


def problems_of(sentences: list[dict[str, Any]], points: dict[str, str] | None) -> str:
    context = context_of(points) if points is not None else None
    with pytest.raises(ValidationError) as info:
        Narrative.model_validate({"sentences": sentences}, context=context)
    return str(info.value)


def ok(sentences: list[dict[str, Any]], points: dict[str, str]) -> Narrative:
    return Narrative.model_validate({"sentences": sentences}, context=context_of(points))


POINTS = {
    "s1": "Child protection has improved substantially",
    "c1": "The authority overspent on the department by £9million last year",
    "c2": "83% of users rated services as “good” or “excellent”, putting it in the top 25%",
    "c3": "a turnover rate of more than 30 per cent has harmed progress, with 1,000 cases open",
    "r1": "Improve working with ethnic minority communities, said the review of two homes",
}
FILLER = {"text": "Child protection has improved substantially.", "cites": ["s1"]}
