"""What an outbox row was, from its key: in Python for one row, in SQL to count many."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from bot.db.models import OutboxMessage

PER_PARTICIPANT = ":participant:"


def kind_of(key: str) -> str:
    """What a message was, from its key: "reminder:session:3:participant:7" gives
    "reminder:session:3"."""
    head, _, _ = key.partition(PER_PARTICIPANT)
    return head


def kind_column() -> ColumnElement[str]:
    """kind_of(OutboxMessage.key) as SQL, so the database groups and counts per kind."""
    at = _position(OutboxMessage.key, PER_PARTICIPANT)
    return case((at > 0, func.substr(OutboxMessage.key, 1, at - 1)), else_=OutboxMessage.key)


class _position(FunctionElement[int]):
    """Where `needle` starts in `text` (1-based, 0 when absent)."""

    type = Integer()
    inherit_cache = True


@compiles(_position)
def _instr(element: _position, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_position, "postgresql")
def _strpos(element: _position, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"
