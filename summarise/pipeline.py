"""The run: ingest each input, extract it, write its summary and cleaned text, record the run.

A bad input is recorded and the run goes on; each good article is written as soon as it is done,
so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from summarise.extract import ExtractionResult, Extractor
from summarise.ingest.reader import DEFAULT_MAX_BYTES, IngestError, discover, load_article
from summarise.models import Article, ArticleSummary, Outcome, Usage
from summarise.outputs import Layout, write_model, write_text
from summarise.run_record import ArticleRun, RunRecord
from summarise.workers import map_ordered

Progress = Callable[[str, ArticleRun], None]


@dataclass
class RunResult:
    record: RunRecord
    summaries: list[tuple[str, ArticleSummary]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for a in self.record.articles if a.outcome == Outcome.failed)


# A run makes hundreds of thousands of small, acyclic objects (models, spans, segments). With
# CPython's default first threshold (700 allocations) the collector rescans all live objects
# again and again; measured with benchmarks/offline_throughput.py it cost about a tenth of a run.
BATCH_GC_THRESHOLDS = (50_000, 20, 100)


def tune_gc_for_batch() -> None:
    """Collect less often: a batch run frees little cyclic garbage before it ends."""
    gc.set_threshold(*BATCH_GC_THRESHOLDS)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def unique_ids(paths: Sequence[Path]) -> list[str]:
    """File stems, made unique when two inputs share one ("a/x.txt", "b/x.txt" → x, x-2)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for p in paths:
        stem = p.name.split(".")[0] if p.suffix else p.name
        seen[stem] = seen.get(stem, 0) + 1
        out.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return out


def _process(
    path: Path, article_id: str, extractor: Extractor, layout: Layout, max_bytes: int
) -> tuple[ArticleRun, ArticleSummary | None]:
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
    run = _article_run(article, result, time.perf_counter() - started)
    if result.summary is not None:
        write_text(layout.clean_text(article_id), article.text)
        write_model(layout.summary(article_id), result.summary)
    return run, result.summary


def _article_run(article: Article, result: ExtractionResult, seconds: float) -> ArticleRun:
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
    )


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
    """Extract every input into OUT/articles and write OUT/run.json.

    `jobs` > 1 extracts in that many processes (for CPU-bound backends); otherwise `concurrency`
    threads share one extractor (for backends that wait on a server).
    """
    started_at = now_iso()
    t0 = time.perf_counter()
    layout = Layout(out)
    files, problems = discover(inputs)
    record = RunRecord(
        started_at=started_at,
        backend=extractor.backend,
        model=extractor.model,
        inputs=[str(p) for p in inputs],
    )
    for err in problems:
        failed = ArticleRun(
            path=err.path, id=Path(err.path).name, outcome=Outcome.failed, reason=err.message
        )
        record.articles.append(failed)
        if on_done:
            on_done(err.path, failed)
    if on_start:
        on_start(len(files))
    result = RunResult(record=record, problems=[str(e) for e in problems])
    ids = unique_ids(files)
    tasks = list(zip(files, ids, strict=True))

    def work(job: tuple[Path, str]) -> tuple[ArticleRun, ArticleSummary | None]:
        return _process(job[0], job[1], extractor, layout, max_bytes)

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        done = map_ordered(work, tasks, jobs) if jobs > 1 else pool.map(work, tasks)
        for run, summary in done:
            if cost is not None:
                run.cost_usd = cost(run.usage)
            record.articles.append(run)
            record.usage = record.usage + run.usage
            if summary is not None:
                result.summaries.append((run.id, summary))
            if on_done:
                on_done(run.path, run)
    record.finished_at = now_iso()
    record.seconds = round(time.perf_counter() - t0, 3)
    if cost is not None:
        record.cost_usd = cost(record.usage)
    out.mkdir(parents=True, exist_ok=True)
    write_model(layout.run_record, record)
    return result
