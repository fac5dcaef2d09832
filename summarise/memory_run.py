"""`summarise brief PATHS`: the store's ingest and briefing, over a store kept in memory.

Going through the store is what makes copies of one story given as PATHS one source with every
place listed (re-posts merge, as in `ingest`), instead of a source per copy. Each summary is
written to OUT as soon as it is stored, so an interrupted run keeps what it finished, and
run.json has a line per input as `extract` writes it. Nothing but OUT is left on disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from summarise.extract import Extractor
from summarise.ingest.reader import DEFAULT_MAX_BYTES, discover
from summarise.library import library
from summarise.models import Article, Outcome, Usage
from summarise.outputs import Layout, write_model, write_text
from summarise.pipeline import Progress, RunResult, now_iso, unique_ids
from summarise.run_record import ArticleRun, RunRecord
from summarise.store.ingest import Ingester, IngestResult
from summarise.store.repo import Store
from summarise.store.writes import SummaryRecord

MEMORY_URL = "sqlite://"


def run_in_memory(
    inputs: Sequence[Path],
    out: Path,
    extractor: Extractor,
    *,
    concurrency: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_start: Callable[[int], None] | None = None,
    on_done: Progress | None = None,
    cost: Callable[[Usage], float | None] | None = None,
) -> RunResult:
    """Ingest every input into a fresh in-memory store, write OUT/articles and OUT/run.json.

    The result's summaries are what `brief --all` would build from, and its `places` list,
    per article, every place it appeared when that is more than one.
    """
    started_at = now_iso()
    t0 = time.perf_counter()
    layout = Layout(out)

    def stored(key: str, article: Article, record: SummaryRecord) -> None:
        if record.summary is not None:
            write_text(layout.clean_text(key), article.text)
            write_model(layout.summary(key), record.summary)

    store = Store(MEMORY_URL)
    try:
        ingester = Ingester(
            store,
            extractor,
            cost=cost,
            report=on_done,
            stored=stored,
            concurrency=concurrency,
        )
        done = ingester.run(inputs, max_bytes, on_start=on_start)
        lib = library(store)
        keys = {a.id: a.key for a in store.articles()}
        places = {a.key: list(a.places) for a in store.articles()}
    finally:
        store.close()
    copies = [_copy_run(path, keys[i]) for path, i in done.copies]
    for run in copies:
        if on_done is not None:
            on_done(run.path, run)
    for path, i in done.copies:
        if path not in places[keys[i]]:
            places[keys[i]].append(path)  # same bytes as a stored file: not a row of its own
    record = RunRecord(
        started_at=started_at,
        backend=extractor.backend,
        model=extractor.model,
        inputs=[str(p) for p in inputs],
        articles=_in_input_order(inputs, done, copies),
        usage=done.usage,
    )
    record.finished_at = now_iso()
    record.seconds = round(time.perf_counter() - t0, 3)
    if cost is not None:
        record.cost_usd = cost(record.usage)
    out.mkdir(parents=True, exist_ok=True)
    write_model(layout.run_record, record)
    return RunResult(
        record=record,
        summaries=sorted((i.id, i.summary) for i in lib.items),
        places={k: p for k, p in places.items() if len(p) > 1},
    )


def _copy_run(path: str, key: str) -> ArticleRun:
    """A copy of a story already given: no summary of its own, one source with the first."""
    reason = f"a copy of {key}: counted as one source with it"
    return ArticleRun(path=path, id=key, outcome=Outcome.ok, reason=reason)


def _in_input_order(
    inputs: Sequence[Path], done: IngestResult, copies: list[ArticleRun]
) -> list[ArticleRun]:
    """One run per input in the order given (problems first), as `extract` records them.

    An input that failed before it was stored keeps the id `extract` gives it (its stem, made
    unique among the inputs); a stored one has its key.
    """
    files, _ = discover(inputs)
    stems = dict(zip(map(str, files), unique_ids(files), strict=True))
    position = {path: n for n, path in enumerate(stems)}
    runs = done.runs + copies
    for run in runs:
        if run.outcome == Outcome.failed and run.path in stems and run.attempts == 0:
            run.id = stems[run.path]
    return sorted(runs, key=lambda r: position.get(r.path, -1))
