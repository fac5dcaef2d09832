"""`summarise ingest --batch`: the Batch API into the store, with the batch state in a folder.

One replay of the curated cassette batch/reask.yaml (hand-scripted Files and Batches answers,
not a recording), and one run against the stand-in server (tools/standin_batch.py) that submits,
resumes with `summarise batch resume DIR`, and then submits nothing for a stored article.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.batch_state import load_all
from summarise.cli import app
from summarise.models import Outcome
from summarise.store.repo import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from standin_server import StandinServer

EXAMPLES = ROOT / "examples" / "articles"
A0, A3 = "000_d3f0b9fec1a3d49c", "003_9256bb802a870bff"


def stored(db: Path) -> dict[str, Outcome]:
    store = Store(f"sqlite:///{db}")
    try:
        return {a.key: s.provenance.outcome for a, s in store.latest_summaries(backend="llm")}
    finally:
        store.close()


@pytest.mark.vcr("batch/reask.yaml")
def test_ingest_batch_stores_the_answer_after_an_interactive_reask(
    llm_env: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.sqlite"
    args = ["ingest", str(EXAMPLES / f"{A0}.txt"), "--db", str(db), "--backend", "llm"]
    args += ["--base-url", "http://curated.invalid/v1", "--batch", "--poll-interval", "0.01"]
    result = CliRunner().invoke(app, [*args, "--batch-dir", str(tmp_path / "state")])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "1 extracted, 0 failed" in result.output
    assert "at the Batch price" in result.output
    assert stored(db) == {A0: Outcome.ok}
    (state,) = load_all(tmp_path / "state")
    assert state.collected and state.target == f"sqlite:///{db}"
    assert {i.outcome for i in state.items.values()} == {"ok"}


def test_ingest_batch_resumed_by_batch_resume_and_never_submitted_twice(tmp_path: Path) -> None:
    db, folder = tmp_path / "store.sqlite", tmp_path / "state"
    env = {"OPENAI_API_KEY": "sk-dummy", "SUMMARISE_CACHE_DIR": str(tmp_path / "cache")}
    runner = CliRunner(env=env)
    with StandinServer() as server:
        args = ["ingest", str(EXAMPLES / f"{A0}.txt"), str(EXAMPLES / f"{A3}.txt")]
        args += ["--db", str(db), "--backend", "llm", "--base-url", server.base_url, "--batch"]
        args += ["--batch-dir", str(folder)]
        first = runner.invoke(app, [*args, "--no-wait"])
        assert first.exit_code == 0, first.output
        assert stored(db) == {}
        server.batch.ready.set()
        resume = ["batch", "resume", str(folder), "--base-url", server.base_url]
        result = runner.invoke(app, [*resume, "--poll-interval", "0.01"])
        assert result.exit_code == 0, result.output
        assert stored(db) == {A0: Outcome.ok, A3: Outcome.ok}
        again = runner.invoke(app, [*args, "--poll-interval", "0.01"])
        assert again.exit_code == 0, again.output
        assert server.batch.counts["create"] == 1 and server.counts["requests"] == 0


def test_a_state_file_never_holds_the_stores_password() -> None:
    from summarise.batch_ingest import store_url, target_of

    url = "postgresql+psycopg://me:s3cret@db.example/summarise"
    target = target_of(url)
    assert "s3cret" not in target and "db.example/summarise" in target
    assert store_url(target, url) == url  # the configured store, password and all
    other = "postgresql+psycopg://me:x@elsewhere/summarise"
    assert store_url(target, other) == target
    assert target_of("sqlite:////tmp/s.sqlite") == "sqlite:////tmp/s.sqlite"
