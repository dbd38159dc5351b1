"""The statements every turn runs, sent straight to the database driver.

Why: under Telegram load the writer thread is the bottleneck, and SQLAlchemy's execution
machinery (execution context, parameter processing, result set-up) cost 40-90 µs a statement
where the driver itself took 8 µs; a turn runs eight of them. So these few statements are
written once in SQL that SQLite and PostgreSQL both accept and run on the transaction's own
DB-API cursor, inside the same transaction as everything else. Everything else keeps going
through SQLAlchemy.

What the column types would do is done here, once, for both databases: aware datetimes are
stored in UTC (SQLite as SQLAlchemy's text format, PostgreSQL as ``timestamptz``), JSON is
serialised as SQLAlchemy serialises it, and SQL-style ``:name`` parameters become psycopg's
``%(name)s``. ``tests/test_driver_sql.py`` reads every row written here back through the ORM, on
both databases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

MARK_PROCESSED = (
    "INSERT INTO processed_updates (transport, update_key, processed_at) "
    "VALUES (:transport, :update_key, :at) "
    "ON CONFLICT (transport, update_key) DO NOTHING RETURNING update_key"
)
LOAD_PERSON = (
    "SELECT p.id, p.cohort_id, p.timezone, s.data FROM participants p "
    "LEFT OUTER JOIN conversation_states s ON s.participant_id = p.id "
    "WHERE p.pseudonym = :pseudonym"
)
FIND_REFLECTION = (
    "SELECT id, flow_id, flow_version, step_id FROM reflection_sessions "
    "WHERE participant_id = :participant_id AND number = :number"
)
START_REFLECTION = (
    "INSERT INTO reflection_sessions (participant_id, number, flow_id, flow_version, step_id, "
    "status, private, started_at, updated_at) VALUES (:participant_id, :number, :flow_id, "
    ":flow_version, :step_id, 'active', :private, :at, :at) RETURNING id"
)
ADD_ANSWERS = (
    "INSERT INTO answers (session_id, step_id, step_kind, text, value, skipped, answered_at) "
    "VALUES (:session_id, :step_id, :step_kind, :text, :value, :skipped, :answered_at)"
)
ADD_EVENTS = (
    "INSERT INTO engagement_events (participant_id, cohort_id, type, flow_id, flow_version, "
    "session_id, step_id, detail, occurred_at) VALUES (:participant_id, :cohort_id, :type, "
    ":flow_id, :flow_version, :session_id, :step_id, :detail, :occurred_at)"
)
ADD_LENS_LABELS = (
    "INSERT INTO lens_labels (session_id, step_id, answer_kind, label, confidence, labelled_at) "
    "VALUES (:session_id, :step_id, :answer_kind, :label, :confidence, :labelled_at)"
)
TOUCH_PARTICIPANT = "UPDATE participants SET last_active_at = :at WHERE id = :participant_id"
SAVE_STATE = (
    "UPDATE conversation_states SET data = :data, updated_at = :at "
    "WHERE participant_id = :participant_id"
)
# The columns a turn may change on its reflection's row (see ``update_reflection``).
REFLECTION_COLUMNS = frozenset({"step_id", "status", "ended_at", "private", "updated_at"})
EVENT_COLUMNS = (
    "participant_id",
    "cohort_id",
    "type",
    "flow_id",
    "flow_version",
    "session_id",
    "step_id",
    "detail",
    "occurred_at",
)
PARAMETER = re.compile(r"(?<![:\w]):(\w+)")
_KEY = "driver_sql"


def driver(session: Session) -> Driver:
    """A driver cursor on the session's connection, made once per connection (a group commit
    runs many turns in one transaction)."""
    connection = session.connection()  # begins the transaction if nothing has yet
    found = session.info.get(_KEY)
    if found is None or found.connection is not connection:
        found = session.info[_KEY] = Driver(connection)
    return found


class Driver:
    """One connection's cursor, with values converted for its database."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.cursor = connection.connection.cursor()
        self._errors = connection.dialect.loaded_dbapi.Error

    def execute(self, sql: str, parameters: Mapping[str, Any]) -> Any:
        statement = _for(sql, postgres=self.postgres)
        try:
            self.cursor.execute(statement, parameters)
        except self._errors as exc:
            raise self._wrapped(statement, parameters, exc) from exc
        return self.cursor

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        statement = _for(sql, postgres=self.postgres)
        try:
            self.cursor.executemany(statement, rows)
        except self._errors as exc:
            raise self._wrapped(statement, rows, exc) from exc

    def _wrapped(self, statement: str, parameters: Any, error: Exception) -> Exception:
        # As SQLAlchemy raises them (IntegrityError, OperationalError, ...), so callers handle
        # one family of errors whichever way a statement was sent.
        return DBAPIError.instance(statement, parameters, error, self._errors)

    def when(self, value: datetime | None) -> Any:
        """A datetime as the column type would store it: UTC, in each database's form."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; pass an aware one")
        value = value.astimezone(UTC)
        if self.postgres:
            return value
        # SQLAlchemy's text form for SQLite, so rows written here read back like any other.
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")

    @staticmethod
    def json(value: Any) -> str:
        # As SQLAlchemy's JSON type writes it: None becomes the JSON null, not SQL NULL.
        return json.dumps(value)

    @staticmethod
    def read_json(value: Any) -> Any:
        """A JSON column's value: PostgreSQL's driver has parsed it already, SQLite's has not."""
        return json.loads(value) if isinstance(value, str | bytes) else value


