"""Cohorts and one-time invite codes that join a person to one.

Codes are random (about 60 bits), single use and expiring. Only a keyed hash of each is stored,
so a copy of the database does not hand out working links. Failed attempts are counted per
person and refused for a while after a handful, which makes guessing codes pointless.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.store.models import (
    Cohort,
    EngagementEvent,
    EnrolmentAttempt,
    EventType,
    InviteCode,
    Participant,
    Programme,
)
from bot.store.participants import Person

# Unambiguous characters (no 0/O, 1/I/L) that are also valid in a Telegram deep link.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
MAX_FAILED_ATTEMPTS = 5
ATTEMPT_WINDOW = timedelta(hours=1)
DEFAULT_PROGRAMME = "Community leadership"

CodeHasher = Callable[[str], str]


class Enrolment(StrEnum):
    JOINED = "joined"
    ALREADY = "already"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    TOO_MANY = "too_many"


class CohortNotFound(LookupError):
    pass


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()[:64]


def create_cohort(*, session: Session, name: str, programme: str, at: datetime) -> Cohort:
    """The cohort ``name`` in ``programme``, created (with the programme) when new."""
    owner = session.scalar(select(Programme).where(Programme.name == programme))
    if owner is None:
        owner = Programme(name=programme, created_at=at)
        session.add(owner)
        session.flush()
    cohort = session.scalar(
        select(Cohort).where(Cohort.programme_id == owner.id, Cohort.name == name)
    )
    if cohort is None:
        cohort = Cohort(programme_id=owner.id, name=name, created_at=at)
        session.add(cohort)
        session.flush()
    return cohort


def find_cohort(*, session: Session, name: str) -> Cohort:
    found = session.scalars(select(Cohort).where(Cohort.name == name)).all()
    if len(found) != 1:
        raise CohortNotFound(
            f"no cohort called {name!r}" if not found else f"{name!r} names several cohorts"
        )
    return found[0]


def create_invites(
    *,
    session: Session,
    cohort: Cohort,
    count: int,
    valid_for: timedelta,
    hasher: CodeHasher,
    at: datetime,
) -> list[str]:
    """``count`` fresh codes for ``cohort``; the codes themselves are returned, never stored."""
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)]
    session.add_all(
        InviteCode(
            code_hash=hasher(code),
            cohort_id=cohort.id,
            created_at=at,
            expires_at=at + valid_for,
        )
        for code in codes
    )
    session.flush()
    return codes


def redeem(
    *, session: Session, participant: Person, code: str, hasher: CodeHasher, at: datetime
) -> tuple[Enrolment, Cohort | None]:
    """Join ``participant`` to the code's cohort; the outcome and the code's cohort, if any."""
    session.execute(delete(EnrolmentAttempt).where(EnrolmentAttempt.at < at - ATTEMPT_WINDOW))
    failures = session.scalar(
        select(func.count()).where(EnrolmentAttempt.participant_id == participant.id)
    )
    if (failures or 0) >= MAX_FAILED_ATTEMPTS:
        return Enrolment.TOO_MANY, None
    invite = session.scalar(select(InviteCode).where(InviteCode.code_hash == hasher(code)))
    outcome = _check(invite, participant=participant, at=at)
    if outcome is not None:
        if outcome != Enrolment.ALREADY:
            session.add(EnrolmentAttempt(participant_id=participant.id, at=at))
        return outcome, _cohort(session, invite)
    assert invite is not None
    # Single use even under a race: only one UPDATE can find the code unused.
    claimed = session.execute(
        update(InviteCode)
        .where(InviteCode.id == invite.id, InviteCode.used_at.is_(None))
        .values(used_at=at, used_by=participant.id)
    )
    if not getattr(claimed, "rowcount", 0):
        session.add(EnrolmentAttempt(participant_id=participant.id, at=at))
        return Enrolment.USED, None
    session.execute(
        update(Participant)
        .where(Participant.id == participant.id)
        .values(cohort_id=invite.cohort_id)
    )
    session.add(
        EngagementEvent(
            participant_id=participant.id,
            cohort_id=invite.cohort_id,
            type=EventType.COHORT_JOINED,
            occurred_at=at,
        )
    )
    session.flush()
    return Enrolment.JOINED, _cohort(session, invite)


def _check(invite: InviteCode | None, *, participant: Person, at: datetime) -> Enrolment | None:
    if invite is None:
        return Enrolment.UNKNOWN
    if invite.used_at is not None:
        return Enrolment.ALREADY if invite.used_by == participant.id else Enrolment.USED
    if invite.expires_at <= at:
        return Enrolment.EXPIRED
    if participant.cohort_id == invite.cohort_id:
        return Enrolment.ALREADY
    return None


def _cohort(session: Session, invite: InviteCode | None) -> Cohort | None:
    return None if invite is None else session.get(Cohort, invite.cohort_id)


@dataclass(frozen=True)
class InviteView:
    """One code as an admin may see it: when it was made, until when it works, and whether it
    was used, never by whom (the code itself exists only in the moment it is made)."""

    id: int
    created_at: datetime
    expires_at: datetime
    status: str  # "unused", "used" or "expired"


def cohort_invites(*, session: Session, cohort_id: int, at: datetime) -> list[InviteView]:
    """The cohort's codes, newest first."""
    rows = session.execute(
        select(InviteCode.id, InviteCode.created_at, InviteCode.expires_at, InviteCode.used_at)
        .where(InviteCode.cohort_id == cohort_id)
        .order_by(InviteCode.id.desc())
    ).all()
    return [
        InviteView(
            id=row_id,
            created_at=created,
            expires_at=expires,
            status="used" if used else ("expired" if expires <= at else "unused"),
        )
        for row_id, created, expires, used in rows
    ]
