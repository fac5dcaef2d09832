from __future__ import annotations

import threading
from pathlib import Path

from summarise.llm.cache import FILENAME, ResultCache, cache_key
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


# --- issue 10, item 2: the cache heals itself -----------------------------------------------


def test_random_bytes_are_moved_aside_and_the_cache_rebuilt(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 64
    (tmp_path / FILENAME).write_bytes(junk)
    cache = ResultCache(tmp_path)
    assert not cache.disabled and len(cache.warnings) == 1
    assert str(tmp_path / FILENAME) in cache.warnings[0] and "moved it to" in cache.warnings[0]
    (aside,) = tmp_path.glob(f"{FILENAME}.damaged-*")
    assert aside.read_bytes() == junk  # kept for inspection, not deleted
    assert cache.put("k", summary()) and cache.get("k") == summary()


def test_damaged_pages_are_a_miss_or_a_rebuild_never_a_failure(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    for i in range(300):
        cache.put(f"k{i}", summary())
    cache.close()
    data = bytearray((tmp_path / FILENAME).read_bytes())
    assert len(data) > 40_000
    data[8192:32768] = b"\xa5" * (32768 - 8192)  # wreck pages past the header
    (tmp_path / FILENAME).write_bytes(bytes(data))
    healed = ResultCache(tmp_path)
    assert healed.warnings and "could not be read" in healed.warnings[0]
    for i in range(300):
        healed.get(f"k{i}")  # a miss at worst; never raises
    assert healed.put("new", summary()) and healed.get("new") == summary()


def test_a_bad_entry_after_opening_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("k", summary())
    assert cache._conn is not None
    cache._conn.close()  # the database goes away under a running cache
    assert cache.get("k") is None and not cache.put("k2", summary())


def test_a_cache_folder_that_is_a_file_is_moved_aside(tmp_path: Path) -> None:
    folder = tmp_path / "summarise"
    folder.write_text("not a folder")
    cache = ResultCache(folder)
    assert not cache.disabled and folder.is_dir()
    assert len(cache.warnings) == 1 and str(folder) in cache.warnings[0]
    assert cache.put("k", summary()) and cache.get("k") == summary()


def test_a_cache_that_cannot_be_made_is_off_with_one_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResultCache(blocker / "deeper" / "summarise")  # a file where a parent should be
    assert cache.disabled and len(cache.warnings) == 1 and "is off" in cache.warnings[0]
    assert cache.get("k") is None and not cache.put("k", summary()) and len(cache) == 0
