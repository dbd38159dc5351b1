"""The audit log: who viewed or changed what, and when. Append-only: nothing here updates or
deletes an entry, except cutting the link to a person who has been erased (see ``AuditEntry``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, aliased

from bot.store.models import AuditEntry, Participant, StaffUser

SHORT_PSEUDONYM = 10


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGOUT = "logout"
    STAFF_ADDED = "staff_added"
    STAFF_DISABLED = "staff_disabled"
    PARTICIPANT_ASSIGNED = "participant_assigned"
    PARTICIPANT_UNASSIGNED = "participant_unassigned"
    CASELOAD_LISTED = "caseload_listed"
    TIMELINE_VIEWED = "timeline_viewed"
    # A coach asked for a participant who is not theirs (or no one): refused with 404, noted.
    PARTICIPANT_REFUSED = "participant_refused"
    BRIEF_VIEWED = "brief_viewed"
    CALL_MARKED_DONE = "call_marked_done"
    COACH_NOTE_ADDED = "coach_note_added"
    INVITES_CREATED = "invites_created"


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    staff_email: str | None
    action: str
    participant: str | None  # a shortened pseudonym, or "erased …"
    target_email: str | None
    detail: str | None


def record_audit(
    *,
    session: Session,
    action: AuditAction,
    at: datetime,
    staff_id: int | None,
    participant_id: int | None = None,
    target_staff_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Append one entry. ``detail`` is built by our code (ids, counts), never typed by anyone."""
    session.add(
        AuditEntry(
            at=at,
            staff_id=staff_id,
            action=action,
            participant_id=participant_id,
            target_staff_id=target_staff_id,
            detail=detail,
        )
    )


def record_audit_many(
    *,
    session: Session,
    action: AuditAction,
    at: datetime,
    staff_id: int,
    participant_ids: Iterable[int],
) -> None:
    """One entry per participant, in one statement (a caseload lists many people at once)."""
    rows = [
        {"at": at, "staff_id": staff_id, "action": str(action), "participant_id": pid}
        for pid in participant_ids
    ]
    if rows:
        session.execute(insert(AuditEntry), rows)


def forget_participant(*, session: Session, participant_id: int) -> None:
    """On erasure: keep the entries, swap the person's id for a tombstone that leads nowhere."""
    session.execute(
        update(AuditEntry)
        .where(AuditEntry.participant_id == participant_id)
        .values(participant_id=None, erased_ref=secrets.token_hex(4))
    )


def count_audit(*, session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def list_audit(*, session: Session, offset: int, limit: int) -> Sequence[AuditRow]:
    """Newest first."""
    author = aliased(StaffUser)
    target = aliased(StaffUser)
    rows = session.execute(
        select(
            AuditEntry.at,
            author.email,
            AuditEntry.action,
            Participant.pseudonym,
            AuditEntry.erased_ref,
            target.email,
            AuditEntry.detail,
        )
        .outerjoin(author, AuditEntry.staff_id == author.id)
        .outerjoin(target, AuditEntry.target_staff_id == target.id)
        .outerjoin(Participant, AuditEntry.participant_id == Participant.id)
        .order_by(AuditEntry.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [
        AuditRow(
            at=at,
            staff_email=email,
            action=action,
            participant=short_pseudonym(pseudonym)
            if pseudonym
            else (f"erased {erased}" if erased else None),
            target_email=target_email,
            detail=detail,
        )
        for at, email, action, pseudonym, erased, target_email, detail in rows
    ]


def staff_access(*, session: Session, participant_id: int) -> list[dict[str, str]]:
    """For the person's own export: when staff looked at their data, and in which role."""
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.action, StaffUser.role)
        .outerjoin(StaffUser, AuditEntry.staff_id == StaffUser.id)
        .where(AuditEntry.participant_id == participant_id)
        .order_by(AuditEntry.id)
    ).all()
    return [
        {"at": at.isoformat(), "action": action, "staff_role": role or "command line"}
        for at, action, role in rows
    ]


def short_pseudonym(pseudonym: str) -> str:
    """Enough of the pseudonym to tell people apart on a page, not the whole key-derived value."""
    return pseudonym[:SHORT_PSEUDONYM]
