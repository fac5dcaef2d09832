"""The command line through typer's runner: outputs, bad input, exit codes, validate, rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
runner = CliRunner()


@pytest.fixture(autouse=True)
def offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No key and no base URL: `auto` must mean the offline extractor."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def test_brief_on_examples_writes_the_contract_layout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("backend offline")
    for stem in (p.stem for p in EXAMPLES.glob("*.txt")):
        assert (out / "articles" / f"{stem}.json").is_file()
        assert (out / "articles" / f"{stem}.clean.txt").is_file()
    slugs = {p.stem for p in (out / "briefings").glob("*.json")}
    assert slugs == {
        "essex",
        "north-east-lincolnshire",
        "leicestershire",
        "gloucestershire",
        "national",
    }
    for slug in slugs:
        for suffix in (".md", ".html", ".docx"):
            assert (out / "briefings" / f"{slug}{suffix}").is_file()
    assert (out / "index.md").is_file() and (out / "index.html").is_file()
    run = json.loads((out / "run.json").read_text())
    assert [a["outcome"] for a in run["articles"]] == ["ok"] * 5
    essex = json.loads((out / "briefings" / "essex.json").read_text())
    assert essex["council"] == {"name": "Essex", "gss_code": "E10000012"}
    assert essex["national_context"], "the national article feeds every council"


def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    good = folder / "good.txt"
    shutil.copy(EXAMPLES / "002_54ee74d76629738e.txt", good)
    cp1252 = folder / "cp1252.txt"
    cp1252.write_bytes(
        "Essex social services are serving most people well, said the \u201cjoint review\u201d. "
        "It cost \u00a32m and inspectors\u2019 concerns remain.".encode("cp1252")
    )
    empty = folder / "empty.txt"
    empty.write_text("")
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    big = folder / "big.txt"
    big.write_bytes(b"Essex social services. " * (20 * 1024 * 1024 // 23))
    unknown = folder / "notes.xyz"
    unknown.write_text("Essex social services")
    empty_dir = folder.parent / "empty-folder"
    empty_dir.mkdir()
    return {
        "good": good,
        "cp1252": cp1252,
        "empty": empty,
        "binary": binary,
        "big": big,
        "unknown": unknown,
        "empty_dir": empty_dir,
    }


def test_bad_inputs_are_named_and_the_good_ones_still_processed(tmp_path: Path) -> None:
    files = _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    args = ["extract", *[str(p) for p in files.values()], "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for key in ("empty", "binary", "big", "unknown", "empty_dir"):
        lines = [ln for ln in result.output.splitlines() if str(files[key]) in ln]
        assert len(lines) == 1, (key, result.output)
    assert (out / "articles" / "good.json").is_file()
    cleaned = (out / "articles" / "cp1252.clean.txt").read_text(encoding="utf-8")
    assert "\u00a32m" in cleaned and "inspectors\u2019" in cleaned
    run = json.loads((out / "run.json").read_text())
    outcomes = {Path(a["path"]).name: a["outcome"] for a in run["articles"]}
    assert outcomes["good.txt"] == "ok" and outcomes["cp1252.txt"] == "ok"
    assert outcomes["empty.txt"] == "failed" and outcomes["big.txt"] == "failed"
    assert all(a["reason"] for a in run["articles"] if a["outcome"] == "failed")


def test_a_failed_input_does_not_remove_earlier_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(EXAMPLES), "--out", str(out)]).exit_code == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = runner.invoke(app, ["extract", str(empty), "--out", str(out)])
    assert result.exit_code == 1
    assert len(list((out / "articles").glob("*.json"))) == 5


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert (
        runner.invoke(app, ["extract", str(EXAMPLES), "--backend", "carrier-pigeon"]).exit_code == 2
    )
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_help_teaches() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "summarise brief examples/articles --out out" in result.output
    brief_help = runner.invoke(app, ["brief", "--help"]).output
    assert "--backend" in brief_help and "--base-url" in brief_help


def test_validate_reports_json_pointers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(out)])
    ok = runner.invoke(app, ["validate", str(out)])
    assert ok.exit_code == 0, ok.output
    path = out / "articles" / "000_d3f0b9fec1a3d49c.json"
    data = json.loads(path.read_text())
    data["quotes"][1]["span"]["text"] = "a quote that is not there"
    data["scope"] = "regional"
    path.write_text(json.dumps(data))
    bad = runner.invoke(app, ["validate", str(path)])
    assert bad.exit_code == 1
    assert "/scope" in bad.output
    data["scope"] = "council"
    path.write_text(json.dumps(data))
    bad = runner.invoke(app, ["validate", str(path)])
    assert bad.exit_code == 1
    assert "/quotes/1/span" in bad.output


def test_rebuild_from_stored_summaries_needs_no_extraction(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(EXAMPLES), "--out", str(out)])
    assert not (out / "briefings").exists()
    result = runner.invoke(app, ["rebuild", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "briefings" / "essex.json").is_file()


def test_schema_check_detects_drift(tmp_path: Path) -> None:
    assert runner.invoke(app, ["schema", "--out", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["schema", "--out", str(tmp_path), "--check"]).exit_code == 0
    (tmp_path / "article_summary.schema.json").write_text("{}")
    assert runner.invoke(app, ["schema", "--out", str(tmp_path), "--check"]).exit_code == 1
