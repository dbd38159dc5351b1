"""Server-rendered pages: Jinja2 with autoescaping on for every template, always.

Participant text reaches a page only as ordinary template values, escaped on output; nothing
marks it safe (a test fails on ``|safe`` or ``Markup`` anywhere in the templates). Undefined
names are errors, so a misspelt variable fails a test instead of rendering blank.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from bot.store.audit import short_pseudonym

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
NOTHING = "\N{EN DASH}"


class Templates:
    def __init__(self, *, timezone: str) -> None:
        self._zone = ZoneInfo(timezone)
        self.environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["when"] = self._when
        self.environment.filters["day"] = _day
        self.environment.filters["short"] = short_pseudonym

    def render(
        self, request: Request, name: str, *, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        """The page ``name``; the signed-in user (or None) and their CSRF token come along."""
        staff = getattr(request.state, "staff", None)
        context.setdefault("csrf_token", staff.csrf_token if staff else "")
        html = self.environment.get_template(name).render(
            staff=staff, path=request.url.path, **context
        )
        return HTMLResponse(html, status_code=status_code)

    def _when(self, value: datetime | None) -> str:
        if value is None:
            return NOTHING
        return value.astimezone(self._zone).strftime("%a %d %b %Y, %H:%M")


def _day(value: date | datetime | None) -> str:
    if value is None:
        return NOTHING
    return value.strftime("%a %d %b %Y")
