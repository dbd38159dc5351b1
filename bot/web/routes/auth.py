"""Signing in and out, and the landing redirect by role."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.store.audit import AuditAction, record_audit
from bot.store.models import StaffRole
from bot.store.staff import end_session, find_staff, signed_in, start_session
from bot.web import cookies
from bot.web.access import Staff
from bot.web.context import Web, WebContext
from bot.web.forms import CsrfOnlyForm, LoginForm

router = APIRouter()

# One message for an unknown email, a wrong password and a disabled account alike.
NOT_RECOGNISED = "That email and password were not recognised."
LOCKED = "Too many attempts. Wait a quarter of an hour, then try again."
SIGNED_OUT = "You have signed out."
LANDING = {
    StaffRole.COACH: "/coach",
    StaffRole.EVALUATOR: "/evaluator",
    StaffRole.ADMIN: "/admin/staff",
}


@router.get("/")
def home(staff: Staff) -> RedirectResponse:
    """Send each role to its own first page."""
    return RedirectResponse(LANDING[staff.role], status_code=303)


@router.get("/login")
def login_form(request: Request, web: Web, signed_out: str | None = None) -> Response:
    """The sign-in form, with a fresh CSRF token in the page and in a cookie beside it."""
    if request.state.staff is not None:
        return RedirectResponse("/", status_code=303)
    done = SIGNED_OUT if signed_out is not None else None
    return _form(request, web, token=secrets.token_urlsafe(32), done=done)


@router.post("/login")
def login(request: Request, web: Web, form: Annotated[LoginForm, Form()]) -> Response:
    """Check the password (throttled), then start a session in a new cookie."""
    client = request.client.host if request.client else "unknown"
    keys = web.throttle.keys(email=form.email, client=client)
    at = web.now()
    with web.transaction() as session:
        if web.throttle.locked(session=session, keys=keys, at=at):
            return _form(request, web, token=form.csrf_token, error=LOCKED, status_code=429)
        user = find_staff(session=session, email=form.email)
        stored = user.password_hash if user is not None else None
    # Outside any transaction: argon2 takes a while and must not hold the database.
    correct = web.passwords.verify(stored, form.password)
    rehashed = (
        web.passwords.hash(form.password)
        if correct and stored is not None and web.passwords.needs_rehash(stored)
        else None
    )
    with web.transaction() as session:
        user = find_staff(session=session, email=form.email) if correct else None
        if user is None or not user.active:
            web.throttle.failed(session=session, keys=keys, at=at)
            return _form(request, web, token=form.csrf_token, error=NOT_RECOGNISED, status_code=401)
        web.throttle.succeeded(session=session, keys=keys)
        _end_any_session(request, web, session)
        if rehashed is not None:  # made under weaker parameters than today's defaults
            user.password_hash = rehashed
        token, who = start_session(session=session, user=user, lifetime=web.session_lifetime, at=at)
        record_audit(session=session, action=AuditAction.LOGIN, at=at, staff_id=who.staff_id)
    response = RedirectResponse(LANDING[who.role], status_code=303)
    cookies.put(
        response,
        cookies.SESSION,
        token,
        secure=web.secure_cookies,
        max_age=int(web.session_lifetime.total_seconds()),
    )
    cookies.drop(response, cookies.LOGIN_CSRF, secure=web.secure_cookies)
    return response


@router.post("/logout")
def logout(
    request: Request, web: Web, staff: Staff, form: Annotated[CsrfOnlyForm, Form()]
) -> RedirectResponse:
    """End this session (the row goes, so the cookie is worthless even if kept)."""
    with web.transaction() as session:
        end_session(session=session, session_id=staff.session_id)
        record_audit(
            session=session, action=AuditAction.LOGOUT, at=web.now(), staff_id=staff.staff_id
        )
    response = RedirectResponse("/login?signed_out", status_code=303)
    cookies.drop(response, cookies.SESSION, secure=web.secure_cookies)
    return response


def _form(
    request: Request,
    web: WebContext,
    *,
    token: str,
    error: str | None = None,
    done: str | None = None,
    status_code: int = 200,
) -> Response:
    response = web.templates.render(
        request, "login.html", status_code=status_code, csrf_token=token, error=error, done=done
    )
    cookies.put(
        response,
        cookies.LOGIN_CSRF,
        token,
        secure=web.secure_cookies,
        max_age=cookies.LOGIN_CSRF_SECONDS,
        same_site="strict",
    )
    return response


def _end_any_session(request: Request, web: WebContext, session: Session) -> None:
    """Signing in again replaces whatever session the browser had (no fixation)."""
    old = cookies.read(request, cookies.SESSION, secure=web.secure_cookies)
    if old is not None and (found := signed_in(session=session, token=old, at=web.now())):
        end_session(session=session, session_id=found.session_id)
