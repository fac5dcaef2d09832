"""The background worker: takes queued jobs from the store and extracts them, one at a time.

A thread, not a process pool: extraction is the only work, one job at a time keeps SQLite's
single writer happy, and jobs are rows, so a restart resumes where the last server stopped.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from pathlib import Path, PurePath

from summarise.extract import Extractor
from summarise.llm.config import Settings
from summarise.store import jobs
from summarise.store.ingest import Ingester, _Job
from summarise.store.repo import Store

log = logging.getLogger(__name__)


def safe_stem(label: str) -> str:
    """A tame article key from what the user called the file: its last component, letters,
    digits, dot, dash and underscore only. Used as a key, never as a path to open."""
    name = PurePath(label.replace("\\", "/")).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-.")[:80]
    return stem or "article"


def run_job(store: Store, extractor: Extractor, job: jobs.Job, data: bytes,
            max_bytes: int) -> None:  # fmt: skip
    """Extract one job's bytes into the store and record the outcome on the job."""
    raw = hashlib.sha256(data).hexdigest()
    known = jobs.article_key_for_raw(store, raw)
    if known is not None:
        jobs.finish(store, job.id, "skipped", "the same bytes are already in the store", known)
        return
    # A virtual path: only its name and suffix are read (the bytes are passed in).
    virtual = Path(f"{safe_stem(job.label)}{job.suffix}")
    ingester = Ingester(store, extractor)
    ingester.add(_Job(virtual, data, raw), max_bytes)
    result = ingester.result
    key = jobs.article_key_for_raw(store, raw)
    if result.merged:
        jobs.finish(store, job.id, "merged", "a re-post of a stored article", key)
    elif result.runs:
        run = result.runs[-1]
        jobs.finish(store, job.id, run.outcome.value, run.reason, key)
    else:
        jobs.finish(store, job.id, "skipped", "stored a moment ago by another ingest", key)


class Worker:
    """Runs queued jobs until stopped; `wake()` after a submit skips the idle wait."""

    def __init__(self, store: Store, settings: Settings, max_bytes: int) -> None:
        self.store = store
        self.settings = settings
        self.max_bytes = max_bytes
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="summarise-jobs", daemon=True)
        self._extractor: Extractor | None = None

    def start(self) -> None:
        jobs.requeue_running(self.store)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=30)

    def wake(self) -> None:
        self._wake.set()

    def extractor(self) -> Extractor:
        if self._extractor is None:
            from summarise.extract.factory import make_extractor

            self._extractor = make_extractor(self.settings)
        return self._extractor

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                claimed = jobs.claim(self.store)
            except Exception:
                log.exception("could not read the job queue")
                claimed = None
            if claimed is None:
                self._wake.wait(1.0)
                self._wake.clear()
                continue
            job, data = claimed
            try:
                run_job(self.store, self.extractor(), job, data, self.max_bytes)
            except Exception as e:
                log.exception("job %s failed", job.id)
                jobs.finish(self.store, job.id, "failed", f"{type(e).__name__}: {e}", None)
