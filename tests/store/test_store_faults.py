"""Faults: locked, read-only, corrupt and newer stores; a killed ingest; two ingests at once.

The kill and the concurrent runs use real processes on a real SQLite file.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, select, text
from store_helpers import EXAMPLES, corpus
from typer.testing import CliRunner

from summarise.cli import app
from summarise.store.engine import ENV_LOCK_TIMEOUT
from summarise.store.repo import Store
from summarise.store.tables import appearances, articles, metadata, summaries

runner = CliRunner()


def ingest(url: str, *paths: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", url])
    return result.exit_code, result.stdout, result.stderr


def counts(url: str) -> tuple[int, int, int]:
    """(articles, places, summaries) in the store."""
    engine = create_engine(url)
    with engine.connect() as conn:
        got = tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (articles, appearances, summaries)
        )
    engine.dispose()
    return got  # type: ignore[return-value]


def test_migrations_make_exactly_the_tables_the_code_uses(store_url: str) -> None:
    store = Store(store_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    store.close()
    assert diff == []


def test_a_locked_store_is_one_line_and_exit_1(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ingest(sqlite_url, EXAMPLES / "000_d3f0b9fec1a3d49c.txt")[0] == 0
    path = sqlite_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setenv(ENV_LOCK_TIMEOUT, "0.2")
    try:
        code, _, err = ingest(sqlite_url, EXAMPLES)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert (
        err.strip()
        == f"error: store {path} is locked by another process (try again when it has finished)"
    )
    assert counts(sqlite_url)[0] == 1


def test_a_read_only_store_is_one_line_and_exit_1(sqlite_url: str) -> None:
    assert ingest(sqlite_url, EXAMPLES / "000_d3f0b9fec1a3d49c.txt")[0] == 0
    path = sqlite_url.removeprefix("sqlite:///")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    code, _, err = ingest(read_only, EXAMPLES)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "is read-only" in err and path in err


def test_a_corrupt_store_is_named_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    junk = b"these bytes are not a SQLite database\n" * 200
    path.write_bytes(junk)
    code, _, err = ingest(f"sqlite:///{path}", EXAMPLES)
    assert code == 1
    assert err.strip() == (
        f"error: store {path} is corrupt (not a readable SQLite database); it was left as it is"
    )
    assert path.read_bytes() == junk


def test_a_store_from_a_newer_summarise_is_refused(sqlite_url: str) -> None:
    assert ingest(sqlite_url, EXAMPLES / "000_d3f0b9fec1a3d49c.txt")[0] == 0
    engine = create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    before = Path(path).read_bytes()
    for args in (["ingest", str(EXAMPLES)], ["brief", "--council", "Essex"], ["councils"]):
        result = runner.invoke(app, [*args, "--db", sqlite_url])
        assert result.exit_code == 1
        assert result.stderr.strip() == (
            f"error: store {path} was made by a newer summarise (schema 9999_future); "
            "upgrade summarise"
        )
    assert Path(path).read_bytes() == before


def _spawn(url: str, folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SUMMARISE_BACKEND": "offline"}
    code = "from summarise.cli import app; app()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "ingest", str(folder), "--db", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_articles(url: str, at_least: int, proc: subprocess.Popen[bytes]) -> None:
    path = url.removeprefix("sqlite:///")
    for _ in range(600):
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {proc.communicate()}")
        if Path(path).exists():
            try:
                with sqlite3.connect(path, timeout=5) as conn:
                    (n,) = conn.execute("SELECT count(*) FROM articles").fetchone()
                if n >= at_least:
                    return
            except sqlite3.OperationalError:
                pass  # tables not made yet
        time.sleep(0.05)
    pytest.fail("ingest made no progress")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_ingest_killed_mid_run_leaves_a_store_that_a_second_run_finishes(
    sig: signal.Signals, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    corpus(folder, 80)
    reference = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    assert ingest(reference, folder)[0] == 0
    url = f"sqlite:///{tmp_path / 'killed.sqlite'}"
    proc = _spawn(url, folder)
    _wait_for_articles(url, 5, proc)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    partial = counts(url)
    assert partial[0] < counts(reference)[0], "the kill came too late to test anything"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    code, _, err = ingest(url, folder)
    assert code == 0, err
    assert counts(url) == counts(reference)


def test_two_ingests_at_once_on_one_sqlite_file_both_finish(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus(folder, 60)
    reference = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    assert ingest(reference, folder)[0] == 0
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    procs = [_spawn(url, folder), _spawn(url, folder)]
    outcomes = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outcomes
    assert counts(url) == counts(reference)


def test_the_fast_open_path_knows_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from summarise.store.engine import HEAD, MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD
