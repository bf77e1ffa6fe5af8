"""The async engine and session factory, with SQLite tuned for a small always-on bot."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.db.onetrip import OneTripConnection, one_trip, patience

__all__ = ["create_engine", "is_sqlite", "patience", "session_factory"]


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the engine. On SQLite: WAL, a busy timeout and BEGIN IMMEDIATE transactions.

    SQLite ignores FOR UPDATE, so a read-then-write transaction must take the write lock up
    front (BEGIN IMMEDIATE) or two writers can both read the same row and both act on it.
    """
    if not is_sqlite(url):
        kwargs.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **kwargs)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", 30)
    # Statements run on the event loop's thread, a wait for a lock on aiosqlite's (onetrip).
    connect_args.setdefault("check_same_thread", False)
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        one_trip(dbapi_connection)  # statements on the loop's thread unless they must wait
        # Let us emit BEGIN ourselves instead of the driver's deferred BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=0")  # a wait for a lock: on aiosqlite's thread
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A reader that must not take the write lock (the database refuses writes) asks for
        # a deferred BEGIN with the execution option read_only=True.
        immediate = not conn.get_execution_options().get("read_only")
        driver = conn.connection.dbapi_connection
        if isinstance(driver, OneTripConnection):
            try:
                driver.begin(immediate=immediate)
            except sqlite3.Error as error:  # as SQLAlchemy's own statements raise it
                raise DBAPIError.instance("BEGIN", None, error, sqlite3.Error) from error
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # One AsyncSession per task; objects stay readable after commit.
    return async_sessionmaker(engine, expire_on_commit=False)
