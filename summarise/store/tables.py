"""The store's tables (SQLAlchemy Core). Alembic migrations create them; this is their shape.

An article is one story: its cleaned text, and every place it appeared (`appearances`: each
input file by the sha256 of its raw bytes). A re-posted copy is another appearance of the same
article. Summaries are kept per (backend, model or rules version, prompt version, schema
version, cleaned text) with their run record; reviewers' decisions are append-only.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("text_sha256", String(64), nullable=False, index=True),
    Column("text", Text, nullable=False),
    # The councils the text names (gazetteer), "|"-joined: re-posts must name the same ones.
    Column("councils_named", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("added_at", String(32), nullable=False),
    Column("added_how", Text, nullable=False),
    Column("removed_at", String(32)),
)
# The web app's cache counts removed articles on every request (migration 0003).
Index("ix_articles_removed", articles.c.removed_at, articles.c.text_sha256)

appearances = Table(
    "appearances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("raw_sha256", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", String(10)),
    # This copy's own cleaned text when it differs from the article's, so unmerge can split it.
    Column("text", Text),
    Column("similarity", Float),
    Column("cleaner_version", String(64), nullable=False),
    Column("added_at", String(32), nullable=False),
)

# A bottom-k MinHash sketch of each article's word shingles: candidates for near-duplicates.
sketches = Table(
    "sketches",
    metadata,
    Column("hash", BigInteger, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
)
# The re-post check reads a candidate's whole sketch by article (migration 0002).
Index("ix_sketches_article", sketches.c.article_id)

summaries = Table(
    "summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("backend", String(16), nullable=False),
    Column("model_version", String(200), nullable=False),
    Column("prompt_version", String(64), nullable=False),
    Column("schema_version", String(8), nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("outcome", String(8), nullable=False),
    Column("reason", Text),
    Column("attempts", Integer, nullable=False),
    Column("usage", Text, nullable=False),
    Column("cost_usd", Float),
    Column("created_at", String(32), nullable=False),
    Column("scope", String(16)),
    Column("summary", Text),
    UniqueConstraint(
        "article_id",
        "backend",
        "model_version",
        "prompt_version",
        "schema_version",
        "text_sha256",
        name="uq_summary_version",
    ),
)
Index("ix_summaries_article", summaries.c.article_id)
# A council's briefing reads its own summaries and every national one (migration 0002).
Index("ix_summaries_scope", summaries.c.scope)
# Which summary each article shows, read from the index alone, in order (migration 0003).
Index(
    "ix_summaries_chosen",
    summaries.c.created_at, summaries.c.article_id, summaries.c.text_sha256, summaries.c.outcome,
    sqlite_where=text("summary IS NOT NULL"), postgresql_where=text("summary IS NOT NULL"),
)  # fmt: skip

# The councils each summary reports on, so one council's briefing reads only its own sources.
summary_councils = Table(
    "summary_councils",
    metadata,
    Column("summary_id", Integer, ForeignKey("summaries.id"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("gss_code", String(16)),
)
Index("ix_summary_councils_name", summary_councils.c.name)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_sha256", String(64), nullable=False, index=True),
    Column("fact_id", String(200), nullable=False),
    Column("action", String(8), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("reviewer", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("reason", Text),
)
