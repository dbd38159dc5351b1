"""Admin pages: staff accounts, cohorts, who coaches whom, and the audit log.

None of these pages shows a participant's reflections; assigning takes a pseudonym prefix and
shows only the short pseudonym back, and each assignment is audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.assignments import (
    PrefixError,
    assign_coach,
    caseload_sizes,
    participant_by_prefix,
    unassign_coach,
)
from bot.store.audit import AuditAction, count_audit, list_audit, record_audit, short_pseudonym
from bot.store.models import CoachAssignment, Cohort, Participant, Programme, StaffRole, StaffUser
from bot.store.staff import (
    StaffExists,
    active_coaches,
    create_staff,
    disable_staff,
    list_staff,
    valid_email,
)
from bot.web.access import Staff
from bot.web.context import Web, WebContext
from bot.web.forms import AssignForm, CsrfOnlyForm, StaffAddForm
from bot.web.passwords import password_problem

router = APIRouter(prefix="/admin")
AUDIT_PAGE = 50
MAX_PAGE = 1_000_000


@router.get("/staff")
def staff_list(request: Request, web: Web, staff: Staff) -> Response:
    """Every staff account, with a form to add one."""
    return _staff_page(request, web)


@router.post("/staff")
def staff_add(
    request: Request, web: Web, staff: Staff, form: Annotated[StaffAddForm, Form()]
) -> Response:
    """Create an account (the password is typed twice and stored only as an argon2id hash)."""
    problem = password_problem(form.password, form.password_again)
    if not valid_email(form.email):
        problem = "that does not look like an email address"
    if problem is None:
        hashed = web.passwords.hash(form.password)
        at = web.now()
        try:
            with web.transaction() as session:
                user = create_staff(
                    session=session, email=form.email, role=form.role, password_hash=hashed, at=at
                )
                record_audit(
                    session=session,
                    action=AuditAction.STAFF_ADDED,
                    at=at,
                    staff_id=staff.staff_id,
                    target_staff_id=user.id,
                    detail=f"role={form.role.value}",
                )
        except StaffExists as exc:
            problem = str(exc)
    if problem is not None:
        return _staff_page(request, web, error=problem, status_code=400)
    return RedirectResponse("/admin/staff", status_code=303)


@router.post("/staff/{staff_id}/disable")
def staff_disable(
    web: Web, staff: Staff, staff_id: int, form: Annotated[CsrfOnlyForm, Form()]
) -> RedirectResponse:
    """Disable an account and end its sessions; an admin cannot disable their own."""
    if staff_id == staff.staff_id:
        raise HTTPException(status_code=400, detail="You cannot disable your own account.")
    at = web.now()
    with web.transaction() as session:
        user = session.get(StaffUser, staff_id)
        if user is None:
            raise HTTPException(status_code=404)
        disable_staff(session=session, user=user, at=at)
        record_audit(
            session=session,
            action=AuditAction.STAFF_DISABLED,
            at=at,
            staff_id=staff.staff_id,
            target_staff_id=user.id,
        )
    return RedirectResponse("/admin/staff", status_code=303)


@router.get("/cohorts")
def cohorts(request: Request, web: Web, staff: Staff) -> Response:
    """Cohorts by programme, with how many participants each has and how many have a coach."""
    with web.reading() as session:
        rows = session.execute(
            select(
                Programme.name,
                Cohort.name,
                Cohort.workshop_date,
                func.count(Participant.id),
                func.count(CoachAssignment.participant_id),
            )
            .join(Programme, Cohort.programme_id == Programme.id)
            .outerjoin(Participant, Participant.cohort_id == Cohort.id)
            .outerjoin(CoachAssignment, CoachAssignment.participant_id == Participant.id)
            .group_by(Programme.name, Cohort.id, Cohort.name, Cohort.workshop_date)
            .order_by(Programme.name, Cohort.name)
        ).all()
    return web.templates.render(request, "admin/cohorts.html", cohorts=rows)


@router.get("/assignments")
def assignments(request: Request, web: Web, staff: Staff) -> Response:
    """Coaches and the size of their caseloads, with the form that assigns participants."""
    return _assignments_page(request, web)


@router.post("/assignments")
def assign(
    request: Request, web: Web, staff: Staff, form: Annotated[AssignForm, Form()]
) -> Response:
    """Give the participant whose pseudonym starts with the prefix to a coach (or to none)."""
    try:
        with web.transaction() as session:
            done = _reassign(session, form=form, by=staff.staff_id, at=web.now())
    except (PrefixError, NotACoach) as exc:
        return _assignments_page(request, web, error=str(exc), status_code=400)
    return _assignments_page(request, web, done=done)


@router.get("/audit")
def audit_log(
    request: Request,
    web: Web,
    staff: Staff,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """The audit log, newest first, a page at a time (read-only)."""
    with web.reading() as session:
        total = count_audit(session=session)
        rows = list_audit(session=session, offset=(page - 1) * AUDIT_PAGE, limit=AUDIT_PAGE)
    pages = max(1, -(-total // AUDIT_PAGE))
    return web.templates.render(
        request, "admin/audit.html", rows=rows, page=page, pages=pages, total=total
    )


class NotACoach(LookupError):
    """The chosen account is not an active coach."""


def _reassign(session: Session, *, form: AssignForm, by: int, at: datetime) -> str:
    """Make the change, audit it, and say what was done."""
    person = participant_by_prefix(session=session, prefix=form.pseudonym_prefix)
    short = short_pseudonym(person.pseudonym)
    if not form.coach_id:
        unassign_coach(session=session, participant_id=person.id)
        record_audit(
            session=session,
            action=AuditAction.PARTICIPANT_UNASSIGNED,
            at=at,
            staff_id=by,
            participant_id=person.id,
        )
        return f"{short} now has no coach"
    coach = session.get(StaffUser, form.coach_id)
    if coach is None or coach.role != StaffRole.COACH or not coach.active:
        raise NotACoach("choose an active coach")
    assign_coach(session=session, participant_id=person.id, staff_id=coach.id, at=at)
    record_audit(
        session=session,
        action=AuditAction.PARTICIPANT_ASSIGNED,
        at=at,
        staff_id=by,
        participant_id=person.id,
        target_staff_id=coach.id,
    )
    return f"{short} is now with {coach.email}"


def _staff_page(
    request: Request, web: WebContext, *, error: str | None = None, status_code: int = 200
) -> Response:
    with web.reading() as session:
        people = list_staff(session=session)
    return web.templates.render(
        request,
        "admin/staff.html",
        status_code=status_code,
        people=people,
        roles=[role.value for role in StaffRole],
        error=error,
    )


def _assignments_page(
    request: Request,
    web: WebContext,
    *,
    error: str | None = None,
    done: str | None = None,
    status_code: int = 200,
) -> Response:
    with web.reading() as session:
        coaches = active_coaches(session=session)
        sizes = caseload_sizes(session=session)
        unassigned = session.scalar(
            select(func.count(Participant.id))
            .outerjoin(CoachAssignment, CoachAssignment.participant_id == Participant.id)
            .where(CoachAssignment.participant_id.is_(None))
        )
    return web.templates.render(
        request,
        "admin/assignments.html",
        status_code=status_code,
        coaches=[(coach, sizes.get(coach.id, 0)) for coach in coaches],
        unassigned=unassigned or 0,
        error=error,
        done=done,
    )
