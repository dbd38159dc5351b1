"""Read-only transactions for the dashboard: they hold up no writer and refuse to write."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError

from bot.store.database import Database
from bot.store.models import Programme

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def _programmes(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Programme)) or 0)


def test_a_write_inside_a_reading_is_refused_and_the_next_writer_is_not(
    database: Database,
) -> None:
    with pytest.raises(DBAPIError), database.reading() as session:
        session.execute(insert(Programme).values(name="Refused", created_at=NOW))
    # The same pooled connection, handed to a writer next, writes as before.
    with database.transaction() as session:
        session.execute(insert(Programme).values(name="Written", created_at=NOW))
    assert _programmes(database) == 1


def test_an_open_reading_does_not_hold_the_sqlite_write_lock(tmp_path) -> None:
    path = tmp_path / "coach.db"
    database = Database(f"sqlite:///{path}")
    database.migrate()
    # The bot's process, with no patience at all: it fails at once if anyone holds the lock.
    bot = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with database.reading() as session:
            assert session.scalar(select(func.count()).select_from(Programme)) == 0
            bot.execute("BEGIN IMMEDIATE")
            bot.execute("INSERT INTO programmes (name, created_at) VALUES ('During', '2026-11-29')")
            bot.execute("COMMIT")
            # Still the snapshot the page started with.
            assert session.scalar(select(func.count()).select_from(Programme)) == 0
        assert _programmes(database) == 1
        with database.transaction() as session:  # a writer's transaction does hold it
            session.execute(select(1))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                bot.execute("BEGIN IMMEDIATE")
    finally:
        bot.close()
        database.dispose()
