"""The committed JSON Schemas are generated from the models; a drift fails here."""

from __future__ import annotations

import json
from pathlib import Path

from summarise.cli import schema_models

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schemas_match_the_models() -> None:
    for name, model in schema_models().items():
        committed = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        assert committed == model.model_json_schema(), f"{name} is stale: run `summarise schema`"


def test_contract_field_names_are_present() -> None:
    article = json.loads((SCHEMAS / "article_summary.schema.json").read_text(encoding="utf-8"))
    for field in (
        "schema_version",
        "source",
        "scope",
        "councils",
        "review",
        "judgements",
        "summary",
        "strengths",
        "concerns",
        "recommendations",
        "quotes",
        "figures",
        "people",
        "service_areas",
        "provenance",
    ):
        assert field in article["properties"], field
    briefing = json.loads((SCHEMAS / "council_briefing.schema.json").read_text(encoding="utf-8"))
    for field in (
        "schema_version",
        "council",
        "generated_at",
        "sources",
        "headline",
        "latest_judgements",
        "timeline",
        "strengths",
        "concerns",
        "recommendations",
        "quotes",
        "figures",
        "national_context",
    ):
        assert field in briefing["properties"], field
    span = article["$defs"]["Span"]["properties"]
    assert {"start", "end", "text"} <= span.keys()
