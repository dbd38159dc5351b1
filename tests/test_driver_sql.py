"""Rows written straight to the driver read back through the ORM exactly as if it wrote them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.store import driver_sql
from bot.store.database import Database
from bot.store.models import (
    Answer,
    ConversationStateRow,
    EngagementEvent,
    Participant,
    ProcessedUpdate,
    ReflectionSession,
)
from bot.store.participants import join

# Not UTC on purpose: what is stored must be the same instant, in UTC.
AT = datetime(2026, 11, 29, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30)))
LATER = AT + timedelta(minutes=3)


def test_a_turns_rows_read_back_through_the_orm(database: Database) -> None:
    state = {"active": {"number": 1, "step_id": "wanted"}, "note": "quotes \" and ' and ü 🙂"}
    with database.transaction() as session:
        person = join(session=session, pseudonym="p" * 64, at=AT)
        session.add(ConversationStateRow(participant_id=person.id, data={}, updated_at=AT))
        session.flush()
        driver = driver_sql.driver(session)
        assert driver_sql.mark_processed(driver, transport="telegram", update_key="7", at=AT)
        assert not driver_sql.mark_processed(driver, transport="telegram", update_key="7", at=AT)
        row_id = driver_sql.start_reflection(
            driver,
            participant_id=person.id,
            number=1,
            flow_id="defensive-reasoning",
            flow_version=2,
            step_id="situation",
            at=AT,
        )
        assert driver_sql.find_reflection(driver, participant_id=person.id, number=1) == (
            row_id,
            "defensive-reasoning",
            2,
            "situation",
        )
        assert driver_sql.find_reflection(driver, participant_id=person.id, number=2) is None
        driver_sql.update_reflection(
            driver,
            row_id=row_id,
            values={"step_id": "wanted", "status": "completed", "ended_at": LATER, "private": True},
        )
        answer = {
            "session_id": row_id,
            "step_id": "situation",
            "step_kind": "question",
            "answered_at": LATER,
        }
        driver_sql.add_answers(
            driver,
            [
                {**answer, "text": "[PERSON 1] said", "value": None, "skipped": False},
                {**answer, "text": None, "value": {"n": 3}, "skipped": True},
            ],
        )
        driver_sql.add_answers(driver, [])
        driver_sql.add_events(
            driver,
            [{"participant_id": person.id, "type": "step_answered", "occurred_at": LATER}],
        )
        driver_sql.touch_participant(driver, participant_id=person.id, at=LATER)
        assert driver_sql.save_state(driver, participant_id=person.id, data=state, at=LATER)
        assert not driver_sql.save_state(driver, participant_id=person.id + 1, data={}, at=AT)
        loaded = driver_sql.load_person(driver, pseudonym="p" * 64)
        assert loaded == (person.id, None, "Europe/London", state)
        assert driver_sql.load_person(driver, pseudonym="q" * 64) is None

    utc_at, utc_later = AT.astimezone(UTC), LATER.astimezone(UTC)
    with database.transaction() as session:
        update = session.scalars(select(ProcessedUpdate)).one()
        assert (update.update_key, update.processed_at) == ("7", utc_at)
        reflection = session.get(ReflectionSession, row_id)
        assert reflection is not None
        assert (reflection.step_id, reflection.status, reflection.private) == (
            "wanted",
            "completed",
            True,
        )
        assert (reflection.started_at, reflection.updated_at, reflection.ended_at) == (
            utc_at,
            utc_at,
            utc_later,
        )
        answers = session.scalars(select(Answer).order_by(Answer.id)).all()
        assert [(a.text, a.value, a.skipped, a.answered_at) for a in answers] == [
            ("[PERSON 1] said", None, False, utc_later),
            (None, {"n": 3}, True, utc_later),
        ]
        events = session.scalars(select(EngagementEvent).order_by(EngagementEvent.id)).all()
        assert [(e.type, e.occurred_at) for e in events] == [
            ("participant_joined", utc_at),
            ("step_answered", utc_later),
        ]
        participant = session.get(Participant, person.id)
        assert participant is not None and participant.last_active_at == utc_later
        stored = session.get(ConversationStateRow, person.id)
        assert stored is not None and (stored.data, stored.updated_at) == (state, utc_later)


def test_driver_errors_arrive_as_sqlalchemy_errors(database: Database) -> None:
    with pytest.raises(IntegrityError), database.transaction() as session:
        person = join(session=session, pseudonym="p" * 64, at=AT)
        driver = driver_sql.driver(session)
        for _ in range(2):  # the same reflection number twice breaks a unique constraint
            driver_sql.start_reflection(
                driver,
                participant_id=person.id,
                number=1,
                flow_id="check-in",
                flow_version=1,
                step_id="first",
                at=AT,
            )
    with database.transaction() as session:  # and the transaction was rolled back whole
        assert session.scalars(select(Participant)).all() == []


def test_naive_datetimes_and_unknown_columns_are_refused(database: Database) -> None:
    with database.transaction() as session:
        driver = driver_sql.driver(session)
        with pytest.raises(ValueError, match="naive"):
            driver_sql.touch_participant(driver, participant_id=1, at=datetime(2026, 1, 1))
        with pytest.raises(ValueError, match="not a column"):
            driver_sql.update_reflection(driver, row_id=1, values={"participant_id": 2})
