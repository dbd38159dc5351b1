"""Exactly-once delivery: the record of updates a transport has already handled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.store import driver_sql


def mark_processed(*, session: Session, transport: str, update_key: str, at: datetime) -> bool:
    """Record the update as handled in the caller's transaction; False if it already was.

    One ``INSERT ... ON CONFLICT DO NOTHING`` under the primary key: a redelivery is found
    before the engine runs, without an exception to recover from, and if the turn is rolled
    back so is this record. On PostgreSQL a concurrent insert of the same key by another
    process waits for that transaction and then counts as already handled. (``RETURNING``
    tells the two apart; psycopg reports no row count for this statement.) It runs on every
    update, so it goes straight to the driver (see ``bot.store.driver_sql``).
    """
    return driver_sql.mark_processed(
        driver_sql.driver(session), transport=transport, update_key=update_key, at=at
    )
