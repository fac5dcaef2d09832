"""`summarise brief PATHS`: the store's ingest and briefing, over a store of the run's own.

Going through the store is what makes copies of one story given as PATHS one source with every
place listed (re-posts merge, as in `ingest`), instead of a source per copy. The store is a
SQLite file in a temporary folder, not in memory, so that a run of any size holds no article
after extracting it; each summary is written to OUT as soon as it is stored (an interrupted run
keeps what it finished) and only its catalogue entry is kept, and run.json has a line per input
as `extract` writes it. Nothing but OUT is left on disk.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from summarise.extract import Extractor
from summarise.ingest.discovery import discover_inputs
from summarise.ingest.limits import DEFAULT_MAX_BYTES
from summarise.library import places_of
from summarise.models import Article, Outcome, Usage
from summarise.outputs import Layout, write_model, write_text
from summarise.pipeline import (
    Progress,
    RunInterrupted,
    RunResult,
    finish_record,
    now_iso,
    unique_ids,
    write_record,
)
from summarise.run_record import ArticleRun, RunRecord
from summarise.store.ingest import Ingester, IngestResult
from summarise.store.repo import Store
from summarise.store.writes import SummaryRecord


def run_in_memory(
    inputs: Sequence[Path],
    out: Path,
    extractor: Extractor,
    *,
    concurrency: int = 1,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_start: Callable[[int], None] | None = None,
    on_done: Progress | None = None,
    cost: Callable[[Usage], float | None] | None = None,
) -> RunResult:
    """Ingest every input into a fresh in-memory store, write OUT/articles and OUT/run.json.

    As `run_extract`: the out folder is never an input; nothing is written when no input gives
    a summary; Ctrl-C raises RunInterrupted once run.json is written. The result's summaries
    (its catalogue) are what `brief --all` would build from, with, per article, every place it
    appeared when that is more than one. `jobs` > 1 extracts in that many processes.
    """
    started_at = now_iso()
    t0 = time.perf_counter()
    layout = Layout(out)
    found = discover_inputs(inputs, exclude=out)
    record = RunRecord(
        started_at=started_at,
        backend=extractor.backend,
        model=extractor.model,
        inputs=[str(p) for p in inputs],
        skipped=[r.path for r in [*found.skipped, *found.loops]],
    )
    refused = [
        ArticleRun(path=r.path, id=Path(r.path).name, outcome=Outcome.failed, reason=r.reason)
        for r in found.failed
    ]
    for run in refused:
        if on_done is not None:
            on_done(run.path, run)
    result = RunResult(record=record, problems=[f"{r.path}: {r.reason}" for r in found.failed])
    result.found = found

    def stored(key: str, article: Article, record: SummaryRecord) -> None:
        if record.summary is not None:
            write_text(layout.clean_text(key), article.text)
            write_model(layout.summary(key), record.summary)
            result.catalogue.add(key, record.summary)

    with tempfile.TemporaryDirectory(prefix="summarise-brief-") as folder:
        store = Store(f"sqlite:///{Path(folder) / 'store.sqlite'}")
        try:
            ingester = Ingester(
                store,
                extractor,
                cost=cost,
                report=on_done,
                stored=stored,
                concurrency=concurrency,
                # one input is extracted here: a worker would only copy the article over and
                # its summary back (a 5 MB article: seconds, and a second process's memory)
                jobs=min(jobs, len(found.files)),
            )
            try:
                done = ingester.run(found.files, max_bytes, on_start=on_start)
            except KeyboardInterrupt:
                record.articles = [*refused, *_in_input_order(found.files, ingester.result, [])]
                _interrupted(record, found.files, t0, cost)
                result.history = write_record(layout, record)
                raise RunInterrupted(result) from None
            # only the articles given more than once: the rest have one place each
            places = places_of(store, {i for _, i in done.copies})
        finally:
            store.close()
    copies = [_copy_run(path, places[i][0]) for path, i in done.copies]
    for run in copies:
        if on_done is not None:
            on_done(run.path, run)
    for path, i in done.copies:
        if path not in places[i][1]:
            places[i][1].append(path)  # same bytes as a stored file: not a row of its own
    record.articles = [*refused, *_in_input_order(found.files, done, copies)]
    record.usage = done.usage
    finish_record(record, t0, cost)
    for key, where in places.values():
        if len(where) > 1:
            result.catalogue.places[key] = tuple(where)
    if result.catalogue:
        result.history = write_record(layout, record)
    return result


def _interrupted(
    record: RunRecord,
    files: Sequence[Path],
    t0: float,
    cost: Callable[[Usage], float | None] | None,
) -> None:
    """After Ctrl-C: every input without a line yet is `interrupted`, as `run_extract` says."""
    done = {r.path for r in record.articles}
    for path, stem in zip(files, unique_ids(files), strict=True):
        if str(path) not in done:
            stopped = ArticleRun(path=str(path), id=stem, outcome=Outcome.interrupted)
            stopped.reason = "stopped by Ctrl-C before it finished"
            record.articles.append(stopped)
    record.usage = sum((r.usage for r in record.articles), Usage())
    record.interrupted = True
    finish_record(record, t0, cost)


def _copy_run(path: str, key: str) -> ArticleRun:
    """A copy of a story already given: no summary of its own, one source with the first."""
    reason = f"a copy of {key}: counted as one source with it"
    return ArticleRun(path=path, id=key, outcome=Outcome.ok, reason=reason)


def _in_input_order(
    files: Sequence[Path], done: IngestResult, copies: list[ArticleRun]
) -> list[ArticleRun]:
    """One run per file in the order given, as `extract` records them.

    A file that failed before it was stored keeps the id `extract` gives it (its stem, made
    unique among the inputs); a stored one has its key.
    """
    stems = dict(zip(map(str, files), unique_ids(files), strict=True))
    position = {path: n for n, path in enumerate(stems)}
    runs = done.runs + copies
    for run in runs:
        if run.outcome == Outcome.failed and run.path in stems and run.attempts == 0:
            run.id = stems[run.path]
    return sorted(runs, key=lambda r: position.get(r.path, -1))
