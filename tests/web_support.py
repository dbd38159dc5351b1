"""Helpers for the dashboard tests: staff accounts, signed-in clients and participants with data.

Hashing a password with argon2 takes a noticeable fraction of a second, so one hash of the
shared test password is made once and given to every account; signing in through the form is
exercised by the login tests, and other tests start a session directly in the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.services import Services
from bot.store.assignments import assign_coach
from bot.store.models import Participant, StaffRole, StaffUser
from bot.store.staff import create_staff, start_session
from bot.web.passwords import Passwords

from conftest import Clock
from drivers import ServiceDriver
from log_watch import WATCH

PASSWORD = "correct horse battery staple"
WATCH.seed(PASSWORD)
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]*)"')
# A /respond reflection, answer by answer (the knowledge step is off in the tests).
RESPOND = [
    "The bins on the estate are never emptied",
    "3",
    "I never report it myself",
    "I can ring the caretaker",
    "The caretaker and the housing officer",
    "Ring the caretaker",
    "Tomorrow",
    "7",
]


@cache
def password_hash() -> str:
    return Passwords().hash(PASSWORD)


def add_staff(services: Services, email: str, role: StaffRole | str, *, active: bool = True) -> int:
    with services.database.transaction() as session:
        user = create_staff(
            session=session,
            email=email,
            role=StaffRole(role),
            password_hash=password_hash(),
            at=datetime.now(UTC),
        )
        user.active = active
        return user.id


@dataclass
class Browser:
    """A test client signed in (or not) as one staff member, with their CSRF token."""

    client: TestClient
    staff_id: int | None = None
    csrf: str = ""

    def get(self, path: str, **kwargs: object):
        return self.client.get(path, follow_redirects=False, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: bool = True):
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf_token", self.csrf)
        return self.client.post(path, data=form, follow_redirects=False)


def browser(app: FastAPI, services: Services, staff_id: int | None = None) -> Browser:
    """A fresh client; signed in as ``staff_id`` through a session made in the store."""
    client = TestClient(app)
    if staff_id is None:
        return Browser(client)
    with services.database.transaction() as session:
        user = session.get(StaffUser, staff_id)
        assert user is not None
        token, who = start_session(
            session=session,
            user=user,
            lifetime=app.state.web.session_lifetime,
            at=datetime.now(UTC),
        )
    WATCH.seed(token)
    client.cookies.set("coach_session", token)
    return Browser(client, staff_id, who.csrf_token)


def sign_in_through_form(client: TestClient, email: str, password: str = PASSWORD):
    """Fetch the form (and its CSRF cookie), then post it; the response is not followed."""
    page = client.get("/login")
    token = CSRF_FIELD.search(page.text)
    assert token, page.text
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )


def participant(
    services: Services,
    name: str,
    *,
    share: bool = True,
    answers: list[str] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> tuple[int, ServiceDriver]:
    """A participant who has finished one /respond reflection; their id and driver."""
    driver = ServiceDriver(
        services, clock or Clock(), participant=name, agree="k1s1m0" if share else "k1s0m0"
    )
    driver.command("/respond")
    for answer in answers or RESPOND:
        driver.say(answer)
    pseudonym = services.conversation.pseudonym(transport="test", external_id=name)
    with services.database.transaction() as session:
        pid = session.scalar(select(Participant.id).where(Participant.pseudonym == pseudonym))
    assert pid is not None
    return pid, driver


def assign(services: Services, participant_id: int, coach_id: int) -> None:
    with services.database.transaction() as session:
        assign_coach(
            session=session, participant_id=participant_id, staff_id=coach_id, at=datetime.now(UTC)
        )
