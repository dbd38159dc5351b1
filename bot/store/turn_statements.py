"""The statements every turn runs, each built once on first use and then reused.

Why: under Telegram load the writer thread is the bottleneck, and building a statement (and
working out its cache key, which SQLAlchemy memoises per statement object) cost more than
executing it. A statement built once keeps both, so a turn pays only for running it. Values
travel as bound parameters; in INSERT and UPDATE statements SQLAlchemy reserves the table's
column names, so values set are named ``p_<column>`` and keys have names of their own.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from sqlalchemy import Insert, Select, Table, Update, bindparam, select

from bot.store.models import (
    Answer,
    ConversationStateRow,
    EngagementEvent,
    Participant,
    ReflectionSession,
)


def table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


@cache
def load_person() -> Select[int, int | None, str | None, Any]:
    """The participant (locked where the database can) and their state, by pseudonym."""
    people, states = table(Participant), table(ConversationStateRow)
    return (
        select(people.c.id, people.c.cohort_id, people.c.timezone, states.c.data)
        .outerjoin(states, states.c.participant_id == people.c.id)
        .where(people.c.pseudonym == bindparam("pseudonym"))
        .with_for_update(of=people)
    )


@cache
def find_reflection() -> Select[int, str, int, str]:
    """One reflection's id, flow and current step, by the person and its number."""
    reflections = table(ReflectionSession)
    return select(
        reflections.c.id, reflections.c.flow_id, reflections.c.flow_version, reflections.c.step_id
    ).where(
        reflections.c.participant_id == bindparam("participant_id"),
        reflections.c.number == bindparam("number"),
    )


@cache
def start_reflection() -> Insert:
    """A new reflection row, returning its id."""
    reflections = table(ReflectionSession)
    return reflections.insert().returning(reflections.c.id)


@cache
def update_reflection(columns: frozenset[str]) -> Update:
    """Set ``columns`` (from parameters ``p_<column>``) on the reflection ``row_id``."""
    reflections = table(ReflectionSession)
    return (
        reflections.update()
        .where(reflections.c.id == bindparam("row_id"))
        .values({name: bindparam(f"p_{name}") for name in sorted(columns)})
    )


@cache
def add_answers() -> Insert:
    return table(Answer).insert()


@cache
def add_events() -> Insert:
    return table(EngagementEvent).insert()


@cache
def touch_participant() -> Update:
    """The participant's last activity (parameters ``participant_id``, ``p_last_active_at``)."""
    people = table(Participant)
    return (
        people.update()
        .where(people.c.id == bindparam("participant_id"))
        .values(last_active_at=bindparam("p_last_active_at"))
    )


@cache
def save_state() -> Update:
    """Replace a person's state (parameters ``state_of``, ``p_data``, ``p_updated_at``)."""
    states = table(ConversationStateRow)
    return (
        states.update()
        .where(states.c.participant_id == bindparam("state_of"))
        .values(data=bindparam("p_data"), updated_at=bindparam("p_updated_at"))
    )
