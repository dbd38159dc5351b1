"""Exactly-once delivery: the record of updates a transport has already handled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from bot.store.models import UTCDateTime

# Written out once rather than built per call: this runs on every update, and building and
# caching the equivalent dialect-specific construct cost more than the insert itself. Both
# SQLite (3.35+) and PostgreSQL accept it as it stands.
_MARK = text(
    "INSERT INTO processed_updates (transport, update_key, processed_at) "
    "VALUES (:transport, :update_key, :at) "
    "ON CONFLICT (transport, update_key) DO NOTHING RETURNING update_key"
).bindparams(bindparam("at", type_=UTCDateTime(timezone=True)))


def mark_processed(*, session: Session, transport: str, update_key: str, at: datetime) -> bool:
    """Record the update as handled in the caller's transaction; False if it already was.

    One ``INSERT ... ON CONFLICT DO NOTHING`` under the primary key: a redelivery is found
    before the engine runs, without an exception to recover from, and if the turn is rolled
    back so is this record. On PostgreSQL a concurrent insert of the same key by another
    process waits for that transaction and then counts as already handled. (``RETURNING``
    tells the two apart; psycopg reports no row count for this statement.)
    """
    found = session.connection().execute(
        _MARK, {"transport": transport, "update_key": update_key, "at": at}
    )
    return found.first() is not None
