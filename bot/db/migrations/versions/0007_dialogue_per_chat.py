"""a dialogue per participant and chat; identities sent in a group's name; outbox edits
and group chats; a name the participant chose

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.db.models.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("anonymous", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # Telegram's anonymous group admins (see bot.platforms.telegram) seen before this version.
    op.execute(
        "UPDATE identities SET anonymous = true"
        " WHERE platform = 'telegram' AND user_id = '1087968824'"
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_chosen", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    op.create_table(
        "dialogues",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_dialogues_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "chat_key", name=op.f("pk_dialogues")),
    )
    # A dialogue in progress continues in the private chat where it most likely started.
    op.execute(
        """
        INSERT INTO dialogues (participant_id, chat_key, name, data, updated_at)
        SELECT d.participant_id,
               COALESCE((SELECT i.platform || ':' || i.dm_chat_id FROM identities i
                         WHERE i.participant_id = d.participant_id AND i.dm_chat_id IS NOT NULL
                         ORDER BY i.last_seen_at DESC LIMIT 1), ''),
               d.name, d.data, d.updated_at
        FROM dialogue_states d
        """
    )
    op.drop_table("dialogue_states")

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edit_of", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("group_users", sa.JSON(), nullable=True))

    # Programme items keep a number of their own (the order they were taken on in),
    # and name the meeting's day they are on.
    with op.batch_alter_table("programme_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("day", sa.Integer(), nullable=False, server_default="1"))
    op.execute("UPDATE programme_items SET number = position")


def downgrade() -> None:
    with op.batch_alter_table("programme_items", schema=None) as batch_op:
        batch_op.drop_column("day")
        batch_op.drop_column("number")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("group_users")
        batch_op.drop_column("edit_of")
    op.create_table(
        "dialogue_states",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", bot.db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_dialogue_states_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_dialogue_states")),
    )
    op.drop_table("dialogues")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("name_chosen")
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.drop_column("anonymous")
