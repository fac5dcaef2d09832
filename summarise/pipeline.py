"""The run: ingest each input, extract it, write its summary and cleaned text, record the run.

A bad input is recorded and the run goes on; each good article is written as soon as it is done,
so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from summarise.brief.grouping import Catalogue
from summarise.extract import ExtractionResult, Extractor
from summarise.ingest.discovery import Discovery, discover_inputs
from summarise.ingest.limits import DEFAULT_MAX_BYTES
from summarise.models import Article, ArticleSummary, Outcome, Usage
from summarise.outputs import Layout, write_model, write_text
from summarise.run_record import ArticleRun, RunRecord, count_statuses
from summarise.workers import map_ordered, map_threaded

Progress = Callable[[str, ArticleRun], None]


@dataclass
class RunResult:
    record: RunRecord
    #: the summaries written, by key (each with every place it appeared, when more than one)
    catalogue: Catalogue = field(default_factory=Catalogue)
    problems: list[str] = field(default_factory=list)
    found: Discovery = field(default_factory=Discovery)
    #: None when no input gave a summary: then nothing was written, the out folder is as it was
    history: Path | None = None

    @property
    def failed(self) -> int:
        return sum(1 for a in self.record.articles if a.outcome == Outcome.failed)


class RunInterrupted(Exception):
    """Ctrl-C: the run stopped early; run.json holds the finished articles and the rest as
    `interrupted`."""

    def __init__(self, result: RunResult) -> None:
        super().__init__("interrupted")
        self.result = result


# A run makes hundreds of thousands of small, acyclic objects (models, spans, segments). With
# CPython's default first threshold (700 allocations) the collector rescans all live objects
# again and again; measured with benchmarks/offline_throughput.py it cost about a tenth of a run.
BATCH_GC_THRESHOLDS = (50_000, 20, 100)


def tune_gc_for_batch() -> None:
    """Collect less often: a batch run frees little cyclic garbage before it ends."""
    gc.set_threshold(*BATCH_GC_THRESHOLDS)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _content_id(path: Path) -> str:
    """An id for a file whose name gives none (`..txt`): from a hash of its first bytes."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            digest.update(handle.read(1 << 20))
    except OSError:
        digest.update(str(path).encode("utf-8", "surrogateescape"))
    return f"article-{digest.hexdigest()[:12]}"


