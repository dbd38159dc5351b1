"""Group commit: turns of many people share one COMMIT, yet each succeeds or fails alone."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from bot.store.database import Database
from bot.store.group_commit import GroupCommitter
from bot.store.models import Participant, ProcessedUpdate
from bot.store.processed_updates import mark_processed

AT = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def add_person(name: str):
    def work(session: Session) -> str:
        session.add(Participant(pseudonym=name, created_at=AT, last_active_at=AT))
        return name

    return work


def people(database: Database) -> set[str]:
    with database.transaction() as session:
        return set(session.scalars(select(Participant.pseudonym)))


def test_waiting_turns_share_a_commit_and_a_failure_stays_alone(database: Database) -> None:
    committer = GroupCommitter(database, writers=1)
    running, gate = threading.Event(), threading.Event()

    def slow(session: Session) -> str:
        running.set()
        gate.wait(5)  # hold the writer so the next turns queue behind it
        return add_person("first")(session)

    def broken(session: Session) -> None:
        add_person("never")(session)
        raise RuntimeError("a bug in one turn")

    futures = [committer.submit(slow)]
    assert running.wait(5)
    futures += [committer.submit(add_person(f"p{n}")) for n in range(5)]
    futures.append(committer.submit(broken))
    futures.append(committer.submit(add_person("last")))
    gate.set()
    results = []
    for future in futures:
        try:
            results.append(future.result(10))
        except RuntimeError as exc:
            results.append(str(exc))
    committer.stop()
    assert results == ["first", "p0", "p1", "p2", "p3", "p4", "a bug in one turn", "last"]
    assert people(database) == {"first", "p0", "p1", "p2", "p3", "p4", "last"}
    # The slow one alone; then the batch with the failure, rolled back and rerun turn by turn:
    # six committed alone, the broken one failing alone.
    assert committer.turns == 7 and committer.batches == 1 + 6


def test_a_failed_commit_reruns_each_turn_alone(database: Database) -> None:
    committer = GroupCommitter(database, writers=1)
    gate = threading.Event()

    def slow(session: Session) -> str:
        gate.wait(5)
        return "held"

    def spoils_the_commit(session: Session) -> str:
        def refuse(_session: Session) -> None:
            raise RuntimeError("commit refused")

        event.listen(session, "before_commit", refuse, once=True)
        session.add(Participant(pseudonym="spoiler", created_at=AT, last_active_at=AT))
        return "spoiler"

    first = committer.submit(slow)
    futures = [committer.submit(add_person("a")), committer.submit(spoils_the_commit)]
    futures.append(committer.submit(add_person("b")))
    gate.set()
    assert first.result(10) == "held"
    assert futures[0].result(10) == "a" and futures[2].result(10) == "b"
    with pytest.raises(RuntimeError, match="commit refused"):
        futures[1].result(10)
    committer.stop()
    assert people(database) == {"a", "b"}


def test_a_redelivered_update_is_recognised_inside_the_same_batch(database: Database) -> None:
    committer = GroupCommitter(database, writers=1)

    def mark(session: Session) -> bool:
        return mark_processed(session=session, transport="telegram", update_key="42", at=AT)

    outcomes = [committer.submit(mark) for _ in range(3)]
    assert [f.result(10) for f in outcomes] == [True, False, False]
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 1
    committer.stop()


def test_several_writers_commit_everything_once(database: Database) -> None:
    # PostgreSQL gets several writers by default; on SQLite more than one would only queue for
    # its single write lock, but must still be correct.
    committer = GroupCommitter(database, writers=3)
    futures = [committer.submit(add_person(f"p{n}")) for n in range(200)]
    marks = [
        committer.submit(
            lambda session, key=key: mark_processed(
                session=session, transport="telegram", update_key=key, at=AT
            )
        )
        for key in ["7", "8", "7", "9", "8", "7"]
    ]
    assert [f.result(30) for f in futures] == [f"p{n}" for n in range(200)]
    assert sorted(f.result(30) for f in marks) == [False, False, False, True, True, True]
    committer.stop()
    assert people(database) == {f"p{n}" for n in range(200)}
    assert committer.turns == 206


def test_writers_by_database(database: Database) -> None:
    expected = 1 if database.engine.dialect.name == "sqlite" else 4
    assert GroupCommitter(database).writers == expected
