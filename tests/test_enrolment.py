"""Cohorts, one-time invite codes and ``/start <code>``."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import main
from bot.services import Services
from bot.store.invites import MAX_FAILED_ATTEMPTS, create_cohort, create_invites
from bot.store.models import Cohort, EngagementEvent, EventType, InviteCode, Participant

from conftest import Clock
from drivers import ServiceDriver


def make_codes(services: Services, clock, *, count: int = 2, days: int = 30) -> list[str]:
    with services.database.transaction() as session:
        cohort = create_cohort(session=session, name="Camden spring", programme="CL", at=clock())
        return create_invites(
            session=session,
            cohort=cohort,
            count=count,
            valid_for=timedelta(days=days),
            hasher=services.conversation.invite_hash,
            at=clock(),
        )


def cohort_of(services: Services, participant: str) -> str | None:
    pseudonym = services.conversation.pseudonym(transport="test", external_id=participant)
    with services.database.transaction() as session:
        person = session.scalar(select(Participant).where(Participant.pseudonym == pseudonym))
        if person is None or person.cohort_id is None:
            return None
        cohort = session.get(Cohort, person.cohort_id)
        return cohort.name if cohort else None


def test_a_code_joins_the_cohort_once(services: Services, clock) -> None:
    code = make_codes(services, clock)[0]
    alice = ServiceDriver(services, clock, participant="alice")
    alice.command(f"/start {code.lower()}")
    assert "joined Camden spring" in alice.text
    assert "Which reflection" in alice.text  # then the usual greeting and menu
    assert cohort_of(services, "alice") == "Camden spring"
    alice.command(f"/start {code}")
    assert "already in Camden spring" in alice.text
    bob = ServiceDriver(services, clock, participant="bob")
    bob.command(f"/start {code}")
    assert "already been used" in bob.text
    assert cohort_of(services, "bob") is None
    with services.database.transaction() as session:
        joined = session.scalars(
            select(EngagementEvent).where(EngagementEvent.type == EventType.COHORT_JOINED)
        ).all()
        assert len(joined) == 1 and joined[0].cohort_id is not None


def test_codes_are_stored_only_as_hashes(services: Services, clock) -> None:
    codes = make_codes(services, clock, count=5)
    assert len(set(codes)) == 5
    assert all(re.fullmatch(r"[A-Z2-9]{12}", code) for code in codes)
    with services.database.transaction() as session:
        stored = session.scalars(select(InviteCode.code_hash)).all()
    assert not set(codes) & set(stored)


def test_an_expired_code_is_refused(services: Services, clock) -> None:
    code = make_codes(services, clock, days=1)[0]
    clock.advance(days=2)
    driver = ServiceDriver(services, clock, participant="carol")
    driver.command(f"/start {code}")
    assert "expired" in driver.text
    assert cohort_of(services, "carol") is None


def test_guessing_is_rate_limited_even_for_a_real_code(services: Services, clock) -> None:
    code = make_codes(services, clock)[0]
    driver = ServiceDriver(services, clock, participant="mallory")
    for attempt in range(MAX_FAILED_ATTEMPTS):
        driver.command(f"/start WRONGCODE{attempt:03d}")
        assert "didn't work" in driver.text
    driver.command(f"/start {code}")
    assert "Too many codes" in driver.text
    assert cohort_of(services, "mallory") is None
    clock.advance(hours=1, minutes=1)
    driver.command(f"/start {code}")
    assert "joined" in driver.text


@pytest.mark.parametrize("argument", ["", "   ", "x" * 500, "<script>", "DROP TABLE cohorts;--"])
def test_start_without_a_real_code_still_greets(services: Services, clock, argument) -> None:
    driver = ServiceDriver(services, clock, participant="dan")
    driver.command(f"/start {argument}")
    assert "reflection coach" in driver.text


def test_cli_creates_a_cohort_and_prints_codes_with_links(services: Services, monkeypatch) -> None:
    monkeypatch.setenv("COACH_DATABASE_URL", services.settings.database_url or "")
    monkeypatch.setenv("COACH_TELEGRAM_BOT_USERNAME", "@coach_test_bot")
    runner = CliRunner()
    created = runner.invoke(main, ["cohorts", "create", "Leeds autumn"])
    assert created.exit_code == 0, created.output
    again = runner.invoke(main, ["cohorts", "create", "Leeds autumn"])
    assert again.exit_code == 0
    result = runner.invoke(main, ["invites", "create", "--cohort", "Leeds autumn", "--count", "3"])
    assert result.exit_code == 0, result.output
    links = re.findall(r"https://t\.me/coach_test_bot\?start=([A-Z2-9]{12})", result.output)
    assert len(links) == 3
    missing = runner.invoke(main, ["invites", "create", "--cohort", "Nowhere"])
    assert missing.exit_code != 0 and "no cohort called 'Nowhere'" in missing.output
    too_many = runner.invoke(
        main, ["invites", "create", "--cohort", "Leeds autumn", "--count", "0"]
    )
    assert too_many.exit_code != 0
    driver = ServiceDriver(services, Clock(), participant="erin")
    driver.command(f"/start {links[0]}")
    assert "joined Leeds autumn" in driver.text


def test_an_invitation_link_is_kept_through_the_consent_questions(
    services: Services, clock
) -> None:
    code = make_codes(services, clock)[0]
    newcomer = ServiceDriver(services, clock, participant="newcomer", agree=None)
    newcomer.command(f"/start {code}")
    assert "1 of 3" in newcomer.text
    assert cohort_of(services, "newcomer") is None  # nothing kept yet, the code not spent
    for label in ("Yes, keep them", "Yes, my coach may see them", "No thanks"):
        newcomer.press(label)
    assert "joined Camden spring" in newcomer.text and "Which reflection" in newcomer.text
    assert cohort_of(services, "newcomer") == "Camden spring"
