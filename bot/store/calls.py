"""Calls a person asked for with /callme, and the notes their coach writes after a call.

That a call was asked for is always the coach's to see: it is how a person reaches them. The
note sent with it is the person's own words, so it follows the same rule as their reflections:
shown only while their current choice is to share (``coach_visible_sessions``'s rule), and
otherwise replaced by a plain "not shared". Coach notes are the coach's own words about the
person; they are erased with the person and included in the person's export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.models import CallRequest, CoachNote, StaffUser

MAX_NOTE_CHARS = 4_000


@dataclass(frozen=True)
class CallView:
    id: int
    requested_at: datetime
    note: str | None  # None: no note, or one the coach may not read (see ``note_withheld``)
    note_withheld: bool
    done_at: datetime | None
    done_by: str | None  # the email of the staff member who marked it done


@dataclass(frozen=True)
class NoteView:
    id: int
    created_at: datetime
    author: str | None
    text: str


def call_requests(*, session: Session, participant_id: int, sharing: bool) -> list[CallView]:
    """Newest first; the notes only when the person shares with their coach."""
    rows = session.execute(
        select(CallRequest, StaffUser.email)
        .outerjoin(StaffUser, CallRequest.done_by == StaffUser.id)
        .where(CallRequest.participant_id == participant_id)
        .order_by(CallRequest.id.desc())
    ).all()
    return [
        CallView(
            id=call.id,
            requested_at=call.requested_at,
            note=call.note if sharing else None,
            note_withheld=bool(call.note) and not sharing,
            done_at=call.done_at,
            done_by=email,
        )
        for call, email in rows
    ]


def mark_call_done(
    *, session: Session, participant_id: int, call_id: int, staff_id: int, at: datetime
) -> bool:
    """Mark one of this person's open requests done; False if there is no such open request."""
    call = session.get(CallRequest, call_id)
    if call is None or call.participant_id != participant_id or call.done_at is not None:
        return False
    call.done_at = at
    call.done_by = staff_id
    return True


def last_call_done(*, session: Session, participant_id: int) -> datetime | None:
    """When a call with this person was last marked done, if ever."""
    return session.scalar(
        select(func.max(CallRequest.done_at)).where(CallRequest.participant_id == participant_id)
    )


def add_coach_note(
    *, session: Session, participant_id: int, staff_id: int, text: str, at: datetime
) -> CoachNote:
    note = CoachNote(participant_id=participant_id, staff_id=staff_id, text=text, created_at=at)
    session.add(note)
    session.flush()
    return note


def coach_notes(*, session: Session, participant_id: int) -> Sequence[NoteView]:
    """Newest first, with who wrote each."""
    rows = session.execute(
        select(CoachNote, StaffUser.email)
        .outerjoin(StaffUser, CoachNote.staff_id == StaffUser.id)
        .where(CoachNote.participant_id == participant_id)
        .order_by(CoachNote.id.desc())
    ).all()
    return [
        NoteView(id=note.id, created_at=note.created_at, author=email, text=note.text)
        for note, email in rows
    ]
