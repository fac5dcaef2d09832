"""`summarise ingest`: add new articles to the store and extract only what it lacks.

Same bytes are skipped; a re-posted copy of a stored story becomes another place that article
appeared; stored articles without a summary of the chosen backend's version (new rules, say)
are extracted again. Each article is committed on its own, so a killed run keeps what it did
and the next run finishes the rest.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from summarise.extract import ExtractionResult, Extractor
from summarise.ingest.reader import (
    DEFAULT_MAX_BYTES,
    IngestError,
    discover,
    load_article,
    read_bytes,
)
from summarise.models import Article, Outcome, Usage
from summarise.pipeline import article_run
from summarise.run_record import ArticleRun
from summarise.store import dedup
from summarise.store.repo import Store, StoredArticle
from summarise.store.versions import Version, rules_version, version_of
from summarise.store.writes import SummaryRecord
from summarise.workers import process_pool

Report = Callable[[str, ArticleRun], None]
# Told each summary as soon as it is stored: (article key, the article, its record).
Stored = Callable[[str, Article, SummaryRecord], None]


@dataclass
class IngestResult:
    added: int = 0
    merged: int = 0
    skipped: int = 0
    recleaned: int = 0
    extracted: int = 0
    failed: int = 0
    runs: list[ArticleRun] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    # (path, stored article id) of every file this run found already stored: re-posts merged
    # into an article, and copies with the same bytes as one.
    copies: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Job:
    path: Path
    data: bytes
    raw_sha256: str


def _stem(path: Path) -> str:
    return path.name.split(".")[0] if path.suffix else path.name


class Ingester:
    """One ingest run over a store with one extractor."""

    def __init__(
        self,
        store: Store,
        extractor: Extractor,
        *,
        reextract: bool = False,
        cost: Callable[[Usage], float | None] | None = None,
        report: Report | None = None,
        advance: Callable[[], None] | None = None,
        stored: Stored | None = None,
        concurrency: int = 1,
        jobs: int = 1,
    ) -> None:
        self.store = store
        self.extractor = extractor
        self.version: Version = version_of(
            extractor.backend, extractor.model, getattr(extractor, "prompt_version", None)
        )
        self.reextract = reextract
        self.cost = cost
        self.report = report
        self.advance = advance or (lambda: None)
        self.result = IngestResult()
        self.cleaner = rules_version()
        self.stored = stored
        # Extraction runs in `concurrency` threads (a model call) or `jobs` processes (offline,
        # CPU-bound); storing stays in this thread.
        self.concurrency = max(1, concurrency)
        self.jobs = max(1, jobs)
        self._pool: Callable[[Article], Future[SummaryRecord]] | None = None
        self._pending: deque[tuple[int, str, Article, Future[SummaryRecord]]] = deque()
        self._ids: dict[str, int] = {}  # raw sha256 -> article id, for copies with those bytes

    def _record(self, run: ArticleRun) -> None:
        self.result.runs.append(run)
        if run.outcome == Outcome.failed:
            self.result.failed += 1
        if self.report is not None:
            self.report(run.path, run)

    def _failed(self, path: str, reason: str, article_id: str | None = None) -> None:
        """A run for an input that could not be read or found (id: its stem, when a file)."""
        name = article_id or Path(path).name
        self._record(ArticleRun(path=path, id=name, outcome=Outcome.failed, reason=reason))

    def _extract(self, article: Article) -> SummaryRecord:
        """Run the extractor on one article; a failure is a record too."""
        started = time.perf_counter()
        try:
            res = self.extractor.extract(article)
        except Exception as err:  # noqa: BLE001 - one article's failure must not end the run
            res = ExtractionResult(None, Outcome.failed, f"{type(err).__name__}: {err}")
        run = article_run(article, res, time.perf_counter() - started)
        if self.cost is not None:
            run.cost_usd = self.cost(run.usage)
        return SummaryRecord(self.version, article.sha256, run, res.summary)

    def _extracted(self, record: SummaryRecord, key: str, article: Article) -> None:
        record.run.id = key  # the file stem made unique: the name its summary is known by
        if self.stored is not None:
            self.stored(key, article, record)
        self.result.extracted += 1
        self.result.usage = self.result.usage + record.run.usage
        self._record(record.run)

    def extract(self, article_id: int, article: Article) -> None:
        """Extract a stored article again and store the summary with its run record."""
        record = self._extract(article)
        self.store.put_summary(article_id, record)
        self._extracted(record, article.id, article)

    def _drain(self, keep: int) -> None:
        """Store finished extractions, oldest first, until at most `keep` are in flight."""
        while len(self._pending) > keep:
            article_id, key, article, future = self._pending.popleft()
            record = future.result()
            self.store.put_summary(article_id, record)
            self._extracted(record, key, article)

    def add(self, job: _Job, max_bytes: int) -> None:
        """A file not seen before: a new article, or another place of a stored one."""
        try:
            article = load_article(job.path, max_bytes=max_bytes, data=job.data)
        except IngestError as err:
            self._failed(str(job.path), err.message, _stem(job.path))
            return
        article = article.model_copy(update={"id": _stem(job.path)})
        shingles = dedup.shingles(article.text)
        named = dedup.councils_named(article.text)
        sketch = dedup.sketch(shingles, named)
        try:
            for article_id, theirs in self.store.candidates(sketch, dedup.MIN_SHARED):
                if not dedup.maybe_same(sketch, theirs):
                    continue
                score = dedup.same_story(shingles, self.store.text_of(article_id))
                if score is not None:
                    self.store.add_place(article_id, article, job.raw_sha256, self.cleaner, score)
                    self.result.merged += 1
                    self.result.copies.append((str(job.path), article_id))
                    self._ids[job.raw_sha256] = article_id
                    return
            how = f"ingest {self.version.backend}"
            if self._pool is not None:
                # stored now, so later copies merge into it; its summary follows (catch_up
                # finishes it if the run is killed in between)
                article_id, key = self.store.add_article(
                    article, job.raw_sha256, self.cleaner, how, sketch, named
                )
                future = self._pool(article)
                self._pending.append((article_id, key, article, future))
                self._drain(2 * max(self.concurrency, self.jobs))
            else:
                record = self._extract(article)
                # the article, its first place and its summary are one transaction
                article_id, key = self.store.add_article(
                    article, job.raw_sha256, self.cleaner, how, sketch, named, record
                )
        except IntegrityError:  # another ingest stored the same bytes a moment ago
            self.result.skipped += 1
            return
        self._ids[job.raw_sha256] = article_id
        self.result.added += 1
        if self._pool is None:
            self._extracted(record, key, article)

    def _reclean(self, path: Path, data: bytes, raw: str, max_bytes: int) -> None:
        """Same bytes, but the cleaning rules changed since: clean again and keep the new text."""
        from summarise.store.edits import reclean

        try:
            article = load_article(path, max_bytes=max_bytes, data=data)
        except IngestError as err:
            self._failed(str(path), err.message)
            return
        if reclean(self.store, raw, article, self.cleaner):
            self.result.recleaned += 1
        else:
            self.result.skipped += 1

    def catch_up(self) -> None:
        """Extract stored articles that still need it: all with --reextract; those without an
        offline summary by today's rules; and any with no summary of this backend at all (an
        ingest killed between storing an article and its summary)."""
        if self.reextract:
            todo = {a.id for a in self.store.articles()}
        else:
            todo = self.store.unsummarised(
                self.version if self.version.backend == "offline" else None,
                self.version.backend,
            )
        if todo:
            for a in self.store.articles():
                if a.id in todo:
                    self.extract(a.id, _as_article(a))

    def run(self, inputs: Sequence[Path], max_bytes: int = DEFAULT_MAX_BYTES,
            on_start: Callable[[int], None] | None = None) -> IngestResult:  # fmt: skip
        if self.jobs > 1:
            with process_pool(self._extract, self.jobs) as submit:
                return self._pooled(submit, inputs, max_bytes, on_start)
        if self.concurrency == 1:
            return self._run(inputs, max_bytes, on_start)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return self._pooled(
                lambda article: pool.submit(self._extract, article), inputs, max_bytes, on_start
            )

    def _pooled(self, submit: Callable[[Article], Future[SummaryRecord]],
                inputs: Sequence[Path], max_bytes: int,
                on_start: Callable[[int], None] | None) -> IngestResult:  # fmt: skip
        self._pool = submit
        try:
            return self._run(inputs, max_bytes, on_start)
        finally:
            self._pool = None

    def _run(self, inputs: Sequence[Path], max_bytes: int,
             on_start: Callable[[int], None] | None) -> IngestResult:  # fmt: skip
        files, problems = discover(inputs)
        for problem in problems:
            self._failed(problem.path, problem.message)
        if on_start is not None:
            on_start(len(files))
        known = self.store.known_raw()
        for path in files:
            try:
                data = read_bytes(path, max_bytes)
            except IngestError as err:
                self._failed(str(path), err.message, _stem(path))
                continue
            raw = hashlib.sha256(data).hexdigest()
            if raw in known and known[raw][1] != self.cleaner:
                self._reclean(path, data, raw, max_bytes)
            elif raw in known or raw in self._ids:
                # stored already; bytes that failed earlier in this run fail again, named
                self.result.skipped += 1
                same = known[raw][0] if raw in known else self._ids[raw]
                self.result.copies.append((str(path), same))
            else:
                self.add(_Job(path, data, raw), max_bytes)
            self.advance()
        self._drain(0)
        self.catch_up()
        return self.result


def _as_article(a: StoredArticle) -> Article:
    return Article(
        id=a.key,
        path=a.places[0] if a.places else a.key,
        text=a.text,
        sha256=a.text_sha256,
        title=a.title,
        publisher=a.publisher,
        published=a.published,
    )
