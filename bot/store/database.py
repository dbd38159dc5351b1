"""Opening the database and keeping its schema at the Alembic head.

SQLite is tuned for a bot that must not lose an answer: ``busy_timeout`` first (so a second
process waits instead of failing), WAL, ``synchronous=FULL`` (a committed answer survives a power
cut), foreign keys on. Transactions start with ``BEGIN IMMEDIATE`` so two writers queue at the
start instead of deadlocking when one upgrades a read lock.

Within one process, SQLite transactions also queue on a Python lock. SQLite has one writer at a
time anyway, and its busy handler waits by sleeping in growing steps (up to 100 ms), so threads
contending for the write lock leave it idle between them: measured under Telegram load, 45 % of
the bot's time went on those sleeps. A lock hands over at once, in arrival order.

Dashboard pages only read, and run in another process: ``reading()`` gives them transactions
that take no write lock (a plain deferred ``BEGIN`` on SQLite, which in WAL mode never blocks a
writer; ``READ ONLY`` on PostgreSQL), so a coach opening a slow page never holds up the bot.
Each still reads one consistent snapshot, and a write inside one is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from threading import Lock
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
READ_ONLY = "coach_read_only"


class Database:
    """An engine and a session factory; ``transaction()`` is the unit of work."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        readers = self.engine.execution_options(**{READ_ONLY: True, "postgresql_readonly": True})
        self._readers = sessionmaker(readers, expire_on_commit=False)
        self._writer = Lock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together at the end, or not at all."""
        with self._writer or nullcontext(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads: it waits for no writer and holds none up."""
        with self._readers.begin() as session:
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest migration."""
        upgrade(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        _ensure_parent(url)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _ensure_parent(url: str) -> None:
    path = url.split("///", 1)[-1].split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module so BEGIN IMMEDIATE below is ours.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # query_only is a setting of the pooled connection, so it is switched back for the next
    # writer rather than left to chance.
    read_only = bool(connection.get_execution_options().get(READ_ONLY))
    if read_only != connection.info.get(READ_ONLY, False):
        connection.exec_driver_sql(f"PRAGMA query_only = {int(read_only)}")
        connection.info[READ_ONLY] = read_only
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "head")
