"""Participants and their encrypted reply addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.audit import forget_participant
from bot.store.models import EngagementEvent, EventType, Participant, ReplyAddress


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
    participant = find_participant(session=session, pseudonym=pseudonym)
    if participant is not None:
        return participant
    try:
        with session.begin_nested():
            participant = Participant(pseudonym=pseudonym, created_at=at, last_active_at=at)
            session.add(participant)
            session.flush()
            session.add(
                EngagementEvent(
                    participant_id=participant.id,
                    cohort_id=None,
                    type=EventType.PARTICIPANT_JOINED,
                    occurred_at=at,
                )
            )
            session.flush()
    except IntegrityError:
        # Another process created the same person between our read and our insert.
        participant = find_participant(session=session, pseudonym=pseudonym)
        if participant is None:
            raise
    return participant


def set_reply_address(
    *, session: Session, participant_id: int, transport: str, ciphertext: bytes, at: datetime
) -> None:
    row = session.get(ReplyAddress, participant_id)
    if row is None:
        session.add(
            ReplyAddress(
                participant_id=participant_id,
                transport=transport,
                ciphertext=ciphertext,
                updated_at=at,
            )
        )
    else:
        row.transport, row.ciphertext, row.updated_at = transport, ciphertext, at


def get_reply_address(*, session: Session, participant_id: int) -> ReplyAddress | None:
    return session.get(ReplyAddress, participant_id)


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
