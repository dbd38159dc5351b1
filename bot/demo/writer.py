"""Writing generated rows fast: ids chosen here, rows buffered, written a table at a time.

Going through the ORM object by object would spend most of a million-row load in its unit of
work. Instead ids are handed out from the table's current maximum, rows wait in lists, and
every so often all tables are written in foreign-key order (a parent row always goes in before
any row that points at it). SQLite takes each table as one ``executemany`` of values already
converted by the columns' own SQLAlchemy types (a third faster than letting Core convert them
row by row); PostgreSQL takes ``COPY`` through the same connection and transaction (executemany
managed about 10,000 rows/s there, a tenth of COPY). Into an empty database, the secondary
indexes are dropped first and built again at the end, in the same transaction: keeping a
time-ordered index up to date row by row cost more than all the rest of the writing. On
PostgreSQL the id sequences are then moved past the new rows, so the application's own inserts
carry on after them, and the tables are analysed, as autovacuum would soon do anyway.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import JSON, Connection, Index, Table, func, select, text

from bot.store.models import (
    Answer,
    AuditEntry,
    CallRequest,
    CoachAssignment,
    CoachNote,
    ConsentRecord,
    EngagementEvent,
    InviteCode,
    LedgerItem,
    LedgerReview,
    Participant,
    ReflectionSession,
    SafetyFlag,
)

# Parents before children: the order tables are written in at every flush.
ORDER = (
    Participant,
    CoachAssignment,
    ConsentRecord,
    InviteCode,
    ReflectionSession,
    Answer,
    LedgerItem,
    LedgerReview,
    SafetyFlag,
    CallRequest,
    CoachNote,
    EngagementEvent,
    AuditEntry,
)
FLUSH_ROWS = 20_000


@dataclass
class Buffer:
    table: Table
    next_id: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0


class BulkWriter:
    """Hands out ids and writes buffered rows in batches, all inside the caller's connection."""

    def __init__(self, connection: Connection, *, rebuild_indexes: bool = False) -> None:
        self.connection = connection
        self.started = time.perf_counter()
        self._buffers: dict[str, Buffer] = {}
        self._dropped: list[Index] = []
        for model in ORDER:
            table = cast(Table, model.__table__)
            first = 1
            if "id" in table.c:
                first = (connection.scalar(select(func.max(table.c.id))) or 0) + 1
            self._buffers[table.name] = Buffer(table, first)
            if rebuild_indexes:
                for index in sorted(table.indexes, key=lambda index: str(index.name)):
                    if not index.unique:
                        index.drop(connection)
                        self._dropped.append(index)
        self._pending = 0

    def add(self, table: str, row: dict[str, Any]) -> int:
        """Queue ``row`` for ``table``; its id (given one here when the table has an id)."""
        buffer = self._buffers[table]
        row_id = 0
        if "id" in buffer.table.c:
            row_id = row["id"] = buffer.next_id
            buffer.next_id += 1
        buffer.rows.append(row)
        self._pending += 1
        return row_id

    def next_id(self, table: str) -> int:
        """The id the next row queued for ``table`` will get."""
        return self._buffers[table].next_id

    def flush_if_full(self) -> None:
        """Write everything once enough rows are waiting (call between whole participants)."""
        if self._pending >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        dialect = self.connection.dialect.name
        for buffer in self._buffers.values():
            if buffer.rows:
                if dialect == "postgresql":
                    _copy(self.connection, buffer.table, buffer.rows)
                elif dialect == "sqlite":
                    _executemany(self.connection, buffer.table, buffer.rows)
                else:
                    self.connection.execute(buffer.table.insert(), buffer.rows)
                buffer.written += len(buffer.rows)
                buffer.rows = []
        self._pending = 0

    def finish(self) -> dict[str, int]:
        """Write what is left, rebuild indexes, fix PostgreSQL's sequences; rows per table."""
        self.flush()
        for index in self._dropped:
            index.create(self.connection)
        if self.connection.dialect.name == "postgresql":
            tables = [buffer.table for buffer in self._buffers.values()]
            _advance_sequences(self.connection, tables)
            for table in tables:
                self.connection.execute(text(f"ANALYZE {table.name}"))
        return {name: buffer.written for name, buffer in self._buffers.items()}

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def _executemany(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany of values put through each column type's own bind processor."""
    names = list(rows[0])
    dialect = connection.dialect
    pairs = [
        (name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names
    ]
    marks = ", ".join("?" for _ in names)
    values = [
        tuple(row[name] if process is None else process(row[name]) for name, process in pairs)
        for row in rows
    ]
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", values
    )


def _copy(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``COPY ... FROM STDIN`` with psycopg; JSON columns serialised as SQLAlchemy would."""
    names = list(rows[0])
    as_json = {name for name in names if isinstance(table.c[name].type, JSON)}
    columns = ", ".join(names)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(row[name]) if name in as_json else row[name] for name in names]
                )
    finally:
        cursor.close()


def _advance_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    for table in tables:
        if "id" not in table.c:
            continue
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
            ),
            {"table": table.name},
        )
