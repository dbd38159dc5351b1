"""Signing in: argon2id, throttling per email and per client, and nothing that tells which
emails have accounts (same words, same status, same work for an unknown email)."""

from __future__ import annotations

import re
import statistics
import time

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.services import Services
from bot.store.models import AuditEntry, LoginFailure, StaffUser
from bot.web.app import create_app
from bot.web.passwords import Passwords
from bot.web.routes.auth import LOCKED, NOT_RECOGNISED

from conftest import Clock
from web_support import PASSWORD, add_staff, sign_in_through_form

TOKEN = re.compile(r'value="[^"]*"')


class CountingHasher(PasswordHasher):
    """argon2-cffi's hasher, counting verifications (each one is the expensive step)."""

    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        CountingHasher.verified += 1
        return super().verify(hash, password)


def _page(response) -> str:
    """The page without its per-request tokens, for comparing two answers."""
    return TOKEN.sub('value=""', response.text)


@pytest.mark.parametrize(
    ("role", "landing"),
    [("coach", "/coach"), ("evaluator", "/evaluator"), ("admin", "/admin/staff")],
)
def test_signing_in_lands_each_role_on_its_own_page(
    services: Services, role: str, landing: str
) -> None:
    app = create_app(services)
    staff_id = add_staff(services, f"{role}@example.org", role)
    client = TestClient(app)
    response = sign_in_through_form(client, f"  {role.upper()}@Example.org ")
    assert response.status_code == 303 and response.headers["location"] == landing
    assert client.get(landing).status_code == 200
    with services.database.transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.staff_id) == ("login", staff_id)


def test_stored_hashes_are_argon2id_with_the_library_defaults() -> None:
    stored = Passwords().hash(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert Passwords().verify(stored, PASSWORD) and not Passwords().verify(stored, "wrong")


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer_and_work(
    services: Services,
) -> None:
    app = create_app(services, passwords=Passwords(hasher=CountingHasher()))
    add_staff(services, "coach@example.org", "coach")
    disabled = add_staff(services, "gone@example.org", "coach", active=False)
    assert disabled
    answers = {}
    timings: dict[str, list[float]] = {}
    for case, email, password in (
        ("unknown", "nobody@example.org", PASSWORD),
        ("wrong", "coach@example.org", "not the password at all"),
        ("disabled", "gone@example.org", PASSWORD),
    ):
        for _ in range(3):
            before = CountingHasher.verified
            started = time.perf_counter()
            answers[case] = sign_in_through_form(TestClient(app), email, password)
            timings.setdefault(case, []).append(time.perf_counter() - started)
            assert CountingHasher.verified == before + 1, case  # one argon2 check, always
    pages = {case: _page(response) for case, response in answers.items()}
    assert {response.status_code for response in answers.values()} == {401}
    assert pages["unknown"] == pages["wrong"] == pages["disabled"]
    assert NOT_RECOGNISED in pages["unknown"]
    # Loose on purpose (a shared machine is noisy): skipping argon2 would be ~100 times faster.
    assert statistics.median(timings["unknown"]) > 0.4 * statistics.median(timings["wrong"])


def test_five_failures_lock_an_email_even_against_the_right_password(services: Services) -> None:
    clock = Clock()
    app = create_app(services, clock=clock)
    add_staff(services, "coach@example.org", "coach")
    for _ in range(5):
        assert (
            sign_in_through_form(
                TestClient(app), "coach@example.org", "wrong guess 123"
            ).status_code
            == 401
        )
    locked = sign_in_through_form(TestClient(app), "coach@example.org")
    assert locked.status_code == 429 and LOCKED in locked.text
    clock.advance(minutes=16)
    assert sign_in_through_form(TestClient(app), "coach@example.org").status_code == 303


def test_an_email_without_an_account_locks_exactly_the_same_way(services: Services) -> None:
    app = create_app(services, clock=Clock())
    add_staff(services, "coach@example.org", "coach")
    locked = {}
    for email in ("coach@example.org", "nobody@example.org"):
        for _ in range(5):
            sign_in_through_form(TestClient(app, client=(email, 1)), email, "wrong guess 123")
        locked[email] = sign_in_through_form(TestClient(app, client=(email, 1)), email)
    known, unknown = locked.values()
    assert known.status_code == unknown.status_code == 429
    assert _page(known) == _page(unknown)


def test_a_correct_password_clears_the_count_for_that_email(services: Services) -> None:
    app = create_app(services, clock=Clock())
    add_staff(services, "coach@example.org", "coach")
    for _ in range(4):
        sign_in_through_form(TestClient(app), "coach@example.org", "wrong guess 123")
    assert sign_in_through_form(TestClient(app), "coach@example.org").status_code == 303
    for _ in range(4):
        sign_in_through_form(TestClient(app), "coach@example.org", "wrong guess 123")
    assert sign_in_through_form(TestClient(app), "coach@example.org").status_code == 303


@pytest.mark.slow
def test_twenty_failures_from_one_client_lock_it_for_every_email(services: Services) -> None:
    app = create_app(services, clock=Clock())
    add_staff(services, "coach@example.org", "coach")
    guesser = ("203.0.113.9", 4000)
    for n in range(20):
        sign_in_through_form(TestClient(app, client=guesser), f"guess{n}@example.org", "guess 1234")
    assert (
        sign_in_through_form(TestClient(app, client=guesser), "coach@example.org").status_code
        == 429
    )
    elsewhere = TestClient(app, client=("198.51.100.7", 4000))
    assert sign_in_through_form(elsewhere, "coach@example.org").status_code == 303


def test_failed_attempts_are_stored_as_keyed_hashes_only(services: Services) -> None:
    app = create_app(services, clock=Clock())
    sign_in_through_form(TestClient(app, client=("192.0.2.44", 1)), "typo@example.org", "x" * 12)
    with services.database.transaction() as session:
        row = session.scalars(select(LoginFailure)).one()
    stored = f"{row.email_key} {row.client_key}"
    assert "typo" not in stored and "192.0.2.44" not in stored
    assert re.fullmatch(r"[0-9a-f]{64} [0-9a-f]{64}", stored)


def test_a_session_ends_when_its_hours_are_up(services: Services) -> None:
    clock = Clock()
    app = create_app(services, clock=clock)
    add_staff(services, "coach@example.org", "coach")
    client = TestClient(app)
    assert sign_in_through_form(client, "coach@example.org").status_code == 303
    clock.advance(hours=7, minutes=50)
    assert client.get("/coach", follow_redirects=False).status_code == 200
    clock.advance(minutes=11)
    assert client.get("/coach", follow_redirects=False).headers["location"] == "/login"


def test_a_hash_made_with_weaker_parameters_is_upgraded_at_sign_in(services: Services) -> None:
    app = create_app(services)
    staff_id = add_staff(services, "coach@example.org", "coach")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with services.database.transaction() as session:
        session.get(StaffUser, staff_id).password_hash = weak  # type: ignore[union-attr]
    assert sign_in_through_form(TestClient(app), "coach@example.org").status_code == 303
    with services.database.transaction() as session:
        stored = session.get(StaffUser, staff_id).password_hash  # type: ignore[union-attr]
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
