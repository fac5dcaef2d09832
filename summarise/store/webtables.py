"""Tables the web app adds beside the store's own: accounts, background jobs, what the index
shows of each article, and the session key.

They live in their own MetaData and are created on first use by `ensure`, so the store's
Alembic chain (owned by the store's migrations) stays as it is; both are plain additions
that an older summarise ignores.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

web_metadata = MetaData()

users = Table(
    "web_users",
    web_metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("admin", Boolean, nullable=False, default=False),
    Column("created_at", String(32), nullable=False),
)

# An upload or a pasted text waiting for extraction: rows, so a restart finds them again.
jobs = Table(
    "web_jobs",
    web_metadata,
    Column("id", Integer, primary_key=True),
    Column("status", String(16), nullable=False, index=True),  # pending|running|done
    Column("label", Text, nullable=False),  # what the user called it; never used as a path
    Column("suffix", String(8), nullable=False),
    Column("source_url", Text),
    Column("data", LargeBinary, nullable=False),
    Column("submitted_by", String(100), nullable=False),
    Column("submitted_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("outcome", String(16)),  # ok|flagged|failed|merged|skipped
    Column("reason", Text),
    Column("article_key", String(200)),
)

# What the index shows of one article (its reviewed summary's councils, judgements, dates and
# review counts, as JSON), derived by the web app and kept with a stamp of everything it was
# derived from; a row whose stamp no longer matches the store is derived again. A cache: it can
# be emptied at any time.
index_entries = Table(
    "web_index_entries",
    web_metadata,
    Column("article_id", Integer, primary_key=True),
    Column("stamp", Text, nullable=False),
    Column("entry", Text, nullable=False),
)

# Values the app keeps for itself, by name: the key that signs session cookies, so sessions
# outlive a restart and every process serving the store accepts them.
settings = Table(
    "web_settings",
    web_metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


def ensure(engine: Engine) -> None:
    """Create the web tables when missing (idempotent)."""
    web_metadata.create_all(engine, checkfirst=True)
