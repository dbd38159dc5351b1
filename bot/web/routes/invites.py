"""Admin pages for invite codes: a cohort's codes by status, and a new batch.

A code exists in the clear only in the response that makes it; the store keeps a keyed hash
(``bot.store.invites``). So the batch page is the one chance to copy the new codes and their
t.me links (sent with ``no-store``, like every page), and is audited. After that the list shows
each code's dates and status, never which participant used it.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from bot.store.audit import AuditAction, record_audit
from bot.store.invites import cohort_invites, create_invites
from bot.store.models import Cohort, Programme
from bot.web.access import Staff
from bot.web.context import Web, WebContext
from bot.web.forms import MAX_INVITE_BATCH, InviteBatchForm

router = APIRouter(prefix="/admin")
STATUSES = ("unused", "used", "expired")


@router.get("/invites")
def invites(
    request: Request,
    web: Web,
    staff: Staff,
    cohort: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """A cohort's invite codes (made, works until, unused, used or expired), and a form for more."""
    return _page(request, web, cohort_id=cohort)


@router.post("/invites")
def invites_create(
    request: Request, web: Web, staff: Staff, form: Annotated[InviteBatchForm, Form()]
) -> Response:
    """Make a batch of codes for a cohort and show them, with their links, this once only."""
    at = web.now()
    valid_for = timedelta(days=form.days or web.settings.invite_valid_days)
    with web.transaction() as session:
        cohort = session.get(Cohort, form.cohort_id)
        if cohort is None:
            raise HTTPException(status_code=404)
        codes = create_invites(
            session=session,
            cohort=cohort,
            count=form.count,
            valid_for=valid_for,
            hasher=web.services.conversation.invite_hash,
            at=at,
        )
        record_audit(
            session=session,
            action=AuditAction.INVITES_CREATED,
            at=at,
            staff_id=staff.staff_id,
            detail=f"cohort={cohort.id} count={form.count}",
        )
    username = (web.settings.telegram_bot_username or "").lstrip("@")
    created = [
        (code, f"https://t.me/{username}?start={code}" if username else None) for code in codes
    ]
    return _page(
        request, web, cohort_id=form.cohort_id, created=created, valid_until=at + valid_for
    )


def _page(
    request: Request,
    web: WebContext,
    *,
    cohort_id: int | None,
    created: list[tuple[str, str | None]] | None = None,
    valid_until: datetime | None = None,
) -> Response:
    with web.reading() as session:
        cohorts = session.execute(
            select(Cohort.id, Programme.name, Cohort.name)
            .join(Programme, Cohort.programme_id == Programme.id)
            .order_by(Programme.name, Cohort.name)
        ).all()
        chosen = session.get(Cohort, cohort_id) if cohort_id else None
        if cohort_id and chosen is None:
            raise HTTPException(status_code=404)
        codes = cohort_invites(session=session, cohort_id=chosen.id, at=web.now()) if chosen else []
    counts = Counter(code.status for code in codes)
    return web.templates.render(
        request,
        "admin/invites.html",
        cohorts=cohorts,
        chosen=chosen,
        codes=codes,
        counts=[(status, counts.get(status, 0)) for status in STATUSES],
        created=created or [],
        valid_until=valid_until,
        has_username=bool(web.settings.telegram_bot_username),
        default_days=web.settings.invite_valid_days,
        max_batch=MAX_INVITE_BATCH,
    )
