"""`extract --batch`: submit the articles' requests as one Batch API job, wait, and collect.

submit: each input's requests are captured from the interactive extractor (so a batch line's body
is the very request `extract` would send), skipped when a pending or answered batch of OUT holds
them already, written to OUT/batches/<key>.input.jsonl, uploaded and made a batch; the state file
is saved at each step. poll: retrieve until the batch ends, saving each status. collect: read the
output and error files; each article whose requests all have an answer goes through
`LLMExtractor.extract_answered` (the same validators, grounding, re-asks and salvage as a live
answer; with --no-reask an invalid answer is kept flagged instead), and its summary is written
as `extract` writes it. An article with a request that got no answer (an error line, an expired or
cancelled batch) fails with the reason, and a later `extract --batch` may submit it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openai.types import Batch
from openai.types.chat import ChatCompletion

from summarise.batch_state import (
    BatchItem,
    BatchState,
    ItemOutcome,
    batches_dir,
    save,
    state_key,
    state_path,
    taken,
)
from summarise.batch_state import find as find_states
from summarise.extract.llm.batch_requests import RequestCapture
from summarise.extract.llm.extractor import LLMExtractor
from summarise.ingest.discovery import discover_inputs
from summarise.ingest.limits import DEFAULT_MAX_BYTES
from summarise.llm.batch_api import (
    MAX_FILE_BYTES,
    MAX_REQUESTS,
    TERMINAL,
    BatchAPI,
    ResultLine,
    parse_lines,
    request_line,
)
from summarise.llm.config import Settings
from summarise.llm.transport import Sleep
from summarise.llm.usage import cost_usd, usage_of
from summarise.models import Outcome, Usage
from summarise.outputs import Layout, write_model, write_text
from summarise.pipeline import article_run, finish_record, now_iso, unique_ids, write_record
from summarise.run_record import ArticleRun, BatchSpend, RunRecord


@dataclass
class Submission:
    states: list[BatchState] = field(default_factory=list)  # none: nothing new to submit
    already: list[str] = field(default_factory=list)  # article ids a batch of OUT holds
    refused: list[ArticleRun] = field(default_factory=list)  # inputs that could not be read


def _refused(path: str, article_id: str, reason: str) -> ArticleRun:
    return ArticleRun(path=path, id=article_id, outcome=Outcome.failed, reason=reason)


def _new_key(out: Path, custom_ids: list[str]) -> str:
    """The ids' hash; suffixed when an earlier batch with the very same ids exists (a resubmit
    after it expired), so its file is kept."""
    base = key = state_key(custom_ids)
    n = 1
    while state_path(out, key).exists() and find_states(out, key)[0].batch_id is not None:
        n += 1
        key = f"{base}-{n}"
    return key


def submit(
    inputs: list[Path],
    out: Path,
    settings: Settings,
    api: BatchAPI,
    *,
    no_reask: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    target: str | None = None,
    limits: tuple[int, int] = (MAX_REQUESTS, MAX_FILE_BYTES),
) -> Submission:
    """Capture, upload and create batches of every input not already in a batch of OUT: as
    many batches as the Batch API's limits (requests, bytes a file) need, an article's chunks
    always in one."""
    from summarise.ingest.reader import IngestError, load_article

    found = discover_inputs(inputs, exclude=out)
    sub = Submission(refused=[_refused(e.path, Path(e.path).name, e.reason) for e in found.failed])
    capture = RequestCapture(settings)
    held = taken(out)
    groups: list[list[tuple[BatchItem, str]]] = []
    for path, article_id in zip(found.files, unique_ids(found.files), strict=True):
        try:
            article = load_article(path, max_bytes=max_bytes).model_copy(update={"id": article_id})
        except IngestError as err:
            sub.refused.append(_refused(str(path), article_id, err.message))
            continue
        requests = capture.requests(article)
        if any(r.custom_id in held for r in requests):
            sub.already.append(article_id)
            continue
        groups.append(
            [
                (
                    BatchItem(
                        custom_id=r.custom_id,
                        article_id=article_id,
                        path=str(path),
                        sha256=article.sha256,
                        chunk=r.chunk,
                        n_chunks=len(requests),
                    ),
                    request_line(r.custom_id, r.body),
                )
                for r in requests
            ]
        )
    for part in _packed(groups, *limits):
        state = BatchState(
            key=_new_key(out, [item.custom_id for item, _ in part]),
            created_at=now_iso(),
            model=settings.model,
            mode=settings.mode,
            prompt_version=capture.prompt_version,
            chunk_tokens=settings.chunk_tokens,
            no_reask=no_reask,
            items={item.custom_id: item for item, _ in part},
            target=target,
        )
        _create(api, out, state, "".join(line + "\n" for _, line in part))
        sub.states.append(state)
    return sub


def _packed(
    groups: list[list[tuple[BatchItem, str]]], max_requests: int, max_file_bytes: int
) -> list[list[tuple[BatchItem, str]]]:
    """Articles' requests in parts under both limits, in input order."""
    parts: list[list[tuple[BatchItem, str]]] = []
    size = 0
    for group in groups:
        more = sum(len(line.encode("utf-8")) + 1 for _, line in group)
        if not parts or len(parts[-1]) + len(group) > max_requests or size + more > max_file_bytes:
            parts.append([])
            size = 0
        parts[-1].extend(group)
        size += more
    return parts


