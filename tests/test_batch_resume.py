"""A batch survives its command being killed: `summarise batch resume` finishes it, and nothing is
submitted twice. A real process runs `extract --batch` against the stand-in server
(tools/standin_server.py, whose Files and Batches endpoints are tools/standin_batch.py: curated
answers, not a model) and is killed with SIGKILL once the batch exists."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from summarise.batch_state import load_all
from summarise.cli import app
from summarise.models import ArticleSummary

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from standin_server import StandinServer

EXAMPLES = ROOT / "examples" / "articles"
IDS = ["000_d3f0b9fec1a3d49c", "003_9256bb802a870bff"]
RUN = "import sys; from summarise.cli import app; sys.argv[0] = 'summarise'; app()"


def _created(out: Path, tries: int = 2400) -> str:
    """Wait (up to `tries` naps of 50 ms) until the state file names the created batch."""
    for _ in range(tries):
        states = load_all(out) if (out / "batches").is_dir() else []
        if states and states[0].batch_id:
            return states[0].batch_id
        time.sleep(0.05)
    raise AssertionError("the batch was never created")


def test_resume_after_kill_finishes_the_batch_without_submitting_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    env = {**os.environ, "OPENAI_API_KEY": "sk-dummy", "SUMMARISE_CACHE_DIR": str(cache)}
    with StandinServer() as server:
        args = ["extract", *(str(EXAMPLES / f"{a}.txt") for a in IDS), "--out", str(out)]
        args += ["--backend", "llm", "--base-url", server.base_url, "--batch"]
        args += ["--poll-interval", "0.05"]
        proc = subprocess.Popen(
            [sys.executable, "-c", RUN, *args],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            batch_id = _created(out)
            time.sleep(0.3)  # it is polling now
            proc.kill()
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode != 0
        assert server.batch.counts["create"] == 1
        assert not (out / "articles").exists()

        server.batch.ready.set()
        runner = CliRunner(env={"OPENAI_API_KEY": "sk-dummy", "SUMMARISE_CACHE_DIR": str(cache)})
        status = runner.invoke(app, ["batch", "status", str(out), "--base-url", server.base_url])
        assert status.exit_code == 0, status.output
        assert f"batch {batch_id}: completed" in status.output and "not collected" in status.output

        resume = [
            "batch",
            "resume",
            str(out),
            "--base-url",
            server.base_url,
            "--poll-interval",
            "0.01",
        ]
        result = runner.invoke(app, resume)
        assert result.exit_code == 0, result.output
        assert "2 ok, 0 flagged, 0 failed" in result.output
        for aid in IDS:
            summary = (out / "articles" / f"{aid}.json").read_text("utf-8")
            assert ArticleSummary.model_validate_json(summary).provenance.outcome.value == "ok"

        again = runner.invoke(app, [*args, "--no-wait"])
        assert again.exit_code == 0, again.output
        assert "2 articles are in a batch" in again.output
        assert server.batch.counts["create"] == 1
        assert server.batch.counts["upload"] == 1
        assert server.counts["requests"] == 0  # no chat completion was ever sent


def _runner(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"OPENAI_API_KEY": "sk-dummy", "SUMMARISE_CACHE_DIR": str(tmp_path)})


def _submit_one(runner: CliRunner, server: StandinServer, out: Path) -> list[str]:
    """`extract --batch --no-wait` of one example; its arguments, for running it again."""
    args = ["extract", str(EXAMPLES / f"{IDS[0]}.txt"), "--out", str(out), "--backend", "llm"]
    args += ["--base-url", server.base_url, "--batch", "--no-wait"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    return args


def test_a_cancelled_batch_is_reported_and_its_articles_can_be_submitted_again(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    runner = _runner(tmp_path)
    with StandinServer() as server:
        args = _submit_one(runner, server, out)
        cancel = runner.invoke(app, ["batch", "cancel", str(out), "--base-url", server.base_url])
        assert cancel.exit_code == 0 and ": cancelled" in cancel.output, cancel.output
        resume = ["batch", "resume", str(out), "--base-url", server.base_url]
        result = runner.invoke(app, [*resume, "--poll-interval", "0.01"])
        assert result.exit_code == 1, result.output
        assert "ended cancelled" in result.output and "0 ok, 0 flagged, 1 failed" in result.output
        again = runner.invoke(app, args)
        assert again.exit_code == 0 and "submitted" in again.output, again.output
        assert server.batch.counts["create"] == 2 and server.batch.counts["cancel"] == 1
        assert len(load_all(out)) == 2


def test_a_batch_the_server_does_not_know_is_one_line_naming_it_and_exit_1(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    runner = _runner(tmp_path)
    with StandinServer() as server:
        _submit_one(runner, server, out)
        (path,) = (out / "batches").glob("b-*.json")
        path.write_text(path.read_text("utf-8").replace("batch_standin_", "batch_gone_"))
        status = runner.invoke(app, ["batch", "status", str(out), "--base-url", server.base_url])
    assert status.exit_code == 1
    (line,) = [ln for ln in status.output.splitlines() if ln.strip()]
    assert line.startswith("error: batch batch_gone_") and "NotFoundError" in line


def test_a_damaged_state_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "batches").mkdir()
    (tmp_path / "batches" / "b-0123456789abcdef.json").write_text("{not json", "utf-8")
    result = CliRunner().invoke(app, ["batch", "resume", str(tmp_path)])
    assert result.exit_code == 1
    assert "b-0123456789abcdef.json: not a batch state file" in result.output


def test_batch_without_a_key_or_base_url_says_what_it_needs(tmp_path: Path) -> None:
    runner = CliRunner(env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""})
    args = ["extract", str(EXAMPLES / f"{IDS[0]}.txt"), "--out", str(tmp_path / "o"), "--batch"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--batch needs OPENAI_API_KEY" in result.output
    offline = runner.invoke(app, [*args, "--backend", "offline"])
    assert offline.exit_code == 2 and "it needs --backend llm" in offline.output


def test_an_unreadable_input_is_named_and_recorded_while_the_rest_goes_by_batch(
    tmp_path: Path,
) -> None:
    from summarise.run_record import RunRecord

    out, empty = tmp_path / "out", tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    runner = CliRunner(env={"OPENAI_API_KEY": "sk-dummy", "SUMMARISE_CACHE_DIR": str(tmp_path)})
    with StandinServer() as server:
        server.batch.ready.set()
        args = ["extract", str(EXAMPLES / f"{IDS[0]}.txt"), str(empty), "--out", str(out)]
        args += ["--backend", "llm", "--base-url", server.base_url, "--batch"]
        result = runner.invoke(app, [*args, "--poll-interval", "0.01"])
    assert result.exit_code == 1, result.output
    assert f"failed  {empty}" in result.output
    record = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    assert {a.id: a.outcome.value for a in record.articles} == {"empty": "failed", IDS[0]: "ok"}
    assert server.batch.counts["create"] == 1


def test_a_corpus_over_the_batch_limits_goes_as_several_batches_an_article_whole_in_one(
    tmp_path: Path,
) -> None:
    from summarise.batch_run import submit
    from summarise.extract.llm.prompts import load_prompts
    from summarise.llm.batch_api import make_batch_api
    from summarise.llm.config import Settings

    with StandinServer() as server:
        settings = Settings(backend="llm", base_url=server.base_url, chunk_tokens=400)
        api = make_batch_api(settings, load_prompts().version)
        paths = [EXAMPLES / f"{a}.txt" for a in IDS]
        sub = submit(paths, tmp_path, settings, api, limits=(3, 10**9))
        assert server.batch.counts["create"] == len(sub.states) > 1
    for state in sub.states:
        assert len(state.items) <= 3 or len(state.articles()) == 1
        for items in state.articles().values():
            assert len(items) == items[0].n_chunks  # every chunk of an article in one batch
    ids = [cid for s in sub.states for cid in s.items]
    assert len(ids) == len(set(ids)) and {i.split("#")[0] for i in ids} == set(IDS)
