"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from SUMMARISE_TEST_POSTGRES_URL (`.ci/run` starts a throwaway server and sets
it); each test gets a fresh database on it. Without it the PostgreSQL cases skip with a message,
except under CI=true, where they fail: a CI that cannot reach its server must not pass.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "SUMMARISE_TEST_POSTGRES_URL"


def _postgres_url() -> Iterator[str]:
    admin = os.environ.get(PG_ENV)
    if not admin:
        message = (
            f"no PostgreSQL server: set {PG_ENV} (e.g. postgresql://test@127.0.0.1:5433/postgres)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    name = f"summarise_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(make_url(admin).set(drivername="postgresql+psycopg"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store's URL on each database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        yield from _postgres_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture(autouse=True)
def _no_ambient_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the user's own store or read a summarise.toml from the working folder."""
    monkeypatch.delenv("SUMMARISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("SUMMARISE_BACKEND", "offline")
    monkeypatch.chdir(tmp_path)
