"""inbox: incoming updates stored before they are acknowledged

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db.models.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("update_key", sa.String(length=128), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("received_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox")),
        sa.UniqueConstraint("platform", "update_key", name=op.f("uq_inbox_platform")),
    )
    op.create_index(op.f("ix_inbox_status"), "inbox", ["status"], unique=False)
    op.create_index(op.f("ix_inbox_received_at"), "inbox", ["received_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_inbox_received_at"), table_name="inbox")
    op.drop_index(op.f("ix_inbox_status"), table_name="inbox")
    op.drop_table("inbox")
