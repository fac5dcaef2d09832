from __future__ import annotations

import threading
from pathlib import Path

from summarise.llm.cache import ResultCache, cache_key
from summarise.models import ArticleSummary, Outcome, Provenance, Scope, Source


def summary(outcome: Outcome = Outcome.ok) -> ArticleSummary:
    return ArticleSummary(
        source=Source(path="a.txt", sha256="0" * 64),
        scope=Scope.council,
        summary="A summary.",
        provenance=Provenance(backend="llm", model="m", prompt_version="p-1", outcome=outcome),
    )


def test_key_depends_on_text_model_prompt_and_schema() -> None:
    base = cache_key("sha", "m", "p-1", "1.0")
    assert base == cache_key("sha", "m", "p-1", "1.0")
    others = {
        cache_key("sha2", "m", "p-1", "1.0"),
        cache_key("sha", "m2", "p-1", "1.0"),
        cache_key("sha", "m", "p-2", "1.0"),
        cache_key("sha", "m", "p-1", "1.1"),
    }
    assert base not in others and len(others) == 4


def test_round_trip_and_persistence(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    assert cache.get("k") is None
    assert cache.put("k", summary())
    assert cache.get("k") == summary()
    cache.close()
    assert ResultCache(tmp_path).get("k") == summary()  # survives a new process


def test_flagged_and_failed_are_never_stored_or_served(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    assert not cache.put("f", summary(Outcome.flagged))
    assert not cache.put("x", summary(Outcome.failed))
    assert cache.get("f") is None and cache.get("x") is None and len(cache) == 0
    # even a row written behind our back as flagged is not served
    with cache._conn:
        cache._conn.execute(
            "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?)",
            ("g", "flagged", summary(Outcome.flagged).model_dump_json(), "m", "p", "now"),
        )
    assert cache.get("g") is None


def test_corrupt_row_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    with cache._conn:
        cache._conn.execute("INSERT INTO results VALUES ('k', 'ok', '{not json', 'm', 'p', 'now')")
    assert cache.get("k") is None


def test_threads_share_one_cache(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)

    def work(i: int) -> None:
        for j in range(20):
            cache.put(f"{i}-{j}", summary())
            assert cache.get(f"{i}-{j}") is not None

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 120
