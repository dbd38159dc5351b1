"""Group commit: many people's turns written by one thread and committed together.

Why: under load the bot's turns queue for the database one at a time (SQLite has one writer;
on both databases the work is CPU-bound in one interpreter). Measured with 1,000 simulated
people, each turn then paid for its own COMMIT (an fsync with ``synchronous=FULL``) and for
handing the interpreter lock back and forth between up to 32 worker threads and the event
loop. Here a single thread takes every turn that is waiting, runs them one after another in
one transaction, and commits them with one COMMIT.

What stays true:

* A turn's result is handed back only after the COMMIT that stores it: nobody is answered for
  work that could still be lost.
* One failing turn (a bug, a lost connection) fails alone: the batch is rolled back and every
  turn of it is run again in a transaction of its own. The same happens when the COMMIT itself
  fails. Turns are safe to run again: they change nothing outside the database until the
  transaction that holds them has committed.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from bot.store.database import Database

T = TypeVar("T")
Work = Callable[[Session], Any]
MAX_BATCH = 64
POSTGRES_WRITERS = 4
log = logging.getLogger(__name__)


class GroupCommitter:
    """``submit(work)`` runs ``work(session)`` on a writer thread; the future resolves once
    that work is committed (or with the exception it raised).

    SQLite has one writer at a time, so it gets one thread. PostgreSQL takes several
    transactions at once, and there a writer spends most of its time waiting for the server's
    answers, so several threads each commit their own batches. The transport sends one
    person's turns one at a time, and each turn locks its participant's row, so no two writers
    ever hold the same person's turns.
    """

    def __init__(
        self, database: Database, *, max_batch: int = MAX_BATCH, writers: int | None = None
    ) -> None:
        self.database = database
        self.max_batch = max_batch
        sqlite = database.engine.dialect.name == "sqlite"
        self.writers = writers or (1 if sqlite else POSTGRES_WRITERS)
        self._queue: queue.SimpleQueue[tuple[Work, Future[Any]] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.batches = 0  # how many COMMITs, for the benchmark's figures
        self.turns = 0

    def submit(self, work: Callable[[Session], T]) -> Future[T]:
        future: Future[T] = Future()
        self._ensure_started()
        self._queue.put((work, future))
        return future

    def stop(self, timeout: float = 30.0) -> None:
        """Finish what was submitted, then end the threads."""
        with self._lock:
            threads, self._threads = self._threads, []
        for _ in threads:
            self._queue.put(None)  # one each: a writer ends on the first it takes
        for thread in threads:
            thread.join(timeout)

    def _ensure_started(self) -> None:
        with self._lock:
            if not self._threads:
                self._threads = [
                    threading.Thread(target=self._run, name=f"group-commit-{n}", daemon=True)
                    for n in range(self.writers)
                ]
                for thread in self._threads:
                    thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            stopping = False
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            batch = [(w, f) for w, f in batch if f.set_running_or_notify_cancel()]
            if batch:
                self._commit(batch)
            if stopping:
                return

    def _commit(self, batch: list[tuple[Work, Future[Any]]]) -> None:
        # No savepoint per turn: they cost about a tenth of the writer's time, and a turn
        # fails only through a bug or a lost connection. When anything in the batch fails,
        # the whole transaction is rolled back and every turn is run again alone, so the
        # failure stays with the turn that caused it.
        try:
            with self.database.transaction() as session:
                values = [work(session) for work, _ in batch]
        except Exception as exc:
            if len(batch) == 1:
                batch[0][1].set_exception(exc)
                return
            log.warning(
                "group commit failed (%s); retrying its turns one by one", type(exc).__name__
            )
            for job in batch:
                self._commit([job])
            return
        with self._lock:
            self.batches += 1
            self.turns += len(batch)
        for (_, future), value in zip(batch, values, strict=True):
            future.set_result(value)
