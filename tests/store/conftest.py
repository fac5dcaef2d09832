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
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


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


def reposts(folder: Path) -> list[Path]:
    """Two re-posted copies of example 001: a new headline line, and an agency footer."""
    original = (EXAMPLES / "001_244405360186b16d.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / "repost_a.txt"
    a.write_text("As published by the Grimsby Telegraph\n\n" + original, encoding="utf-8")
    b = folder / "repost_b.txt"
    b.write_text(original + "\n\nCopyright 2003 Local Newswire. Share this story.\n", "utf-8")
    return [a, b]


def corpus(folder: Path, n: int) -> list[Path]:
    """n distinct articles: the examples with the council names swapped for other authorities."""
    from summarise.gazetteer import all_authorities

    originals = [
        "North East Lincolnshire",
        "NE LINCS",
        "Leicestershire",
        "Gloucestershire",
        "Essex",
    ]
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    names = [a.name for a in all_authorities() if a.gss_code and "," not in a.name]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        for original in originals:
            text = text.replace(original, names[(i // len(texts)) % len(names)])
        path = folder / f"{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
