"""programme items with an end, a room and a guest speaker; per-participant calendar feeds

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db.models.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programme_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("end_time", sa.String(20), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("room", sa.String(100), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("speaker", sa.String(100), nullable=False, server_default="")
        )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("programme_announced_at", bot.db.models.base.UTCDateTime(timezone=True))
        )
    op.create_table(
        "calendar_feeds",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("created_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("participant_id"),
        sa.UniqueConstraint("token"),
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("programme_announced_at")
    with op.batch_alter_table("programme_items", schema=None) as batch_op:
        batch_op.drop_column("speaker")
        batch_op.drop_column("room")
        batch_op.drop_column("end_time")