def _create(api: BatchAPI, out: Path, state: BatchState, jsonl: str) -> None:
    """Save the state, write and upload the file, create the batch: saved after each step."""
    save(out, state)
    write_text(batches_dir(out) / f"{state.key}.input.jsonl", jsonl)
    state.input_file_id = api.upload(f"{state.key}.jsonl", jsonl)
    save(out, state)
    metadata = {"summarise_key": state.key, "prompt_version": state.prompt_version}
    update(state, api.create(state.input_file_id, metadata))
    save(out, state)


def update(state: BatchState, batch: Batch) -> None:
    """Copy what the server says of the batch into the state."""
    state.batch_id = batch.id
    state.status = batch.status
    state.output_file_id = batch.output_file_id
    state.error_file_id = batch.error_file_id
    if batch.request_counts is not None:
        state.request_counts = batch.request_counts.model_dump()


def poll(
    api: BatchAPI,
    state: BatchState,
    out: Path,
    *,
    interval_s: float,
    sleep: Sleep = time.sleep,
    on_update: Callable[[BatchState], None] | None = None,
) -> BatchState:
    """Retrieve the batch every `interval_s` until it ends; the state is saved each time."""
    if state.batch_id is None:
        raise ValueError(f"batch {state.key} was never created; run `extract --batch` again")
    while True:
        update(state, api.retrieve(state.batch_id))
        save(out, state)
        if on_update is not None:
            on_update(state)
        if state.status in TERMINAL:
            return state
        sleep(interval_s)


def _lines(api: BatchAPI, state: BatchState) -> dict[str, ResultLine]:
    lines: list[ResultLine] = []
    for file_id in (state.output_file_id, state.error_file_id):
        if file_id:
            lines += parse_lines(api.content(file_id), file_id)
    return {line.custom_id: line for line in lines}


def _no_answer(state: BatchState, line: ResultLine | None) -> tuple[ItemOutcome, str] | None:
    """Why a request has no answer to use (its outcome and reason), or None when it has one."""
    if line is None:
        outcome: ItemOutcome = "expired" if state.status == "expired" else "cancelled"
        if state.status not in ("expired", "cancelled"):
            outcome = "error"
        return outcome, f"batch {state.name} {state.status}: no result for this request"
    problem = line.problem()
    if problem is None:
        return None
    expired = line.error is not None and line.error.code == "batch_expired"
    return ("expired" if expired else "error"), f"batch {state.name}: {problem}"


