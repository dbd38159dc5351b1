"""Which coach looks after which participant."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.models import CoachAssignment, Participant

MIN_PREFIX = 6


class PrefixError(LookupError):
    """The pseudonym prefix matches no one, or more than one person."""


def participant_by_prefix(*, session: Session, prefix: str) -> Participant:
    """The one participant whose pseudonym starts with ``prefix``."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX or not all(c in "0123456789abcdef" for c in prefix):
        raise PrefixError(f"give at least {MIN_PREFIX} characters of the pseudonym (0-9, a-f)")
    found = session.scalars(
        select(Participant).where(Participant.pseudonym.startswith(prefix)).limit(2)
    ).all()
    if not found:
        raise PrefixError("no participant has a pseudonym starting with that")
    if len(found) > 1:
        raise PrefixError("several participants match; give more of the pseudonym")
    return found[0]


def assign_coach(*, session: Session, participant_id: int, staff_id: int, at: datetime) -> None:
    """Make ``staff_id`` the participant's coach, replacing any earlier one."""
    row = session.get(CoachAssignment, participant_id)
    if row is None:
        session.add(
            CoachAssignment(participant_id=participant_id, staff_id=staff_id, assigned_at=at)
        )
    else:
        row.staff_id, row.assigned_at = staff_id, at
    session.flush()


def unassign_coach(*, session: Session, participant_id: int) -> bool:
    """Whether there was an assignment to remove."""
    row = session.get(CoachAssignment, participant_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def assigned_participant(
    *, session: Session, staff_id: int, participant_id: int
) -> Participant | None:
    """The participant, only if ``staff_id`` is their coach: the one gate to a person's page."""
    return session.scalar(
        select(Participant)
        .join(CoachAssignment, CoachAssignment.participant_id == Participant.id)
        .where(Participant.id == participant_id, CoachAssignment.staff_id == staff_id)
    )


def caseload_sizes(*, session: Session) -> dict[int, int]:
    """Participants per coach (by staff id)."""
    rows = session.execute(
        select(CoachAssignment.staff_id, func.count()).group_by(CoachAssignment.staff_id)
    ).all()
    return {staff_id: count for staff_id, count in rows}
