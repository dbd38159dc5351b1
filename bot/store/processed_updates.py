"""Exactly-once delivery: the record of updates a transport has already handled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store.models import ProcessedUpdate


def mark_processed(*, session: Session, transport: str, update_key: str, at: datetime) -> bool:
    """Record the update as handled in the caller's transaction; False if it already was.

    One ``INSERT ... ON CONFLICT DO NOTHING`` under the primary key: a redelivery is found
    before the engine runs, without an exception to recover from, and if the turn is rolled
    back so is this record. On PostgreSQL a concurrent insert of the same key by another
    process waits for that transaction and then counts as already handled.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(ProcessedUpdate)
        .values(transport=transport, update_key=update_key, processed_at=at)
        .on_conflict_do_nothing(index_elements=["transport", "update_key"])
        .returning(ProcessedUpdate.update_key)  # rowcount is -1 here with psycopg 3
    )
    return session.connection().execute(statement).first() is not None
