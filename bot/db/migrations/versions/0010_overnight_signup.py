"""overnight sign-up: parts, dietary needs, notes, waiting list; rooms and deadline per meeting

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db.models.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rsvp_deadline", bot.db.models.base.UTCDateTime(timezone=True))
        )
        batch_op.add_column(sa.Column("rooms", sa.Integer(), nullable=True))
    with op.batch_alter_table("rsvps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parts", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("diets", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("diet_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("waiting_since", bot.db.models.base.UTCDateTime(timezone=True))
        )


def downgrade() -> None:
    with op.batch_alter_table("rsvps", schema=None) as batch_op:
        batch_op.drop_column("waiting_since")
        batch_op.drop_column("note")
        batch_op.drop_column("diet_note")
        batch_op.drop_column("diets")
        batch_op.drop_column("parts")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("rooms")
        batch_op.drop_column("rsvp_deadline")
