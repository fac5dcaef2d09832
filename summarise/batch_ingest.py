"""`ingest --batch`: the Batch API into the store, with the same state files as `extract --batch`.

The state lives in a folder (`--batch-dir`, OUT/batches/ there), marked with the store's URL
as its `target`; there is no store table for it yet. Submitting skips files whose bytes the
store holds already (and, as for extract, requests a pending or answered batch holds). Collecting
runs the store's own `Ingester` over the batch's files with `BatchAnswers` as its extractor, so
dedup, re-posts and versions work as in any ingest, and each article's first answer comes from
the batch (matched by its cleaned text's hash) through `LLMExtractor.extract_answered`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from openai.types.chat import ChatCompletion
from sqlalchemy.engine import make_url

from summarise.batch_run import read_results
from summarise.batch_state import BatchState, save
from summarise.extract import ExtractionResult
from summarise.extract.llm.extractor import LLMExtractor
from summarise.ingest.reader import IngestError, discover, read_bytes
from summarise.llm.batch_api import BatchAPI
from summarise.llm.config import Settings
from summarise.models import Article, Outcome
from summarise.store.ingest import Ingester, IngestResult, Report
from summarise.store.repo import Store


class BatchAnswers:
    """An `Extractor` whose answers were fetched from batches, keyed by cleaned-text hash."""

    backend = "llm"

    def __init__(self, inner: LLMExtractor) -> None:
        self.inner = inner
        self.model = inner.model
        self.prompt_version = inner.prompt_version
        self.answers: dict[str, dict[int, ChatCompletion]] = {}
        self.why: dict[str, str] = {}

    def add(self, state: BatchState, api: BatchAPI, settings: Settings) -> None:
        results = read_results(api, state, settings)
        for article_id, items in state.articles().items():
            sha = items[0].sha256
            if article_id in results.answers:
                self.answers[sha] = results.answers[article_id]
            else:
                self.why[sha] = results.unanswered[article_id]

    def extract(self, article: Article) -> ExtractionResult:
        given = self.answers.get(article.sha256)
        if given is None:
            reason = self.why.get(article.sha256, "not in a finished batch: ingest --batch again")
            return ExtractionResult(None, Outcome.failed, reason, attempts=0)
        return self.inner.extract_answered(article, given)


def target_of(url: str) -> str:
    """What a state file records of its store: the URL without its password (never a secret)."""
    return make_url(url).render_as_string(hide_password=True)


def store_url(target: str, configured: str) -> str:
    """The URL to open a state's store with: the configured one (--db, SUMMARISE_DATABASE_URL,
    summarise.toml) when it is that store, password and all; else the recorded target."""
    return configured if target_of(configured) == target else target


def unstored(inputs: Sequence[Path], store: Store, max_bytes: int) -> list[Path]:
    """The input files whose bytes the store does not hold (unreadable ones are left to ingest)."""
    known = store.known_raw()
    files, _ = discover(inputs)
    out = []
    for path in files:
        try:
            data = read_bytes(path, max_bytes)
        except IngestError:
            continue
        if hashlib.sha256(data).hexdigest() not in known:
            out.append(path)
    return out


def collect_into_store(
    store: Store,
    folder: Path,
    states: list[BatchState],
    answers: BatchAnswers,
    *,
    max_bytes: int,
    report: Report | None = None,
) -> IngestResult:
    """Ingest the batches' files; each state is then marked collected, with its items' outcomes."""
    paths = sorted({Path(i.path) for s in states for i in s.items.values()})
    result = Ingester(store, answers, report=report).run(paths, max_bytes)
    outcome = {run.path: run for run in result.runs}
    for state in states:
        for item in state.items.values():
            run = outcome.get(item.path)
            if item.outcome == "pending" and run is not None:
                item.outcome = run.outcome.value  # type: ignore[assignment]
                item.reason = run.reason
            elif item.outcome == "pending":  # no extraction: the store had the story already
                item.outcome = "ok"
                item.reason = "stored as a copy or re-post of an article the store holds"
        state.collected = True
        save(folder, state)
    return result