def unique_ids(paths: Sequence[Path]) -> list[str]:
    """File stems, made unique when two inputs share one ("a/x.txt", "b/x.txt" → x, x-2).

    Never empty: a name with no stem ("..txt") gets an id from the file's content hash.
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for p in paths:
        stem = (p.name.split(".")[0] if p.suffix else p.name).strip() or _content_id(p)
        seen[stem] = seen.get(stem, 0) + 1
        out.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return out


def _process(
    path: Path, article_id: str, extractor: Extractor, layout: Layout, max_bytes: int
) -> tuple[ArticleRun, ArticleSummary | None]:
    from summarise.ingest.reader import IngestError, load_article

    started = time.perf_counter()
    try:
        article = load_article(path, max_bytes=max_bytes).model_copy(update={"id": article_id})
    except IngestError as err:
        return ArticleRun(
            path=str(path), id=article_id, outcome=Outcome.failed, reason=err.message
        ), None
    try:
        result = extractor.extract(article)
    except Exception as err:  # noqa: BLE001 - one article's failure must not end the run
        result = ExtractionResult(
            summary=None, outcome=Outcome.failed, reason=f"{type(err).__name__}: {err}"
        )
    run = article_run(article, result, time.perf_counter() - started)
    if result.summary is not None:
        write_text(layout.clean_text(article_id), article.text)
        write_model(layout.summary(article_id), result.summary)
    return run, result.summary


def article_run(article: Article, result: ExtractionResult, seconds: float) -> ArticleRun:
    """The run.json line for one extraction (`extract`, `brief PATHS` and the store's ingest)."""
    reason = result.reason
    if reason is None and result.problems:
        reason = "; ".join(result.problems)
    return ArticleRun(
        path=article.path,
        id=article.id,
        outcome=result.outcome if result.summary is not None else Outcome.failed,
        reason=reason if result.summary is not None or reason else "no summary produced",
        attempts=result.attempts,
        usage=result.usage,
        seconds=round(seconds, 4),
        cached=result.cached,
        requests=result.requests,
        statuses=count_statuses(result.statuses),
        warnings=article.warnings,
    )


def _history_path(layout: Layout) -> Path:
    """OUT/runs/<UTC time to the microsecond>.json: names sort in the order the runs ended."""
    stem = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S.%fZ")
    path, n = layout.run_history(f"{stem}.json"), 1
    while path.exists():
        n += 1
        path = layout.run_history(f"{stem}{n:03d}.json")
    return path


def write_record(layout: Layout, record: RunRecord, history: Path | None = None) -> Path:
    """OUT/run.json (the latest) and OUT/runs/<time>.json, so earlier runs are kept.

    `history` rewrites that run's file (the same run, updated); returns the file written.
    """
    history = history or _history_path(layout)
    write_model(history, record)
    write_model(layout.run_record, record)
    return history


def finish_record(
    record: RunRecord, t0: float, cost: Callable[[Usage], float | None] | None
) -> None:
    """The run's end time, seconds, request and status totals, and cost."""
    record.finished_at = now_iso()
    record.seconds = round(time.perf_counter() - t0, 3)
    record.requests = sum(a.requests for a in record.articles)
    statuses: dict[str, int] = {}
    for run in record.articles:
        for status, n in run.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    record.statuses = dict(sorted(statuses.items()))
    if cost is not None:
        record.cost_usd = cost(record.usage)


def run_extract(
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
    """Extract every input into OUT/articles and write OUT/run.json (and OUT/runs/).

    The out folder is never an input. When no input gives a summary nothing is written
    (`history` None). Ctrl-C raises RunInterrupted after run.json is written.
    `jobs` > 1 extracts in that many processes (for CPU-bound backends); otherwise `concurrency`
    threads share one extractor (for backends that wait on a server). Both > 1: `jobs` processes
    of `concurrency / jobs` threads, sharing the extractor's rate-limit budget (`share`).
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
    refused = found.failed
    for err in refused:
        failed = ArticleRun(
            path=err.path, id=Path(err.path).name, outcome=Outcome.failed, reason=err.reason
        )
        record.articles.append(failed)
        if on_done:
            on_done(err.path, failed)
    if on_start:
        on_start(len(found.files))
    result = RunResult(record=record, problems=[f"{r.path}: {r.reason}" for r in refused])
    result.found = found
    tasks = list(zip(found.files, unique_ids(found.files), strict=True))

    def work(job: tuple[Path, str]) -> tuple[ArticleRun, ArticleSummary | None]:
        return _process(job[0], job[1], extractor, layout, max_bytes)

    pool = ThreadPoolExecutor(max_workers=max(1, concurrency))
    done: Generator[tuple[ArticleRun, ArticleSummary | None], None, None]
    if jobs > 1 and concurrency > 1 and len(tasks) > 1:
        import summarise.ingest.reader  # noqa: F401 - imported once, before the fork

        share = getattr(extractor, "share", None)
        if share is not None:
            share(jobs)
        done = map_threaded(work, tasks, jobs, threads=-(-concurrency // jobs))
    elif jobs > 1:
        done = map_ordered(work, tasks, jobs)
    else:
        futures = [pool.submit(work, task) for task in tasks]
        done = (future.result() for future in futures)
    finished = 0
    try:
        for run, summary in done:
            finished += 1
            if cost is not None:
                run.cost_usd = cost(run.usage)
            record.articles.append(run)
            record.usage = record.usage + run.usage
            if summary is not None:
                result.catalogue.add(run.id, summary)
            if on_done:
                on_done(run.path, run)
    except KeyboardInterrupt:
        # stop at once: queued articles are cancelled; in-flight ones are not waited for
        pool.shutdown(wait=False, cancel_futures=True)
        done.close()  # with --jobs, stops the process pool the same way
        for path, article_id in tasks[finished:]:
            stopped = ArticleRun(path=str(path), id=article_id, outcome=Outcome.interrupted)
            stopped.reason = "stopped by Ctrl-C before it finished"
            record.articles.append(stopped)
        record.interrupted = True
        finish_record(record, t0, cost)
        result.history = write_record(layout, record)
        raise RunInterrupted(result) from None
    pool.shutdown()
    finish_record(record, t0, cost)
    if result.catalogue:
        result.history = write_record(layout, record)
    return result