def mark_processed(driver: Driver, *, transport: str, update_key: str, at: datetime) -> bool:
    found = driver.execute(
        MARK_PROCESSED, {"transport": transport, "update_key": update_key, "at": driver.when(at)}
    ).fetchone()
    return found is not None


def load_person(
    driver: Driver, *, pseudonym: str
) -> tuple[int, int | None, str | None, Any] | None:
    """(id, cohort id, time zone, state data or None) for the pseudonym; the participant's
    row locked for this transaction on PostgreSQL. None when no such person."""
    sql = LOAD_PERSON + (" FOR UPDATE OF p" if driver.postgres else "")
    found = driver.execute(sql, {"pseudonym": pseudonym}).fetchone()
    if found is None:
        return None
    person_id, cohort_id, timezone, data = found
    return person_id, cohort_id, timezone, None if data is None else driver.read_json(data)


def start_reflection(
    driver: Driver,
    *,
    participant_id: int,
    number: int,
    flow_id: str,
    flow_version: int,
    step_id: str,
    at: datetime,
) -> int:
    """A new active reflection; its id."""
    found = driver.execute(
        START_REFLECTION,
        {
            "participant_id": participant_id,
            "number": number,
            "flow_id": flow_id,
            "flow_version": flow_version,
            "step_id": step_id,
            "private": False,
            "at": driver.when(at),
        },
    ).fetchone()
    return int(found[0])


def find_reflection(
    driver: Driver, *, participant_id: int, number: int
) -> tuple[int, str, int, str] | None:
    found = driver.execute(
        FIND_REFLECTION, {"participant_id": participant_id, "number": number}
    ).fetchone()
    return None if found is None else (found[0], found[1], found[2], found[3])


def update_reflection(driver: Driver, *, row_id: int, values: Mapping[str, Any]) -> None:
    unknown = set(values) - REFLECTION_COLUMNS
    if unknown:
        raise ValueError(f"not a column a turn changes: {sorted(unknown)}")
    names = sorted(values)
    sql = (
        "UPDATE reflection_sessions SET "
        + ", ".join(f"{name} = :{name}" for name in names)
        + " WHERE id = :row_id"
    )
    parameters = {
        name: driver.when(value) if isinstance(value, datetime) else value
        for name, value in values.items()
    }
    driver.execute(sql, {**parameters, "row_id": row_id})


def add_answers(driver: Driver, rows: Sequence[Mapping[str, Any]]) -> None:
    driver.execute_many(
        ADD_ANSWERS,
        [
            {
                **row,
                "value": driver.json(row["value"]),
                "answered_at": driver.when(row["answered_at"]),
            }
            for row in rows
        ],
    )


def add_events(driver: Driver, rows: Sequence[Mapping[str, Any]]) -> None:
    driver.execute_many(
        ADD_EVENTS,
        [
            {
                **{name: row.get(name) for name in EVENT_COLUMNS},
                "occurred_at": driver.when(row["occurred_at"]),
            }
            for row in rows
        ],
    )


def add_lens_labels(driver: Driver, rows: Sequence[Mapping[str, Any]]) -> None:
    driver.execute_many(
        ADD_LENS_LABELS,
        [{**row, "labelled_at": driver.when(row["labelled_at"])} for row in rows],
    )


def touch_participant(driver: Driver, *, participant_id: int, at: datetime) -> None:
    driver.execute(TOUCH_PARTICIPANT, {"participant_id": participant_id, "at": driver.when(at)})


def save_state(driver: Driver, *, participant_id: int, data: Any, at: datetime) -> bool:
    """Replace the person's state; False when they have no state row yet."""
    cursor = driver.execute(
        SAVE_STATE,
        {"participant_id": participant_id, "data": driver.json(data), "at": driver.when(at)},
    )
    return bool(cursor.rowcount)


@cache
def _for(sql: str, *, postgres: bool) -> str:
    """``:name`` parameters as the driver wants them (sqlite3 takes them as they are)."""
    return PARAMETER.sub(r"%(\1)s", sql) if postgres else sql
