"""`extract --batch` and `summarise batch status|resume|cancel`: the Batch API from the shell.

Registered on the one typer app by importing this module (summarise.cli does, at its end). Every
fault is one line naming the batch or file; exit 0 when every article came back ok or flagged,
1 when some failed, were not answered, or the server refused, 2 for usage errors.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from summarise.cli import app
from summarise.cli_options import BaseUrlOpt, ConfigOpt, PollOpt, _settings
from summarise.cli_run import msg, report, tokens
from summarise.ingest.limits import DEFAULT_MAX_BYTES
from summarise.llm.config import ConfigError, Settings, describe
from summarise.models import Outcome, Usage
from summarise.run_record import ArticleRun

if TYPE_CHECKING:
    from rich.progress import TaskID

    from summarise.batch_run import Submission
    from summarise.batch_state import BatchState
    from summarise.extract.llm.extractor import LLMExtractor
    from summarise.llm.batch_api import BatchAPI

batch_app = typer.Typer(
    help=(
        "Follow the Batch API jobs that `summarise extract PATHS --batch --out OUT` (or "
        "`summarise ingest PATHS --batch --batch-dir OUT`) submitted.\n\n"
        "Each batch's state is kept in OUT/batches/, so these work after a restart:\n\n"
        "  summarise batch status OUT    what each batch is doing\n\n"
        "  summarise batch resume OUT    wait for unfinished batches, then write their "
        "summaries\n\n"
        "  summarise batch cancel OUT    cancel unfinished batches (resume then collects "
        "what they did finish)"
    ),
    no_args_is_help=True,
)
app.add_typer(batch_app, name="batch")

OutArg = Annotated[Path, typer.Argument(help="The output folder given to extract --batch.")]
WhichOpt = Annotated[
    str | None, typer.Option("--batch", help="Only this batch (its id or key); default: all.")
]


def _fail(message: str, code: int) -> NoReturn:
    msg.error(message)
    raise typer.Exit(code)


@contextmanager
def server_errors(what: str) -> Iterator[None]:
    """A refused or failed call to the Batch or Files endpoints: one line naming it, exit 1."""
    import openai

    from summarise.batch_state import StateError
    from summarise.llm.batch_api import BatchFileError
    from summarise.llm.client import short

    try:
        yield
    except openai.APIError as e:
        _fail(f"{what}: {type(e).__name__}: {short(e)}", 1)
    except (BatchFileError, StateError, OSError) as e:
        _fail(f"{what}: {short(e)}", 1)


def _api(settings: Settings) -> BatchAPI:
    from summarise.extract.llm.prompts import load_prompts
    from summarise.llm.batch_api import make_batch_api

    if settings.backend == "offline":
        _fail("--batch sends the requests to a model: it needs --backend llm (or auto)", 2)
    try:
        return make_batch_api(settings, load_prompts().version)
    except ConfigError as e:
        _fail(f"{e}", 2)


def _extractor(settings: Settings, no_reask: bool) -> LLMExtractor:
    """The interactive extractor that validates batch answers and sends any re-ask."""
    from summarise.extract.llm.extractor import LLMExtractor

    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    if no_reask:
        settings = settings.model_copy(update={"max_reasks": 0})
    try:
        return LLMExtractor(settings)
    except (ConfigError, ValueError) as e:
        _fail(f"{e}", 2)


def run_batch_extract(
    paths: list[Path],
    out: Path,
    settings: Settings,
    max_bytes: int,
    *,
    no_reask: bool,
    wait: bool,
) -> None:
    """Submit what OUT's batches do not hold yet; unless --no-wait, wait and collect them all."""
    from summarise.batch_run import submit

    msg.line(describe(settings) + " · Batch API")
    api = _api(settings)
    with server_errors(f"submitting a batch for {out}"):
        sub = submit(paths, out, settings, api, no_reask=no_reask, max_bytes=max_bytes)
    _submitted(sub, out, settings, wait)


def default_batch_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("summarise"))


def run_batch_ingest(
    paths: list[Path],
    db: str | None,
    settings: Settings,
    max_bytes: int,
    no_reask: bool,
    wait: bool,
    batch_dir: Path | None,
) -> None:
    """ingest --batch: submit the files the store lacks; unless --no-wait, collect into it."""
    from summarise.batch_ingest import target_of, unstored
    from summarise.batch_run import submit
    from summarise.cli_store import open_store

    folder = batch_dir or default_batch_dir()
    msg.line(describe(settings) + f" · Batch API · state in {folder / 'batches'}")
    api = _api(settings)
    with open_store(db, settings) as store:
        target, where, fresh = target_of(store.url), store.where, unstored(paths, store, max_bytes)
    with server_errors(f"submitting a batch for {where}"):
        sub = submit(fresh, folder, settings, api, no_reask=no_reask, max_bytes=max_bytes,
                     target=target)  # fmt: skip
    _submitted(sub, folder, settings, wait)