@dataclass
class Results:
    """What a finished batch answered: every chunk of an article, or why not."""

    answers: dict[str, dict[int, ChatCompletion]] = field(default_factory=dict)  # by article id
    unanswered: dict[str, str] = field(default_factory=dict)  # article id -> reason


def read_results(api: BatchAPI, state: BatchState, settings: Settings) -> Results:
    """Download the output and error files; the batch's usage and cost go into the state, and
    each article whose requests got no answer is marked (resubmittable) with the reason."""
    by_id = _lines(api, state)
    answered = [ln for ln in by_id.values() if ln.problem() is None]
    state.usage = sum((usage_of(_completion(ln)) for ln in answered), Usage())
    price = cost_usd(state.usage, state.model, settings.prices)
    state.cost_usd = None if price is None else round(price * settings.batch_price_factor, 6)
    results = Results()
    again = " (not answered: `--batch` again submits it anew)"
    for article_id, items in state.articles().items():
        missing = [m for m in (_no_answer(state, by_id.get(i.custom_id)) for i in items) if m]
        if missing:
            outcome, reason = missing[0]
            _mark(items, outcome, reason)
            results.unanswered[article_id] = reason + again
        else:
            results.answers[article_id] = {i.chunk: _completion(by_id[i.custom_id]) for i in items}
    return results


def collect(
    api: BatchAPI, state: BatchState, out: Path, settings: Settings, extractor: LLMExtractor
) -> list[ArticleRun]:
    """Read the batch's results and write each answered article's summary; returns the runs."""
    from summarise.ingest.reader import IngestError, load_article

    layout = Layout(out)
    results = read_results(api, state, settings)
    runs = []
    for article_id, items in state.articles().items():
        started = time.perf_counter()
        path = items[0].path
        if article_id in results.unanswered:
            runs.append(_refused(path, article_id, results.unanswered[article_id]))
            continue
        try:
            article = load_article(Path(path)).model_copy(update={"id": article_id})
        except IngestError as err:
            _mark(items, "failed", err.message)
            runs.append(_refused(path, article_id, err.message))
            continue
        if article.sha256 != items[0].sha256:
            reason = f"{path} changed after batch {state.name} was submitted; not read"
            _mark(items, "failed", reason)
            runs.append(_refused(path, article_id, reason))
            continue
        result = extractor.extract_answered(article, results.answers[article_id])
        run = article_run(article, result, time.perf_counter() - started)
        if result.summary is not None:
            write_text(layout.clean_text(article_id), article.text)
            write_model(layout.summary(article_id), result.summary)
        _mark(items, run.outcome.value, run.reason)  # type: ignore[arg-type]
        runs.append(run)
    state.collected = True
    save(out, state)
    return runs


def _completion(line: ResultLine) -> ChatCompletion:
    """A line's answer (HTTP 200, checked by `problem`) as the openai client would parse it."""
    assert line.response is not None
    return ChatCompletion.model_validate(line.response.body)


def _mark(items: list[BatchItem], outcome: ItemOutcome, reason: str | None) -> None:
    for item in items:
        item.outcome = outcome
        item.reason = reason


def record_runs(
    out: Path, states: list[BatchState], runs: list[ArticleRun], settings: Settings, t0: float
) -> RunRecord:
    """run.json for the articles these batches answered; the batch tokens and cost apart."""
    model = states[0].model if states else settings.model
    record = RunRecord(started_at=now_iso(), backend="llm", model=model, articles=runs)

    def cost(u: Usage) -> float | None:
        return cost_usd(u, model, settings.prices)

    for run in runs:
        run.cost_usd = cost(run.usage)
        record.usage = record.usage + run.usage
    finish_record(record, t0, cost)
    costs = [s.cost_usd for s in states]
    record.batch = BatchSpend(
        batches=[s.name for s in states],
        usage=sum((s.usage for s in states), Usage()),
        cost_usd=None if None in costs else round(sum(c or 0.0 for c in costs), 6),
        price_factor=settings.batch_price_factor,
    )
    if runs:
        write_record(Layout(out), record)
    return record
