"""The first store: articles, where they appeared, sketches, summaries, decisions."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("text_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("councils_named", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("added_how", sa.Text, nullable=False),
        sa.Column("removed_at", sa.String(32)),
    )
    op.create_table(
        "appearances",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True
        ),
        sa.Column("raw_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("text", sa.Text),
        sa.Column("similarity", sa.Float),
        sa.Column("cleaner_version", sa.String(64), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sketches",
        sa.Column("hash", sa.BigInteger, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
    )
    op.create_table(
        "summaries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("backend", sa.String(16), nullable=False),
        sa.Column("model_version", sa.String(200), nullable=False),
        sa.Column("prompt_version", sa.String(64), nullable=False),
        sa.Column("schema_version", sa.String(8), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("usage", sa.Text, nullable=False),
        sa.Column("cost_usd", sa.Float),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("scope", sa.String(16)),
        sa.Column("summary", sa.Text),
        sa.UniqueConstraint(
            "article_id",
            "backend",
            "model_version",
            "prompt_version",
            "schema_version",
            "text_sha256",
            name="uq_summary_version",
        ),
    )
    op.create_index("ix_summaries_article", "summaries", ["article_id"])
    op.create_table(
        "summary_councils",
        sa.Column("summary_id", sa.Integer, sa.ForeignKey("summaries.id"), primary_key=True),
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("gss_code", sa.String(16)),
    )
    op.create_index("ix_summary_councils_name", "summary_councils", ["name"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("fact_id", sa.String(200), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text),
    )


def downgrade() -> None:
    for table in (
        "decisions",
        "summary_councils",
        "summaries",
        "sketches",
        "appearances",
        "articles",
    ):
        op.drop_table(table)
