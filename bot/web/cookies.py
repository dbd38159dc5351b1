"""The dashboard's two cookies: the session, and the sign-in form's CSRF token.

Both are HttpOnly (no script can read them) and SameSite; with ``Secure`` they take the
``__Host-`` prefix, which browsers accept only from HTTPS, for path ``/`` and with no domain,
so a neighbouring subdomain cannot plant one.
"""

from __future__ import annotations

from typing import Literal

from starlette.requests import Request
from starlette.responses import Response

SESSION = "coach_session"
# Before sign-in there is no session to hold a CSRF token, so the form's token is also set as
# a cookie and the two must match (the double-submit pattern).
LOGIN_CSRF = "coach_login_csrf"
LOGIN_CSRF_SECONDS = 3600


def name(base: str, *, secure: bool) -> str:
    return f"__Host-{base}" if secure else base


def read(request: Request, base: str, *, secure: bool) -> str | None:
    value = request.cookies.get(name(base, secure=secure))
    return value if value and len(value) <= 128 else None


def put(
    response: Response,
    base: str,
    value: str,
    *,
    secure: bool,
    max_age: int,
    same_site: Literal["lax", "strict"] = "lax",
) -> None:
    response.set_cookie(
        name(base, secure=secure),
        value,
        max_age=max_age,
        path="/",
        secure=secure,
        httponly=True,
        samesite=same_site,
    )


def drop(response: Response, base: str, *, secure: bool) -> None:
    response.delete_cookie(
        name(base, secure=secure), path="/", secure=secure, httponly=True, samesite="lax"
    )
