"""Coach pages: the caseload, and one participant's shared record, calls and notes.

A coach reaches a person only through their own assignments. Any other id, real or not, gets
the same 404 (so ids cannot be probed), and the attempt goes in the audit log. Every page that
shows participants' data writes one audit entry per participant shown, and every change a coach
makes (a call marked done, a note added) is audited too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.store.assignments import assigned_participant
from bot.store.audit import AuditAction, record_audit, record_audit_many
from bot.store.calls import add_coach_note, last_call_done, mark_call_done
from bot.store.caseload import Record, caseload_page, is_late, participant_record
from bot.store.models import Participant
from bot.web.access import Staff
from bot.web.brief import build_brief
from bot.web.context import Web
from bot.web.forms import CallDoneForm, CoachNoteForm
from bot.web.timeline import lens_panel, reflection_views

router = APIRouter(prefix="/coach")
# People per caseload page: a typical caseload (about 200) fits on one; a huge one stays fast.
CASELOAD_PAGE = 250
MAX_PAGE = 10_000


@router.get("")
def caseload(
    request: Request,
    web: Web,
    staff: Staff,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """The coach's own participants: activity, commitments, calls asked for, safety flags."""
    at = web.now()
    with web.reading() as session:
        found = caseload_page(
            session=session,
            staff_id=staff.staff_id,
            today=web.today(),
            offset=(page - 1) * CASELOAD_PAGE,
            limit=CASELOAD_PAGE,
        )
    with web.transaction() as session:
        # Only the people on the page were shown, so only they are audited.
        record_audit_many(
            session=session,
            action=AuditAction.CASELOAD_LISTED,
            at=at,
            staff_id=staff.staff_id,
            participant_ids=[line.participant_id for line in found.lines],
        )
    if page > 1 and not found.lines:
        raise HTTPException(status_code=404)
    return web.templates.render(
        request,
        "coach/caseload.html",
        lines=found.lines,
        total=found.total,
        page=page,
        pages=max(1, -(-found.total // CASELOAD_PAGE)),
    )


@router.get("/participants/{participant_id}")
def participant(request: Request, web: Web, staff: Staff, participant_id: int) -> Response:
    """One participant's shared reflections, ledger, call requests and the coaches' notes."""
    record, _ = _opened(web, staff, participant_id, AuditAction.TIMELINE_VIEWED)
    today = web.today()
    content = web.services.content
    views = reflection_views(
        reflections=record.reflections,
        answers=record.answers,
        flows=content.flows,
        lens=record.lens,
        lens_content=content.lens,
    )
    return web.templates.render(
        request,
        "coach/participant.html",
        record=record,
        reflections=views,
        lens=lens_panel(views, content.lens),
        late={item.id for item in record.ledger if is_late(item, today=today)},
    )


@router.get("/participants/{participant_id}/brief")
def brief(request: Request, web: Web, staff: Staff, participant_id: int) -> Response:
    """One printable page for the call: what happened since the last one, and what to ask."""
    record, since = _opened(web, staff, participant_id, AuditAction.BRIEF_VIEWED)
    content = web.services.content
    return web.templates.render(
        request,
        "coach/brief.html",
        record=record,
        brief=build_brief(
            record=record,
            since=since,
            today=web.today(),
            flows=content.flows,
            questions=content.coaching_questions,
            lens_content=content.lens,
        ),
    )


def _opened(
    web: Web, staff: Staff, participant_id: int, action: AuditAction
) -> tuple[Record, datetime | None]:
    """A participant's record and when their last call was done, for one of the coach's own
    participants; the view is audited, and so is a refusal (a 404, whatever the reason)."""
    at = web.now()
    # Gathered without the write lock (a busy person's record takes a while), then audited in a
    # short write of its own: the page is shown only once its audit entry is committed.
    with web.reading() as session:
        person = assigned_participant(
            session=session, staff_id=staff.staff_id, participant_id=participant_id
        )
        if person is not None:
            record = participant_record(session=session, participant=person)
            since = last_call_done(session=session, participant_id=person.id)
    with web.transaction() as session:
        if person is None:
            audit_refusal(
                session=session, staff_id=staff.staff_id, participant_id=participant_id, at=at
            )
        else:
            record_audit(
                session=session,
                action=action,
                at=at,
                staff_id=staff.staff_id,
                participant_id=person.id,
                detail=f"reflections={len(record.reflections)}",
            )
    # Raised after the transaction, so the refusal's audit entry is committed, not rolled back.
    if person is None:
        raise HTTPException(status_code=404)
    return record, since


@router.post("/participants/{participant_id}/calls/done")
def call_done(
    web: Web, staff: Staff, participant_id: int, form: Annotated[CallDoneForm, Form()]
) -> Response:
    """Mark a call the person asked for as done."""
    at = web.now()
    with web.transaction() as session:
        person = assigned_or_refused(
            session=session, staff_id=staff.staff_id, participant_id=participant_id, at=at
        )
        done = person is not None and mark_call_done(
            session=session,
            participant_id=participant_id,
            call_id=form.call_id,
            staff_id=staff.staff_id,
            at=at,
        )
        if done:
            record_audit(
                session=session,
                action=AuditAction.CALL_MARKED_DONE,
                at=at,
                staff_id=staff.staff_id,
                participant_id=participant_id,
                detail=f"call={form.call_id}",
            )
    if not done:  # not theirs, or no such open request: the same answer either way
        raise HTTPException(status_code=404)
    return RedirectResponse(f"/coach/participants/{participant_id}#calls", status_code=303)


@router.post("/participants/{participant_id}/notes")
def note_add(
    web: Web, staff: Staff, participant_id: int, form: Annotated[CoachNoteForm, Form()]
) -> Response:
    """Add a note after a call."""
    at = web.now()
    with web.transaction() as session:
        person = assigned_or_refused(
            session=session, staff_id=staff.staff_id, participant_id=participant_id, at=at
        )
        if person is not None:
            note = add_coach_note(
                session=session,
                participant_id=person.id,
                staff_id=staff.staff_id,
                text=form.text,
                at=at,
            )
            record_audit(
                session=session,
                action=AuditAction.COACH_NOTE_ADDED,
                at=at,
                staff_id=staff.staff_id,
                participant_id=person.id,
                detail=f"note={note.id}",
            )
    if person is None:
        raise HTTPException(status_code=404)
    return RedirectResponse(f"/coach/participants/{participant_id}#notes", status_code=303)


def assigned_or_refused(
    *, session: Session, staff_id: int, participant_id: int, at: datetime
) -> Participant | None:
    """The participant if they are this coach's; otherwise None, and the attempt audited."""
    person = assigned_participant(session=session, staff_id=staff_id, participant_id=participant_id)
    if person is None:
        audit_refusal(session=session, staff_id=staff_id, participant_id=participant_id, at=at)
    return person


def audit_refusal(*, session: Session, staff_id: int, participant_id: int, at: datetime) -> None:
    """Record a coach's attempt to open someone who is not theirs (or no one at all)."""
    exists = session.get(Participant, participant_id) is not None
    record_audit(
        session=session,
        action=AuditAction.PARTICIPANT_REFUSED,
        at=at,
        staff_id=staff_id,
        participant_id=participant_id if exists else None,
        detail="not assigned" if exists else "no such participant",
    )
