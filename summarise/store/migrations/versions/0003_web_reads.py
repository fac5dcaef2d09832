"""Indexes for two reads of the web app that scanned a whole table on every change.

- articles (removed_at, text_sha256): the app's cache checks, per request, how many articles
  were removed; without an index that read every article's row, text and all, and so did
  listing the live articles' current texts; both now read only this index.
- summaries (created_at, article_id, text_sha256, outcome) where a summary is stored: which
  summary each article shows, read to see what changed after a decision or an ingest, walks
  this index in created_at order instead of scanning the table and sorting all of it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STORED = sa.text("summary IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_articles_removed", "articles", ["removed_at", "text_sha256"])
    op.create_index(
        "ix_summaries_chosen", "summaries",
        ["created_at", "article_id", "text_sha256", "outcome"],
        sqlite_where=STORED, postgresql_where=STORED,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_summaries_chosen", table_name="summaries")
    op.drop_index("ix_articles_removed", table_name="articles")
