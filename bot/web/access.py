"""Who may use which route: one table, and one dependency that enforces it on every route.

Deny by default. ``authorise`` runs before every handler (``create_app`` installs it on the
whole application) and looks the matched route up in ``ROUTES`` by name: a route missing from
the table is refused to everyone, signed in or not, and a test enumerates the app's routes
against the table for every role. Every POST must also carry the CSRF token: the session's
own, or before sign-in the one set beside the form in a cookie.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from bot.store.models import StaffRole
from bot.store.staff import SignedIn, signed_in
from bot.web import cookies
from bot.web.context import WebContext, web_context

ANONYMOUS = "anonymous"
COACH, EVALUATOR, ADMIN = StaffRole.COACH.value, StaffRole.EVALUATOR.value, StaffRole.ADMIN.value
STAFF = frozenset({COACH, EVALUATOR, ADMIN})
EVERYONE = STAFF | {ANONYMOUS}
WHO = (ANONYMOUS, COACH, EVALUATOR, ADMIN)
SAFE_METHODS = frozenset({"GET", "HEAD"})

# Route name -> who may use it. Names are the handlers' names (unique across the app).
ROUTES: Mapping[str, frozenset[str]] = {
    "static": EVERYONE,  # the stylesheet: served by StaticFiles, outside this dependency
    "login_form": EVERYONE,
    "login": EVERYONE,
    "logout": STAFF,
    "home": STAFF,
    "staff_list": frozenset({ADMIN}),
    "staff_add": frozenset({ADMIN}),
    "staff_disable": frozenset({ADMIN}),
    "cohorts": frozenset({ADMIN}),
    "assignments": frozenset({ADMIN}),
    "assign": frozenset({ADMIN}),
    "audit_log": frozenset({ADMIN}),
    "invites": frozenset({ADMIN}),
    "invites_create": frozenset({ADMIN}),
    "caseload": frozenset({COACH}),
    "participant": frozenset({COACH}),
    "brief": frozenset({COACH}),
    "call_done": frozenset({COACH}),
    "note_add": frozenset({COACH}),
    "evaluator_home": frozenset({EVALUATOR}),
    "evaluator_activity": frozenset({EVALUATOR}),
    "evaluator_reflections": frozenset({EVALUATOR}),
    "evaluator_retention": frozenset({EVALUATOR}),
    "evaluator_commitments": frozenset({EVALUATOR}),
    "evaluator_calls": frozenset({EVALUATOR}),
    "evaluator_safety": frozenset({EVALUATOR}),
    "evaluator_cohorts_csv": frozenset({EVALUATOR}),
    "evaluator_activity_csv": frozenset({EVALUATOR}),
    "evaluator_reflections_csv": frozenset({EVALUATOR}),
    "evaluator_stopping_points_csv": frozenset({EVALUATOR}),
    "evaluator_retention_csv": frozenset({EVALUATOR}),
    "evaluator_commitments_csv": frozenset({EVALUATOR}),
    "evaluator_calls_csv": frozenset({EVALUATOR}),
    "evaluator_safety_flags_csv": frozenset({EVALUATOR}),
}


class LoginRequired(Exception):
    """No valid session on a route that needs one: the app answers with the sign-in page."""


async def authorise(request: Request) -> SignedIn | None:
    """Refuse the request unless the route table lets this visitor use this route."""
    route = request.scope.get("route")
    allowed = ROUTES.get(getattr(route, "name", "") or "")
    if allowed is None:
        raise HTTPException(status_code=403)
    web = web_context(request)
    staff = await run_in_threadpool(_signed_in, web, request)
    request.state.staff = staff
    if (staff.role.value if staff else ANONYMOUS) not in allowed:
        if staff is None:
            raise LoginRequired
        raise HTTPException(status_code=403)
    if request.method not in SAFE_METHODS:
        await _check_csrf(request, web, staff)
    return staff


def current_staff(staff: Annotated[SignedIn | None, Depends(authorise)]) -> SignedIn:
    """The signed-in user, on a route the table keeps from anonymous visitors."""
    if staff is None:  # the table lets anonymous visitors in here: a mistake in ROUTES
        raise HTTPException(status_code=403)
    return staff


Staff = Annotated[SignedIn, Depends(current_staff)]


def _signed_in(web: WebContext, request: Request) -> SignedIn | None:
    token = cookies.read(request, cookies.SESSION, secure=web.secure_cookies)
    if token is None:
        return None
    with web.reading() as session:  # on every request: it must not queue behind the bot
        return signed_in(session=session, token=token, at=web.now())


async def _check_csrf(request: Request, web: WebContext, staff: SignedIn | None) -> None:
    form = await request.form()
    given = form.get("csrf_token")
    expected = (
        staff.csrf_token
        if staff is not None
        else cookies.read(request, cookies.LOGIN_CSRF, secure=web.secure_cookies)
    )
    if not (
        isinstance(given, str)
        and expected
        and hmac.compare_digest(given.encode(), expected.encode())
    ):
        raise HTTPException(status_code=403, detail="csrf")
