"""`summarise brief --backend llm` on the examples, replaying the curated cassettes.

Done-when checks: the briefings score at least as well as the offline extractor on the gold facts,
every span equals its cleaned text, and a second run makes zero HTTP requests (cache).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarise.align.spans import check_span
from summarise.cli import app
from summarise.evaluate import Score, score_all
from summarise.models import ArticleSummary
from summarise.run_record import RunRecord

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
GOLD = json.loads((ROOT / "tests" / "data" / "expected.json").read_text(encoding="utf-8"))
IDS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
BASE_URL = "http://curated.invalid/v1"


def brief(out: Path, *extra: str) -> Any:
    result = CliRunner().invoke(app, ["brief", str(EXAMPLES), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def summaries(out: Path) -> dict[str, ArticleSummary]:
    found = {}
    for path in sorted((out / "articles").glob("*.json")):
        found[f"{path.stem}.txt"] = ArticleSummary.model_validate_json(path.read_text("utf-8"))
    return found


def assert_spans_grounded(out: Path, summary: ArticleSummary, stem: str) -> None:
    text = (out / "articles" / f"{stem}.clean.txt").read_text(encoding="utf-8")
    found = [j.evidence for j in summary.judgements] + [q.span for q in summary.quotes]
    found += [f.span for f in summary.figures]
    for items in (summary.strengths, summary.concerns, summary.recommendations):
        found += [p.evidence for p in items]
    assert found
    for span in found:
        assert check_span(text, span) is None, span
        assert text[span.start : span.end] == span.text


def not_worse(llm: Score, offline: Score) -> None:
    assert len(llm.exact_misses) <= len(offline.exact_misses), llm.exact_misses
    assert llm.figure_recall >= offline.figure_recall
    assert llm.keyword_recall >= offline.keyword_recall
    assert llm.people_recall >= offline.people_recall


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, llm_env: Path) -> Path:
    for var in ("SUMMARISE_MODEL", "OPENAI_BASE_URL", "SUMMARISE_BACKEND", "SUMMARISE_MODE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray summarise.toml
    return llm_env


@pytest.mark.vcr(*[f"curated/tools_{a[:3]}.yaml" for a in IDS])
def test_brief_llm_replay_beats_offline_and_rerun_is_free(
    tmp_path: Path, clean_env: Path, vcr: Any
) -> None:
    out = tmp_path / "llm"
    result = brief(out, "--backend", "llm", "--base-url", BASE_URL)
    first_line = result.output.splitlines()[0]
    assert first_line.startswith(f"backend llm · model gpt-4o-mini · base URL {BASE_URL}")
    assert vcr.play_count == len(IDS)

    llm = summaries(out)
    assert sorted(llm) == sorted(GOLD["articles"])
    for name, summary in llm.items():
        assert summary.provenance.backend == "llm" and summary.provenance.prompt_version
        assert_spans_grounded(out, summary, name.removesuffix(".txt"))
    run = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    assert [a.outcome.value for a in run.articles] == ["ok"] * len(IDS)
    assert run.usage.prompt_tokens > 0 and run.cost_usd is not None and run.cost_usd > 0

    offline_out = tmp_path / "offline"
    brief(offline_out, "--backend", "offline")
    llm_score = score_all(llm, GOLD)
    not_worse(llm_score, score_all(summaries(offline_out), GOLD))
    assert llm_score.exact_misses == []

    # Same inputs again: everything from the cache, zero HTTP requests.
    again = tmp_path / "again"
    brief(again, "--backend", "llm", "--base-url", BASE_URL)
    assert vcr.play_count == len(IDS)
    rerun = RunRecord.model_validate_json((again / "run.json").read_text("utf-8"))
    assert all(a.cached and a.usage.total_tokens == 0 for a in rerun.articles)
    assert summaries(again).keys() == llm.keys()
