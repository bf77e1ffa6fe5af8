"""the organiser's overview: one-time links and browser sessions

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db.models.base

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _table(name: str, *extra: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        *extra,
        sa.Column("created_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(f"ix_{name}_participant_id", name, ["participant_id"])


def upgrade() -> None:
    _table("dashboard_links", sa.Column("used_at", bot.db.models.base.UTCDateTime(timezone=True)))
    _table("dashboard_sessions", sa.Column("csrf", sa.String(length=64), nullable=False))


def downgrade() -> None:
    for name in ("dashboard_sessions", "dashboard_links"):
        op.drop_index(f"ix_{name}_participant_id", table_name=name)
        op.drop_table(name)
