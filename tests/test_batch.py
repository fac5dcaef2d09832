"""`extract --batch` replaying the curated Batch API cassettes (cassettes/batch/, make_batch.py).

The Files and Batches answers are hand-scripted in the documented wire format, not recordings;
what these check is the code around them: the uploaded lines are the interactive requests, each
answer goes through the same validation and grounding, and what got no answer is reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cassette_binding import canonical_body, interactions
from typer.testing import CliRunner

from summarise.batch_state import BatchState, taken
from summarise.cli import app
from summarise.llm.usage import DEFAULT_PRICES, cost_usd
from summarise.models import ArticleSummary, Outcome
from summarise.run_record import RunRecord

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
A0, A1, A2 = "000_d3f0b9fec1a3d49c", "001_244405360186b16d", "002_54ee74d76629738e"
BASE_URL = "http://curated.invalid/v1"


def run_batch(out: Path, ids: list[str], *extra: str) -> Any:
    args = ["extract", *(str(EXAMPLES / f"{a}.txt") for a in ids), "--out", str(out)]
    args += ["--backend", "llm", "--base-url", BASE_URL, "--batch", "--poll-interval", "0.01"]
    return CliRunner().invoke(app, [*args, *extra])


def outcomes(out: Path) -> dict[str, Outcome]:
    record = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    return {a.id: a.outcome for a in record.articles}


def state(out: Path) -> BatchState:
    (path,) = (out / "batches").glob("b-*.json")
    return BatchState.model_validate_json(path.read_text("utf-8"))


def summary(out: Path, aid: str) -> ArticleSummary:
    return ArticleSummary.model_validate_json((out / "articles" / f"{aid}.json").read_text())


@pytest.mark.vcr("batch/mixed.yaml")
def test_mixed_batch_ok_error_line_and_invalid_answer_flagged(
    llm_env: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_batch(out, [A0, A1, A2], "--no-reask")
    assert result.exit_code == 1, result.output
    assert outcomes(out) == {A0: Outcome.ok, A1: Outcome.failed, A2: Outcome.flagged}
    assert not (out / "articles" / f"{A1}.json").exists()
    record = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    reasons = {a.id: a.reason or "" for a in record.articles}
    assert "HTTP 500" in reasons[A1] and "submits it anew" in reasons[A1]
    flagged = summary(out, A2).provenance
    assert any("is not in the article" in p for p in flagged.problems), flagged.problems
    assert "Essex is now among" not in json.dumps([q.text for q in summary(out, A2).quotes])
    assert record.requests == 0  # --no-reask: nothing went interactive
    assert record.batch is not None and record.batch.usage.total_tokens > 0
    full = cost_usd(record.batch.usage, "gpt-4o-mini", DEFAULT_PRICES)
    assert full is not None and record.batch.cost_usd == round(full * 0.5, 6)
    assert "at the Batch price" in result.output
    items = {i.article_id: i.outcome for i in state(out).items.values()}
    assert items == {A0: "ok", A1: "error", A2: "flagged"}
    checked = CliRunner().invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output  # run.json with its `batch` part included


@pytest.mark.vcr("batch/mixed.yaml")
def test_each_uploaded_line_is_the_request_the_interactive_path_sends(
    llm_env: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_batch(out, [A0, A1, A2], "--no-reask")
    (jsonl,) = (out / "batches").glob("*.input.jsonl")
    lines = [json.loads(x) for x in jsonl.read_text("utf-8").splitlines()]
    assert [ln["url"] for ln in lines] == ["/v1/chat/completions"] * 3
    assert {ln["method"] for ln in lines} == {"POST"}
    for line in lines:
        aid = line["custom_id"].split("#")[0]
        live = interactions(f"curated/tools_{aid[:3]}.yaml")[0]["request"]["body"]
        assert line["body"] == canonical_body(live), aid
        assert line["custom_id"] == f"{aid}#0@{state(out).prompt_version}"


@pytest.mark.vcr("batch/expired.yaml")
def test_expired_batch_keeps_what_finished_and_leaves_the_rest_resubmittable(
    llm_env: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_batch(out, [A0, A1])
    assert result.exit_code == 1, result.output
    assert "ended expired" in result.output
    assert outcomes(out) == {A0: Outcome.ok, A1: Outcome.failed}
    items = {i.article_id: i for i in state(out).items.values()}
    assert items[A1].outcome == "expired" and "batch_expired" in (items[A1].reason or "")
    held = taken(out)
    assert items[A0].custom_id in held and items[A1].custom_id not in held


@pytest.mark.vcr("batch/reask.yaml")
def test_an_answer_failing_validation_is_reasked_interactively(
    llm_env: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_batch(out, [A0])
    assert result.exit_code == 0, result.output
    assert outcomes(out) == {A0: Outcome.ok}
    record = RunRecord.model_validate_json((out / "run.json").read_text("utf-8"))
    assert record.requests == 1 and record.articles[0].attempts == 2
    assert record.batch is not None and record.usage.total_tokens > 0  # the re-ask, apart
    chat = [i for i in interactions("batch/reask.yaml") if "chat" in i["request"]["uri"]]
    sent = json.dumps(canonical_body(chat[0]["request"]["body"]))
    assert "is not in the article" in sent and "Essex is now among" in sent


def test_batch_commands_name_a_missing_state_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", "status", str(tmp_path)])
    assert result.exit_code == 2
    assert "batches not found" in result.output


def test_a_long_article_is_one_request_per_chunk_each_as_the_interactive_path_sends_it() -> None:
    import httpx2

    from summarise.extract.llm.batch_requests import RequestCapture
    from summarise.extract.llm.extractor import LLMExtractor
    from summarise.ingest.reader import load_article
    from summarise.llm.config import Settings

    settings = Settings(
        backend="llm", base_url=BASE_URL, use_cache=False, chunk_tokens=400, mode="json"
    )
    article = load_article(EXAMPLES / f"{A0}.txt")
    captured = RequestCapture(settings).requests(article)
    sent: list[dict[str, Any]] = []

    def refuse(request: httpx2.Request) -> httpx2.Response:
        sent.append(json.loads(request.content))
        return httpx2.Response(400, json={"error": {"message": "no", "type": "x"}})

    client = httpx2.Client(transport=httpx2.MockTransport(refuse))
    LLMExtractor(settings, http_client=client, sleep=lambda s: None).extract(article)
    assert len(captured) == len(sent) > 1
    assert [c.body for c in captured] == sent
    assert [c.chunk for c in captured] == list(range(len(sent)))
    assert len({c.custom_id for c in captured}) == len(sent)
    assert all(c.body["response_format"] == {"type": "json_object"} for c in captured)


@pytest.mark.parametrize("name", ["batch/mixed.yaml", "batch/expired.yaml", "batch/reask.yaml"])
def test_the_curated_batch_answers_parse_as_the_openai_clients_own_types(name: str) -> None:
    """The scripted Files and Batches bodies have every field openai-python's types require."""
    from openai.types import Batch, FileObject
    from openai.types.chat import ChatCompletion

    from summarise.llm.batch_api import parse_lines

    seen = set()
    for it in interactions(name):
        uri, text = it["request"]["uri"], it["response"]["body"]["string"]
        if uri.endswith("/v1/files"):
            seen.add(FileObject.model_validate_json(text).purpose)
        elif "/v1/batches" in uri:
            batch = Batch.model_validate_json(text)
            assert batch.request_counts is not None and batch.metadata
            seen.add(batch.status)
        elif uri.endswith("/content"):
            for line in parse_lines(text, uri):
                assert line.response is not None or line.error is not None
                if line.response is not None and line.response.status_code == 200:
                    ChatCompletion.model_validate(line.response.body)
                    seen.add("answer line")
    assert {"batch", "answer line"} <= seen
