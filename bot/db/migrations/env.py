"""Alembic environment: always runs on a connection handed in by bot.db.migrate."""

from __future__ import annotations

from alembic import context

import bot.db.models  # noqa: F401  (registers every table)
from bot.db.models.base import Base

target_metadata = Base.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `copbot db upgrade`")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
