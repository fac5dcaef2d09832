"""What the web app holds between requests: the store, the login throttle, and a cache of what
it built from the whole store (briefings, review counts), kept until the store changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from summarise.brief.consolidate import build_briefings
from summarise.library import Library, library
from summarise.models import CouncilBriefing
from summarise.store.repo import Store
from summarise.store.reviews import fingerprint
from summarise.web.councils import CouncilIndex, Entry
from summarise.web.facts import now_iso
from summarise.web.security import LoginThrottle

T = TypeVar("T")
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024


@dataclass(frozen=True)
class Counts:
    """Facts in an article and how many of them carry a decision in force."""

    reviewed: int
    total: int


@dataclass
class WebState:
    store: Store
    read_needs_login: bool = False
    max_upload: int = DEFAULT_MAX_UPLOAD
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    index: CouncilIndex = field(default_factory=CouncilIndex)
    _cache: dict[str, tuple[tuple[object, ...], Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """`build()`, remembered until an article, summary or decision is added."""
        mark = fingerprint(self.store)
        with self._lock:
            hit = self._cache.get(name)
            if hit is not None and hit[0] == mark:
                return hit[1]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            self._cache[name] = (mark, value)
        return value

    def library(self) -> Library:
        return self.cached("library", lambda: library(self.store))

    def briefings(self) -> list[CouncilBriefing]:
        return self.cached("briefings", lambda: build_briefings(self.library().items, now_iso()))

    def counts(self) -> dict[str, Counts]:
        """Per article key: facts, and facts reviewed (on the article's current text), from the
        index's entries: after a decision only its article is read again."""
        return self.cached("counts", self._counts)

    def _counts(self) -> dict[str, Counts]:
        return {e.key: Counts(e.reviewed, e.total) for e in self.entries()}

    def entries(self) -> list[Entry]:
        """Every live article's index entry, read once per change of the store."""
        return self.cached(
            "entries", lambda: self.index.entries(self.store, fingerprint(self.store))
        )

    def index_rows(self) -> list[dict[str, Any]]:
        """The index's rows (web/councils.py): from the entries, not from every briefing."""
        return self.cached("index", lambda: self.index.rows_of(self.entries()))

    def council_counts(self, briefing: CouncilBriefing) -> Counts:
        counts = self.counts()
        found = [counts[s.id] for s in briefing.sources if s.id in counts]
        return Counts(sum(c.reviewed for c in found), sum(c.total for c in found))
