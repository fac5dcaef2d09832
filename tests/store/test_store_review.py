"""Decisions honoured by briefings and re-anchored after the text changes; unmerge; backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from store_helpers import EXAMPLES, reposts
from typer.testing import CliRunner

from summarise.cli import app
from summarise.decisions import Decision
from summarise.library import record_decision
from summarise.store.edits import replace_text
from summarise.store.repo import Store

runner = CliRunner()
NELINCS = EXAMPLES / "001_244405360186b16d.txt"


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def briefing(url: str) -> dict[str, Any]:
    result = run("brief", "--council", "North East Lincolnshire", "--db", url, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def decide(store: Store, sha: str, fact: Any, action: str, after: Any = None) -> None:
    record_decision(
        store,
        Decision(
            article_sha256=sha,
            fact_id=fact["id"],
            action=action,  # type: ignore[arg-type]
            before=fact,
            after=after,
            reviewer="tester",
            at="2026-01-01T00:00:00+00:00",
            reason="checked against the report",
        ),
    )


def test_decisions_are_honoured_and_survive_a_new_cleaned_text(store_url: str) -> None:
    assert run("ingest", str(NELINCS), "--db", store_url).exit_code == 0
    store = Store(store_url)
    [(article, summary)] = store.latest_summaries()
    facts = summary.model_dump(mode="json")
    rejected, quote, judgement = facts["strengths"][0], facts["quotes"][0], facts["judgements"][0]
    decide(store, article.text_sha256, rejected, "reject")
    decide(store, article.text_sha256, quote, "correct", {**quote, "speaker": "A. Reviewer"})
    decide(store, article.text_sha256, judgement, "accept")
    wrong = {**judgement, "id": "judgement-0-4", "value": "not"}  # accepted, but not what it says
    wrong["evidence"] = {**judgement["evidence"]}
    decide(store, article.text_sha256, wrong, "accept")

    def check(b: dict[str, Any]) -> None:
        assert rejected["text"] not in [p["text"] for p in b["strengths"]]
        assert "A. Reviewer" in [q["speaker"] for q in b["quotes"]]

    before = briefing(store_url)
    check(before)

    # The cleaning changed: every offset moves, so every fact id changes.
    replace_text(store, article.id, "Editor's note: this report was re-issued.\n\n" + article.text)
    assert run("ingest", str(NELINCS), "--db", store_url).exit_code == 0
    [(moved, resummarised)] = store.latest_summaries()
    assert moved.text_sha256 != article.text_sha256
    assert resummarised.judgements[0].id != judgement["id"]
    after = briefing(store_url)
    check(after)
    assert len(after["strengths"]) == len(before["strengths"])

    result = run("brief", "--council", "North East Lincolnshire", "--db", store_url)
    assert result.exit_code == 0
    # The accept whose value no longer matches is listed, never dropped silently.
    assert "needs review" in result.stderr and "judgement-0-4" in result.stderr
    assert judgement["id"] + ":" not in result.stderr
    store.close()


def test_unmerge_splits_a_wrongly_merged_repost(store_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(EXAMPLES), "--db", store_url).exit_code == 0
    copy_a, _ = reposts(tmp_path / "copies")
    assert "1 merged" in run("ingest", str(copy_a), "--db", store_url).stdout
    assert len(briefing(store_url)["sources"][0]["places"]) == 2

    result = run("unmerge", str(copy_a), "--db", store_url)
    assert result.exit_code == 0, result.stderr
    sources = briefing(store_url)["sources"]
    assert len(sources) == 2
    assert sorted(len(s["places"]) for s in sources) == [1, 1]
    first = run("unmerge", str(NELINCS), "--db", store_url)
    assert first.exit_code == 1 and "first place" in first.stderr


def test_backup_copies_a_store_in_use(sqlite_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(EXAMPLES), "--db", sqlite_url).exit_code == 0
    reader = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM articles").fetchone()  # a reader holds a snapshot
    copy = tmp_path / "copy.sqlite"
    result = run("backup", str(copy), "--db", sqlite_url)
    reader.close()
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert run("councils", "--db", f"sqlite:///{copy}", "--json").exit_code == 0
