"""Indexes for two reads that scanned a whole table, so both grew with the store.

- summaries.scope: one council's briefing also reads every national summary; that OR made the
  query scan every summary (stepping over each one's JSON), about 28 ms on 10,000 articles;
  with it both halves are index look-ups (0.5 ms).
- sketches.article_id: ingest's re-post check reads the sketches of the articles that share
  hashes with a new one; the primary key starts with the hash, so that read scanned every
  sketch, once per new file.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_summaries_scope", "summaries", ["scope"])
    op.create_index("ix_sketches_article", "sketches", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_sketches_article", table_name="sketches")
    op.drop_index("ix_summaries_scope", table_name="summaries")
