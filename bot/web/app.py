"""The dashboard application, built by ``create_app`` from the composition root's services.

Nothing is built at import time. Every route passes through ``access.authorise`` (installed as
an application-wide dependency), every response through ``SecurityHeaders``. There are no
OpenAPI or docs pages: they would be routes outside the access table, and there is no API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from http import HTTPStatus

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.services import Services
from bot.settings import Settings, SettingsError
from bot.store.models import utcnow
from bot.web.access import LoginRequired, authorise
from bot.web.context import WebContext
from bot.web.headers import SecurityHeaders
from bot.web.passwords import Passwords
from bot.web.rendering import STATIC, Templates
from bot.web.routes import admin, auth, coach, evaluator, invites
from bot.web.throttle import LoginThrottle

# Forms here are a few short fields; nothing legitimate comes near this.
MAX_BODY_BYTES = 64 * 1024
MESSAGES = {
    400: "That request could not be understood.",
    403: "You do not have access to this page.",
    404: "There is nothing here.",
    405: "That is not something this page does.",
    413: "That was too large.",
}


def create_app(
    services: Services,
    *,
    settings: Settings | None = None,
    clock: Callable[[], datetime] = utcnow,
    passwords: Passwords | None = None,
) -> FastAPI:
    """The dashboard over ``services``; ``settings`` default to the services' own."""
    settings = settings or services.settings
    key = services.settings.encryption_key
    if key is None:
        raise SettingsError("COACH_ENCRYPTION_KEY must be set")
    web = WebContext(
        services=services,
        settings=settings,
        passwords=passwords or Passwords(),
        throttle=LoginThrottle(secret=key),
        templates=Templates(timezone=settings.timezone),
        clock=clock,
    )
    app = FastAPI(
        title="Coach dashboard",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(authorise)],
        max_body_size=MAX_BODY_BYTES,
        # FastAPI's OpenTelemetry hooks can carry request bodies (passwords, participants'
        # words) to whatever exporter a library set up; nothing of ours is traced.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.web = web
    # Added one by one rather than with include_router, so that app.routes lists every route
    # itself (the access test walks it) and each carries the application-wide authorise.
    for module in (auth, admin, invites, coach, evaluator):
        for route in module.router.routes:
            assert isinstance(route, APIRoute)
            app.add_api_route(
                route.path, route.endpoint, methods=sorted(route.methods or ()), name=route.name
            )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)

    async def login_required(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/login", status_code=303)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _error_page(request, web, exc.status_code, exc.detail, exc.headers)

    async def bad_form(request: Request, exc: Exception) -> Response:
        return _error_page(request, web, 400, None, None)

    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_form)
    return app


def _error_page(
    request: Request,
    web: WebContext,
    status: int,
    detail: object,
    headers: Mapping[str, str] | None,
) -> Response:
    message = MESSAGES.get(status) or HTTPStatus(status).phrase
    # Only our own sentences are shown (e.g. "You cannot disable your own account."), never
    # anything built from the request.
    if status == 400 and isinstance(detail, str) and detail.endswith("."):
        message = detail
    response = web.templates.render(
        request, "error.html", status_code=status, status=status, message=message
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
