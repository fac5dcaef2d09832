"""Issue 10, item 9: every contract field is required (schema 1.1); `validate` points at each
missing one, and reads a 1.0 file with one warning line. Before, the schema required only
`source`, `scope` and `provenance`, so a summary missing `summary` passed with 0 problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SCHEMAS = ROOT / "schemas"
runner = CliRunner()
DROPPED = ["summary", "councils", "review", "strengths", "quotes", "schema_version"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("v") / "out"
    assert runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(folder)]).exit_code == 0
    return folder


def _summary(out: Path) -> tuple[Path, dict[str, object]]:
    path = out / "articles" / "000_d3f0b9fec1a3d49c.json"
    return path, json.loads(path.read_text())


def test_new_files_say_1_1_and_validate_names_the_version(out: Path) -> None:
    _, data = _summary(out)
    assert data["schema_version"] == "1.1"
    briefing = json.loads((out / "briefings" / "essex.json").read_text())
    assert briefing["schema_version"] == "1.1"
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "checked against schema 1.1, 0 problems" in result.output


@pytest.mark.parametrize("field", DROPPED)
def test_each_missing_field_has_a_pointer(out: Path, tmp_path: Path, field: str) -> None:
    path, data = _summary(out)
    del data[field]
    copy = tmp_path / path.name
    copy.write_text(json.dumps(data))
    (tmp_path / path.name.replace(".json", ".clean.txt")).write_bytes(
        path.with_name(path.stem + ".clean.txt").read_bytes()
    )
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1, result.output
    assert f"{copy}: /{field}: missing" in result.output


def test_a_nested_missing_field_and_a_missing_source_are_pointed_at(
    out: Path, tmp_path: Path
) -> None:
    path, data = _summary(out)
    del data["source"]
    data["quotes"][0].pop("speaker")  # type: ignore[index]
    copy = tmp_path / path.name
    copy.write_text(json.dumps(data))
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1
    assert "/source: missing" in result.output and "/quotes/0/speaker: missing" in result.output
    assert "not an ArticleSummary" not in result.output


def test_a_1_0_file_is_read_with_one_warning(out: Path, tmp_path: Path) -> None:
    path, data = _summary(out)
    data["schema_version"] = "1.0"
    del data["quotes"]
    copy = tmp_path / path.name
    copy.write_text(json.dumps(data))
    (tmp_path / path.name.replace(".json", ".clean.txt")).write_bytes(
        path.with_name(path.stem + ".clean.txt").read_bytes()
    )
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.output.splitlines() if ln.startswith("warning")]
    assert len(warnings) == 1 and "schema 1.0" in warnings[0] and "/quotes" in warnings[0]


def test_the_committed_schema_requires_every_contract_field() -> None:
    article = json.loads((SCHEMAS / "article_summary.schema.json").read_text())
    assert set(article["required"]) == set(article["properties"])
    for name, definition in article["$defs"].items():
        if "properties" in definition:
            assert set(definition["required"]) == set(definition["properties"]), name
    published = article["$defs"]["Source"]["properties"]["published"]
    assert {"type": "null"} in published["anyOf"]  # required, and null where allowed
    briefing = json.loads((SCHEMAS / "council_briefing.schema.json").read_text())
    assert set(briefing["required"]) == set(briefing["properties"])