def _submitted(sub: Submission, folder: Path, settings: Settings, wait: bool) -> None:
    """Say what was submitted; then exit (--no-wait) or wait for the batches and collect."""
    from summarise.batch_state import state_path

    for run in sub.refused:
        report(run)
    if sub.already:
        n = len(sub.already)
        msg.line(f"{n} articles are in a batch of {folder} already: not submitted again")
    for state in sub.states:
        n = len(state.articles())
        msg.line(
            f"batch {state.name} submitted: {len(state.items)} requests for {n} articles"
            f" · state in {state_path(folder, state.key)}"
        )
    if not wait:
        msg.line(f"later: summarise batch status {folder}; summarise batch resume {folder}")
        raise typer.Exit(1 if sub.refused else 0)
    finish(folder, settings, None, refused=sub.refused)


def _wait(state: BatchState, out: Path, settings: Settings) -> BatchAPI:
    """Poll one batch until it ends, with a progress bar; a line when it did not complete."""
    from summarise.batch_run import poll
    from summarise.progress import run_progress

    api = _api(settings)
    with run_progress(msg.err, None, lambda u: None) as progress:
        task = progress.add_task(f"batch {state.name}", total=None)

        def shown(s: BatchState, task: TaskID = task) -> None:
            counts = s.request_counts
            done_n = counts.get("completed", 0) + counts.get("failed", 0)
            progress.update(task, total=counts.get("total") or None, completed=done_n)

        with server_errors(f"batch {state.name}"):
            poll(api, state, out, interval_s=settings.batch_poll_s, on_update=shown)
    if state.status != "completed":
        msg.warning(f"batch {state.name} ended {state.status}: {_counts(state)}")
    return api


def _waiting(out: Path, which: str | None) -> list[BatchState]:
    """OUT's created, uncollected batches; one never created is named (run --batch again)."""
    from summarise.batch_state import find

    with server_errors(f"reading the batches of {out}"):
        states = [s for s in find(out, which) if not s.collected]
    for state in states:
        if state.batch_id is None:
            msg.error(f"batch {state.key} was never created: run the command with --batch again")
    return [s for s in states if s.batch_id is not None]


def finish(
    out: Path, settings: Settings, which: str | None, *, refused: Sequence[ArticleRun] = ()
) -> None:
    """Wait for every uncollected batch of OUT (or `which`), collect, write run.json (with the
    inputs that could not be read, `refused`), exit."""
    from summarise.batch_run import collect, record_runs

    t0 = time.perf_counter()
    states = _waiting(out, which)
    code = 0
    for target in sorted({s.target for s in states if s.target is not None}):
        code = max(code, finish_store(out, settings, target, [s for s in states if s.target]))
    states = [s for s in states if s.target is None]
    if not states:
        if code == 0:
            msg.line(f"no batch of {out} is waiting to be collected")
        raise typer.Exit(1 if refused or code else 0)
    runs = list(refused)
    for state in states:
        settings_now = _as_submitted(settings, state)
        api = _wait(state, out, settings_now)
        with server_errors(f"batch {state.name}"):
            runs += collect(api, state, out, settings, _extractor(settings_now, state.no_reask))
    for run in runs[len(refused) :]:
        report(run)
    record = record_runs(out, states, runs, settings, t0)
    counts = {o: sum(1 for r in runs if r.outcome == o) for o in Outcome}
    line = f"{counts[Outcome.ok]} ok, {counts[Outcome.flagged]} flagged, "
    line += f"{counts[Outcome.failed]} failed"
    line += _spend(record.batch.usage, record.batch.cost_usd) if record.batch else ""
    interactive = f", about ${record.cost_usd:.4f}" if record.cost_usd is not None else ""
    line += f" · {record.requests} interactive requests: {tokens(record.usage)}{interactive}"
    msg.line(f"{line} · written to {out}")
    raise typer.Exit(1 if counts[Outcome.failed] or code else 0)


def _as_submitted(settings: Settings, state: BatchState) -> Settings:
    """The settings the batch's requests were made with, so answers meet the same chunks."""
    update = {"model": state.model, "mode": state.mode, "chunk_tokens": state.chunk_tokens}
    return settings.model_copy(update=update)


def _spend(usage: Usage, cost: float | None) -> str:
    at = f", about ${cost:.4f} at the Batch price" if cost is not None else ""
    return f" · batch answers: {tokens(usage)}{at}"


