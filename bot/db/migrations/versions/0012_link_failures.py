"""wrong /koppel codes, counted per participant

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db.models.base

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("failed_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_link_failures_participant_id", "link_failures", ["participant_id"])


def downgrade() -> None:
    op.drop_index("ix_link_failures_participant_id", table_name="link_failures")
    op.drop_table("link_failures")
