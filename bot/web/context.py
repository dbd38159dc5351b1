"""What every request handler of the dashboard is given: built once by ``create_app``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, cast
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bot.services import Services
from bot.settings import Settings
from bot.web.passwords import Passwords
from bot.web.rendering import Templates
from bot.web.throttle import LoginThrottle


@dataclass(frozen=True)
class WebContext:
    services: Services
    settings: Settings
    passwords: Passwords
    throttle: LoginThrottle
    templates: Templates
    clock: Callable[[], datetime]

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.settings.web_session_hours)

    @property
    def secure_cookies(self) -> bool:
        return self.settings.web_cookies_secure

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today where the coaches are, for "late" ledger items."""
        return self.now().astimezone(ZoneInfo(self.settings.timezone)).date()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.services.database.transaction() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """For work that only reads: it holds up none of the bot's writes (see Database)."""
        with self.services.database.reading() as session:
            yield session


def web_context(request: Request) -> WebContext:
    return cast(WebContext, request.app.state.web)


Web = Annotated[WebContext, Depends(web_context)]
