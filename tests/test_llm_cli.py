"""`summarise brief --backend llm` on the examples, replaying the curated cassettes.

What this measures is the pipeline, not any model: the curated answers are hand-written from the
articles, so scoring them against gold would only measure the curation. It checks that every
fact of each answer survives validation, alignment and consolidation into the briefings, that
every span equals its cleaned text, and that a second run makes zero HTTP requests (cache).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from summarise.align.spans import check_span
from summarise.cli import app
from summarise.models import ArticleSummary, CouncilBriefing
from summarise.run_record import RunRecord

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
ANSWERS: dict[str, Any] = yaml.safe_load(
    (ROOT / "cassettes" / "tools" / "answers.yaml").read_text(encoding="utf-8")
)
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


FACT_LISTS = ("judgements", "strengths", "concerns", "recommendations", "quotes", "figures")


def assert_every_answer_fact_survives(summary: ArticleSummary, answer: dict[str, Any]) -> None:
    """Each fact of the hand-written answer is in the summary, with the answer's own words."""
    for kind in FACT_LISTS:
        assert len(getattr(summary, kind)) == len(answer[kind]), kind
    for kind in ("strengths", "concerns", "recommendations"):
        assert [p.evidence.text for p in getattr(summary, kind)] == [
            p["evidence"] for p in answer[kind]
        ], kind
    assert [q.text for q in summary.quotes] == [q["text"] for q in answer["quotes"]]
    assert [f.text for f in summary.figures] == [f["text"] for f in answer["figures"]]
    assert [(j.aspect.value, j.value) for j in summary.judgements] == [
        (j["aspect"], j["value"]) for j in answer["judgements"]
    ]
    assert [c.mentioned_as[0] for c in summary.councils] == [
        c["mentioned_as"] for c in answer["councils"]
    ]


def briefing_texts(out: Path) -> dict[str, set[str]]:
    """Every point, quote and figure text in the written briefings, by kind."""
    found: dict[str, set[str]] = {k: set() for k in ("points", "quotes", "figures", "national")}
    for path in (out / "briefings").glob("*.json"):
        b = CouncilBriefing.model_validate_json(path.read_text("utf-8"))
        for p in [*b.strengths, *b.concerns, *b.recommendations]:
            found["points"] |= {s.span.text for s in p.sources}
        found["quotes"] |= {q.text for q in b.quotes}
        found["figures"] |= {f.text for f in b.figures}
        found["national"] |= {n.text for n in b.national_context}
    return found


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, llm_env: Path) -> Path:
    for var in ("SUMMARISE_MODEL", "OPENAI_BASE_URL", "SUMMARISE_BACKEND", "SUMMARISE_MODE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray summarise.toml
    return llm_env


@pytest.mark.vcr(*[f"curated/tools_{a[:3]}.yaml" for a in IDS])
def test_brief_llm_keeps_every_curated_fact_through_the_pipeline_and_rerun_is_free(
    tmp_path: Path, clean_env: Path, vcr: Any
) -> None:
    out = tmp_path / "llm"
    result = brief(out, "--backend", "llm", "--base-url", BASE_URL)
    first_line = result.output.splitlines()[0]
    assert first_line.startswith(f"backend llm · model gpt-4o-mini · base URL {BASE_URL}")
    assert vcr.play_count == len(IDS)

    llm = summaries(out)
    assert sorted(llm) == [f"{a}.txt" for a in IDS]
    for name, summary in llm.items():
        assert summary.provenance.backend == "llm" and summary.provenance.prompt_version
        assert_spans_grounded(out, summary, name.removesuffix(".txt"))
        assert_every_answer_fact_survives(summary, ANSWERS[name.removesuffix(".txt")])
    run = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    assert [a.outcome.value for a in run.articles] == ["ok"] * len(IDS)
    assert run.usage.prompt_tokens > 0 and run.cost_usd is not None and run.cost_usd > 0

    # consolidation: every council article's points, quotes and figures reach a briefing
    written = briefing_texts(out)
    for aid, answer in ANSWERS.items():
        if answer["scope"] == "national":
            continue
        multi = answer["scope"] == "multi_council"
        for kind in ("strengths", "concerns", "recommendations"):
            # in a multi-council article a point reaches only the briefing of its own council
            placed = [p for p in answer[kind] if not multi or p.get("council")]
            missing = {p["evidence"] for p in placed} - written["points"]
            assert not missing, (aid, kind, missing)
        if not multi or len(answer["councils"]) == 1:
            assert {q["text"] for q in answer["quotes"]} <= written["quotes"], aid
            assert {f["text"] for f in answer["figures"]} <= written["figures"], aid

    # Same inputs again: everything from the cache, zero HTTP requests.
    again = tmp_path / "again"
    brief(again, "--backend", "llm", "--base-url", BASE_URL)
    assert vcr.play_count == len(IDS)
    rerun = RunRecord.model_validate_json((again / "run.json").read_text("utf-8"))
    assert all(a.cached and a.usage.total_tokens == 0 for a in rerun.articles)
    assert summaries(again) == llm


@pytest.mark.vcr("curated/tools_004.yaml")
def test_a_damaged_cache_is_named_once_and_the_run_goes_on(tmp_path: Path, clean_env: Path) -> None:
    """Issue 10, item 2: random bytes in the cache file gave a `file is not a database`
    traceback; now the cache is moved aside, named in one warning, and the run goes on."""
    clean_env.mkdir(parents=True)
    (clean_env / "results.sqlite3").write_bytes(b"\x00\xff junk " * 500)
    article = EXAMPLES / "004_2a15993ef3ba4a26.txt"
    args = ["extract", str(article), "--out", str(tmp_path / "o"), "--backend", "llm"]
    result = CliRunner().invoke(app, [*args, "--base-url", BASE_URL])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.output.splitlines() if ln.startswith("warning")]
    assert len(warnings) == 1 and str(clean_env / "results.sqlite3") in warnings[0]
    assert (tmp_path / "o" / "articles" / "004_2a15993ef3ba4a26.json").is_file()
