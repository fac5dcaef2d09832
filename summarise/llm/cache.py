"""The result cache: good LLM summaries in SQLite, keyed on what determines them.

Key: sha256 over (cleaned-text sha256, model, prompt_version, schema_version). A re-run over the
same inputs with the same model and prompts is served from here with zero HTTP requests.
Only `ok` summaries are stored, and `get` returns only `ok` rows, so a flagged or failed result
is never served as good. Default location: platformdirs' user cache dir / "summarise" /
results.sqlite3 (Settings.cache_dir). Safe to share between threads.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from summarise.models import ArticleSummary, Outcome

FILENAME = "results.sqlite3"


def cache_key(text_sha256: str, model: str, prompt_version: str, schema_version: str) -> str:
    parts = [text_sha256, model, prompt_version, schema_version]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class ResultCache:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / FILENAME
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False)
        with self._lock, self._conn:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS results ("
                " key TEXT PRIMARY KEY, outcome TEXT NOT NULL, summary TEXT NOT NULL,"
                " model TEXT, prompt_version TEXT, created_at TEXT NOT NULL)"
            )

    def get(self, key: str) -> ArticleSummary | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT summary FROM results WHERE key = ? AND outcome = ?",
                (key, Outcome.ok.value),
            ).fetchone()
        if row is None:
            return None
        try:
            return ArticleSummary.model_validate_json(row[0])
        except ValueError:
            return None  # written by an older, incompatible version: treat as a miss

    def put(self, key: str, summary: ArticleSummary) -> bool:
        """Store a good summary; anything not `ok` is refused (returns False)."""
        if summary.provenance.outcome is not Outcome.ok:
            return False
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key,
                    Outcome.ok.value,
                    summary.model_dump_json(),
                    summary.provenance.model,
                    summary.provenance.prompt_version,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
        return True

    def __len__(self) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT COUNT(*) FROM results").fetchone()
        return int(n)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
