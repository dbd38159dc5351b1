"""Participants and their encrypted reply addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store import driver_sql
from bot.store.audit import forget_participant
from bot.store.models import EventType, Participant, ReplyAddress


@dataclass(frozen=True)
class Person:
    """Who a turn is about, as the turn needs them: read as plain values, not as an ORM object,
    because every turn starts by reading one and the ORM's loading cost more than the query."""

    id: int
    pseudonym: str
    cohort_id: int | None
    timezone: str | None

    @classmethod
    def of(cls, participant: Participant) -> Person:
        return cls(
            id=participant.id,
            pseudonym=participant.pseudonym,
            cohort_id=participant.cohort_id,
            timezone=participant.timezone,
        )


def find_participant(*, session: Session, pseudonym: str) -> Participant | None:
    return session.scalar(select(Participant).where(Participant.pseudonym == pseudonym))


def get_or_create_participant(*, session: Session, pseudonym: str, at: datetime) -> Participant:
    """The participant with this pseudonym, created (and a join event recorded) if new."""
    participant = session.get(Participant, join(session=session, pseudonym=pseudonym, at=at).id)
    assert participant is not None
    return participant


def join(*, session: Session, pseudonym: str, at: datetime) -> Person:
    """The person with this pseudonym, created with their joining event if new.

    Straight through the connection: it runs in the turn that first stores a person, which
    under load is one turn in every few, and the ORM's unit of work cost more than the inserts.
    """
    found = session.execute(_person_by_pseudonym(), {"pseudonym": pseudonym}).first()
    if found is not None:
        return Person(*found)
    people = _table(Participant)
    try:
        with session.begin_nested():
            new_id, timezone = session.execute(
                people.insert()
                .values(pseudonym=pseudonym, created_at=at, last_active_at=at)
                .returning(people.c.id, people.c.timezone)
            ).one()
    except IntegrityError:
        # Another process created the same person between our read and our insert.
        found = session.execute(_person_by_pseudonym(), {"pseudonym": pseudonym}).first()
        if found is None:
            raise
        return Person(*found)
    driver_sql.add_events(
        driver_sql.driver(session),
        [{"participant_id": new_id, "type": str(EventType.PARTICIPANT_JOINED), "occurred_at": at}],
    )
    return Person(id=new_id, pseudonym=pseudonym, cohort_id=None, timezone=timezone)


@cache
def _person_by_pseudonym() -> Select[int, str, int | None, str | None]:
    people = _table(Participant)
    return select(people.c.id, people.c.pseudonym, people.c.cohort_id, people.c.timezone).where(
        people.c.pseudonym == bindparam("pseudonym")
    )


@dataclass(frozen=True)
class StoredAddress:
    transport: str
    ciphertext: bytes


def set_reply_address(
    *, session: Session, participant_id: int, transport: str, ciphertext: bytes, at: datetime
) -> None:
    addresses = _table(ReplyAddress)
    values = {"transport": transport, "ciphertext": ciphertext, "updated_at": at}
    connection = session.connection()
    changed = connection.execute(
        addresses.update().where(addresses.c.participant_id == participant_id).values(**values)
    )
    if not changed.rowcount:
        connection.execute(addresses.insert().values(participant_id=participant_id, **values))


def get_reply_address(*, session: Session, participant_id: int) -> StoredAddress | None:
    addresses = _table(ReplyAddress)
    found = session.execute(
        select(addresses.c.transport, addresses.c.ciphertext).where(
            addresses.c.participant_id == participant_id
        )
    ).first()
    return None if found is None else StoredAddress(*found)


def erase_participant(*, session: Session, participant_id: int) -> None:
    """Delete the person and, through the foreign keys' ON DELETE CASCADE, every row about them.

    What the turn has added so far (its processed-update row) is written first; then the objects
    loaded in this session are dropped, so nothing stale is written back after the delete.
    The audit log keeps its entries about the person but loses the link to them.
    """
    session.flush()
    session.expunge_all()
    session.execute(delete(Participant).where(Participant.id == participant_id))
    forget_participant(session=session, participant_id=participant_id)


def purge_inactive(*, session: Session, before: datetime, dry_run: bool = False) -> int:
    """Erase everyone whose last activity is before ``before``; how many people that was."""
    ids = session.scalars(select(Participant.id).where(Participant.last_active_at < before)).all()
    if not dry_run:
        for participant_id in ids:
            erase_participant(session=session, participant_id=participant_id)
    return len(ids)


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)
