"""Opening a store: its URL, the engine, migrations on first use, and one-line errors.

SQLite files run in WAL mode with a busy timeout, and every write transaction starts with
BEGIN IMMEDIATE, so two ingests on one file queue for the write lock instead of failing.
A store that is locked, read-only, corrupt or newer than this code is never overwritten:
the error names it and the command exits 1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from summarise.store.errors import StoreError
from summarise.store.url import ENV_URL, resolve_url

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["ENV_URL", "StoreError", "open_engine", "resolve_url"]

# Seconds a write waits for another process's write lock before the store counts as locked.
ENV_LOCK_TIMEOUT: Final = "SUMMARISE_DB_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT_S: Final = 60.0
MIGRATIONS: Final = Path(__file__).parent / "migrations"
PG_MIGRATION_LOCK: Final = 7_316_011  # pg_advisory_xact_lock key: one migrator at a time
# The newest migration (migrations/versions); a test checks it against Alembic's own head, and
# a store already there opens without loading Alembic at all.
HEAD: Final = "0003"


def display(url: str | URL) -> str:
    """The store as a user would name it: the file for SQLite, the URL without password else."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _lock_timeout() -> float:
    try:
        return float(os.environ.get(ENV_LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT_S))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT_S


def _sqlite_engine(url: URL) -> Engine:
    memory = not url.database or url.database == ":memory:"
    if not memory:
        Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)
    timeout = _lock_timeout()
    engine = create_engine(
        url,
        connect_args={"timeout": timeout, "check_same_thread": False},
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if not memory:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Reads take no write lock, so a brief runs while an ingest writes.
        readonly = conn.get_execution_options().get("readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"store {url}: not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as e:
        raise StoreError(f"store {display(parsed)}: {e}") from None


def explain(where: str, exc: BaseException) -> str:
    """One line saying what is wrong with the store `where`."""
    msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc) else ""
    low = msg.lower()
    if "locked" in low or "lock timeout" in low:
        why = "is locked by another process (try again when it has finished)"
    elif "readonly" in low or "read-only" in low or "read only" in low:
        why = "is read-only"
    elif "not a database" in low or "malformed" in low or "corrupt" in low:
        why = "is corrupt (not a readable SQLite database); it was left as it is"
    elif "unable to open" in low:
        why = "cannot be opened (missing folder or no permission)"
    else:
        why = f"cannot be used: {msg}"
    return f"store {where} {why}"


def _config(conn: Any) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _check_known(where: str, script: ScriptDirectory, current: str | None) -> bool:
    """Whether `current` is this code's head; a revision this code does not know is newer."""
    from alembic.util.exc import CommandError

    if current is None:
        return False
    try:
        script.get_revision(current)
    except CommandError:
        raise StoreError(
            f"store {where} was made by a newer summarise (schema {current}); upgrade summarise"
        ) from None
    return current == script.get_current_head()


def _current(conn: Connection) -> str | None:
    """The store's schema revision; None for a new, empty store."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _at_head(engine: Engine) -> bool:
    """One plain read: is the store at HEAD already? (False when it has no version table.)"""
    with engine.connect().execution_options(readonly=True) as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except SQLAlchemyError as e:
            if "alembic_version" not in str(e):  # not "no such table": a real fault
                raise
            rows = []
        conn.rollback()
    return [r[0] for r in rows] == [HEAD]


def migrate(engine: Engine) -> None:
    """Bring the store to this code's schema; one read, without Alembic, when it is there."""
    where = display(engine.url)
    try:
        if _at_head(engine):
            return
        from alembic import command
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_config(None))
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})"))
            if not _check_known(where, script, _current(conn)):
                command.upgrade(_config(conn), "head")
    except SQLAlchemyError as e:
        raise StoreError(explain(where, e)) from None
    except OSError as e:
        raise StoreError(f"store {where} cannot be opened: {e}") from None


def open_engine(url: str) -> Engine:
    """An engine on a store at this code's schema, or a StoreError naming what is wrong."""
    try:
        engine = make_engine(url)
    except OSError as e:
        raise StoreError(f"store {display(url)} cannot be created: {e}") from None
    migrate(engine)
    return engine
