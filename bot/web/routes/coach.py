"""Coach pages: the caseload, and one participant's shared record.

A coach reaches a person only through their own assignments. Any other id, real or not, gets
the same 404 (so ids cannot be probed), and the attempt goes in the audit log. Every page that
shows participants' data writes one audit entry per participant shown.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from bot.store.assignments import assigned_participant
from bot.store.audit import AuditAction, record_audit, record_audit_many
from bot.store.caseload import caseload as caseload_lines
from bot.store.caseload import is_late, participant_record
from bot.store.models import Participant
from bot.web.access import Staff
from bot.web.context import Web
from bot.web.timeline import reflection_views

router = APIRouter(prefix="/coach")


@router.get("")
def caseload(request: Request, web: Web, staff: Staff) -> Response:
    """The coach's own participants: activity, open and late commitments, safety flags."""
    at = web.now()
    with web.transaction() as session:
        lines = caseload_lines(session=session, staff_id=staff.staff_id, today=web.today())
        record_audit_many(
            session=session,
            action=AuditAction.CASELOAD_LISTED,
            at=at,
            staff_id=staff.staff_id,
            participant_ids=[line.participant_id for line in lines],
        )
    return web.templates.render(request, "coach/caseload.html", lines=lines)


@router.get("/participants/{participant_id}")
def participant(request: Request, web: Web, staff: Staff, participant_id: int) -> Response:
    """One participant's shared reflections, question beside answer, and their ledger."""
    at = web.now()
    with web.transaction() as session:
        person = assigned_participant(
            session=session, staff_id=staff.staff_id, participant_id=participant_id
        )
        if person is None:
            exists = session.get(Participant, participant_id) is not None
            record_audit(
                session=session,
                action=AuditAction.PARTICIPANT_REFUSED,
                at=at,
                staff_id=staff.staff_id,
                participant_id=participant_id if exists else None,
                detail="not assigned" if exists else "no such participant",
            )
        else:
            record = participant_record(session=session, participant=person)
            record_audit(
                session=session,
                action=AuditAction.TIMELINE_VIEWED,
                at=at,
                staff_id=staff.staff_id,
                participant_id=person.id,
                detail=f"reflections={len(record.reflections)}",
            )
    # Raised after the transaction, so the refusal's audit entry is committed, not rolled back.
    if person is None:
        raise HTTPException(status_code=404)
    today = web.today()
    return web.templates.render(
        request,
        "coach/participant.html",
        record=record,
        reflections=reflection_views(
            reflections=record.reflections,
            answers=record.answers,
            flows=web.services.content.flows,
        ),
        late={item.id for item in record.ledger if is_late(item, today=today)},
    )
