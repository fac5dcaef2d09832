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


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS results ("
    " key TEXT PRIMARY KEY, outcome TEXT NOT NULL, summary TEXT NOT NULL,"
    " model TEXT, prompt_version TEXT, created_at TEXT NOT NULL)"
)


def _move_aside(path: Path) -> Path:
    """Rename a damaged cache (file or whatever sits where the folder should be) out of the way."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(aside)
    return aside


class ResultCache:
    """The cache heals itself: one that cannot be opened or read is moved aside (named in one
    line in `warnings`) and rebuilt, and a bad entry is a miss. It never fails a run; at worst
    it turns itself off (`disabled`) and says why."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILENAME
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        try:
            self._conn = self._open(directory)
        except (OSError, sqlite3.Error) as exc:
            self.warnings.append(f"result cache {self.path} is off for this run: {exc}")

    @property
    def disabled(self) -> bool:
        return self._conn is None

    def _open(self, directory: Path) -> sqlite3.Connection:
        if directory.exists() and not directory.is_dir():
            aside = _move_aside(directory)
            self.warnings.append(
                f"result cache folder {directory} was not a folder; moved it to {aside}"
            )
        directory.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            aside = _move_aside(self.path)
            self.warnings.append(
                f"result cache {self.path} could not be read ({exc}); moved it to {aside} and "
                "started a new one"
            )
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False)
        try:
            with conn:
                conn.execute(_SCHEMA)
            (status,) = conn.execute("PRAGMA quick_check").fetchone()
            if status != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {status}")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def get(self, key: str) -> ArticleSummary | None:
        """The stored good summary, or None: missing, unreadable and stale entries are misses."""
        if self._conn is None:
            return None
        try:
            with self._lock:
                row = self._conn.execute(
                    "SELECT summary FROM results WHERE key = ? AND outcome = ?",
                    (key, Outcome.ok.value),
                ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            return ArticleSummary.model_validate_json(row[0])
        except ValueError:
            return None  # written by an older, incompatible version: treat as a miss

    def put(self, key: str, summary: ArticleSummary) -> bool:
        """Store a good summary; anything not `ok`, or a write the database refuses, is not
        stored (returns False): a cache that cannot take an entry must not fail the article."""
        if summary.provenance.outcome is not Outcome.ok or self._conn is None:
            return False
        row = (
            key,
            Outcome.ok.value,
            summary.model_dump_json(),
            summary.provenance.model,
            summary.provenance.prompt_version,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
        try:
            with self._lock, self._conn:
                self._conn.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)", row)
        except sqlite3.Error:
            return False
        return True

    def __len__(self) -> int:
        if self._conn is None:
            return 0
        with self._lock:
            (n,) = self._conn.execute("SELECT COUNT(*) FROM results").fetchone()
        return int(n)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