def finish_store(out: Path, settings: Settings, target: str, states: list[BatchState]) -> int:
    """Wait for the store's batches, then ingest their files with their answers; exit code."""
    from summarise.batch_ingest import BatchAnswers, collect_into_store, store_url
    from summarise.cli_store import open_store
    from summarise.store.url import resolve_url

    states = [s for s in states if s.target == target]
    first = _as_submitted(settings, states[0])
    answers = BatchAnswers(_extractor(first, states[0].no_reask))
    for state in states:
        api = _wait(state, out, settings.model_copy(update={"model": state.model}))
        with server_errors(f"batch {state.name}"):
            answers.add(state, api, settings)
    configured = resolve_url(None, settings.database_url)
    with open_store(store_url(target, configured), settings) as store:
        result = collect_into_store(
            store, out, states, answers, max_bytes=DEFAULT_MAX_BYTES, report=lambda p, r: report(r)
        )
    usage = sum((s.usage for s in states), Usage())
    costs = [s.cost_usd for s in states]
    cost = None if None in costs else sum(c or 0.0 for c in costs)
    msg.line(
        f"{result.added} added, {result.merged} merged, {result.skipped} skipped, "
        f"{result.extracted} extracted, {result.failed} failed{_spend(usage, cost)}"
        f" · interactive: {tokens(result.usage)} · store {store.where}"
    )
    return 1 if result.failed else 0


def _counts(state: BatchState) -> str:
    c = state.request_counts
    return (
        f"{c.get('completed', 0)} of {c.get('total', 0)} requests done, {c.get('failed', 0)} failed"
    )


def _batch_settings(base_url: str | None, config: Path | None) -> Settings:
    return _settings("llm", None, base_url, None, False, config, None)


def _need_batches(out: Path) -> None:
    if not (out / "batches").is_dir():
        _fail(f"{out / 'batches'} not found: no batch was submitted with --out {out}", 2)


def _chosen(
    out: Path, which: str | None, keep: Callable[[BatchState], bool], none: str, code: int
) -> list[BatchState]:
    """The batches of OUT (`which` only, when given) that `keep` accepts; `none` if nothing."""
    from summarise.batch_state import find

    _need_batches(out)
    with server_errors(f"reading the batches of {out}"):
        states = [s for s in find(out, which) if keep(s)]
    if not states:
        _fail(none, code)
    return states


@batch_app.command()
def status(
    out: OutArg, which: WhichOpt = None, base_url: BaseUrlOpt = None, config: ConfigOpt = None
) -> None:
    """One line per batch of OUT: its status now, requests done, and whether it was collected."""
    from summarise.batch_run import update
    from summarise.batch_state import save

    states = _chosen(out, which, lambda s: True, f"no batch {which} in {out / 'batches'}", 2)
    settings = _batch_settings(base_url, config)
    for state in states:
        if state.batch_id is not None and not state.collected:
            with server_errors(f"batch {state.name}"):
                update(state, _api(settings).retrieve(state.batch_id))
            save(out, state)
        after = "collected" if state.collected else f"not collected: summarise batch resume {out}"
        n = len(state.articles())
        msg.line(f"batch {state.name}: {state.status} · {_counts(state)} · {n} articles · {after}")


@batch_app.command()
def resume(
    out: OutArg,
    which: WhichOpt = None,
    poll_interval: PollOpt = None,
    base_url: BaseUrlOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Wait for OUT's unfinished batches, then validate their answers and write the summaries."""
    _need_batches(out)
    settings = _batch_settings(base_url, config)
    if poll_interval is not None:
        settings = settings.model_copy(update={"batch_poll_s": poll_interval})
    finish(out, settings, which)


@batch_app.command()
def cancel(
    out: OutArg, which: WhichOpt = None, base_url: BaseUrlOpt = None, config: ConfigOpt = None
) -> None:
    """Cancel OUT's unfinished batches; `batch resume` then collects what they finished."""
    from summarise.batch_run import update
    from summarise.batch_state import save
    from summarise.llm.batch_api import TERMINAL

    none = f"no unfinished batch{' ' + which if which else ''} in {out / 'batches'}"
    states = _chosen(out, which, lambda s: bool(s.batch_id) and s.status not in TERMINAL, none, 1)
    settings = _batch_settings(base_url, config)
    for state in states:
        with server_errors(f"batch {state.name}"):
            update(state, _api(settings).cancel(state.batch_id or ""))
        save(out, state)
        msg.line(f"batch {state.name}: {state.status} · collect with: summarise batch resume {out}")
