"""End to end: a real llama.cpp server (llama-cpp-python) with a tiny model, and the real CLI.

    SUMMARISE_E2E_MODEL=/path/to/SmolLM2-135M-Instruct.Q4_1.gguf \
        pytest -m e2e tests/test_e2e_llama.py

Skipped when SUMMARISE_E2E_MODEL is unset, except under CI=true, where that is an error. The tiny
model's answers are poor; the test asserts the run survives them: every article ends ok, flagged
or failed with a reason, none is lost, and every span written is grounded in its cleaned text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from serverport import ServerFailed, start_server
from typer.testing import CliRunner

from summarise.align.spans import check_span
from summarise.cli import app
from summarise.models import ArticleSummary, Outcome
from summarise.run_record import RunRecord

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
MODEL_NAME = "SmolLM2-135M-Instruct"

pytestmark = pytest.mark.e2e


def _model_path() -> Path:
    value = os.environ.get("SUMMARISE_E2E_MODEL")
    if not value:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but SUMMARISE_E2E_MODEL is not set: the e2e test must run in CI")
        pytest.skip("set SUMMARISE_E2E_MODEL to a GGUF model to run the llama.cpp e2e test")
    path = Path(value)
    if not path.is_file():
        pytest.fail(f"SUMMARISE_E2E_MODEL={value} is not a file")
    return path


@pytest.fixture
def llama_server(tmp_path: Path) -> Iterator[str]:
    model = _model_path()

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
        ]

    try:  # a port lost to another process between picking and binding is retried
        proc, port = start_server(command, "/v1/models", tmp_path / "llama_server.log")
    except ServerFailed as e:
        pytest.fail(f"llama server: {e}")
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.timeout(3600)
def test_brief_against_a_real_llama_server(
    llama_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "cache"))
    # Small answers and chunks so prompt + answer + one re-ask fit the 4096-token context.
    (tmp_path / "summarise.toml").write_text(
        "max_output_tokens = 200\nmax_reasks = 1\nchunk_tokens = 1500\n"
        "timeout_s = 900\nconcurrency = 1\nmax_transport_retries = 1\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "brief",
            str(EXAMPLES),
            "--out",
            str(out),
            "--backend",
            "llm",
            "--base-url",
            llama_server,
            "--model",
            MODEL_NAME,
        ],
    )
    run = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    any_failed = any(a.outcome is Outcome.failed for a in run.articles)
    assert result.exit_code == (1 if any_failed else 0), result.output
    assert result.output.splitlines()[0].startswith(f"backend llm · model {MODEL_NAME}")

    inputs = sorted(p.name for p in EXAMPLES.glob("*.txt"))
    assert sorted(Path(a.path).name for a in run.articles) == inputs  # none lost
    for a in run.articles:
        assert a.attempts >= 1 and a.usage.prompt_tokens > 0
        # ok has no reason; flagged and failed each say why
        assert bool(a.reason) == (a.outcome is not Outcome.ok), a
        written = out / "articles" / f"{a.id}.json"
        assert written.exists() == (a.outcome is not Outcome.failed)
        if written.exists():
            summary = ArticleSummary.model_validate_json(written.read_text("utf-8"))
            text = (out / "articles" / f"{a.id}.clean.txt").read_text("utf-8")
            spans = [q.span for q in summary.quotes] + [f.span for f in summary.figures]
            spans += [j.evidence for j in summary.judgements]
            for items in (summary.strengths, summary.concerns, summary.recommendations):
                spans += [p.evidence for p in items]
            for span in spans:
                assert check_span(text, span) is None
