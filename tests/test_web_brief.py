"""The pre-call brief's page: its order, its recurring themes and what "since the last call"
means, on both databases. The one-page print is checked in Chromium (test_web_browser.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from bot.services import Services
from bot.store.models import CallRequest
from bot.web.app import create_app

from conftest import Clock
from drivers import ServiceDriver
from web_support import RESPOND, Browser, add_staff, assign, browser, participant

NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SHARER, KEEPER, CHECKER = "770000000201", "770000000202", "770000000203"
HOSTILE_ACTION = "<b>Ring</b> the caretaker"


@pytest.fixture
def app(services: Services) -> FastAPI:
    return create_app(services, clock=Clock(NOON))


@pytest.fixture
def coach(services: Services, app: FastAPI) -> Browser:
    return browser(app, services, add_staff(services, "a@example.org", "coach"))


def _person(
    services: Services, coach: Browser, name: str, problem: str, **kwargs: bool
) -> tuple[int, ServiceDriver]:
    """Someone assigned to ``coach`` who has done one /respond about ``problem``."""
    pid, driver = participant(services, name, answers=[problem, *RESPOND[1:]], **kwargs)
    assert coach.staff_id is not None
    assign(services, pid, coach.staff_id)
    return pid, driver


def _respond(driver: ServiceDriver, problem: str, *, private: bool = False) -> None:
    driver.command("/respond")
    for answer in [problem, *RESPOND[1:]]:
        driver.say(answer)
    if private:
        driver.press("Keep this one private")


def _section(page: str, name: str) -> str:
    found = re.search(rf'<section class="brief-{name}">(.*?)</section>', page, re.S)
    assert found, page
    return found.group(1)


def test_the_brief_is_in_the_order_of_the_call(services: Services, coach: Browser) -> None:
    pid, driver = _person(services, coach, SHARER, "The bins on the estate")
    driver.command("/callme the bins")
    page = coach.get(f"/coach/participants/{pid}/brief").text
    headings = re.findall(r"<h2>([^<]*)", page)
    assert headings == [
        "What they want to talk about",
        "Commitments and what came of them",
        "Recurring themes ",
        "Reflections so far",
        "Suggested questions",
    ]
    # Key answers only, each under a short label; the rest counted, with the way to it.
    reflections = _section(page, "reflections")
    assert '<dt class="question" title="Describe a problem' in reflections
    assert ">The problem</dt>" in reflections and ">Own part</dt>" in reflections
    assert "I can ring the caretaker" not in reflections
    assert f'6 more answers on the <a href="/coach/participants/{pid}#reflection-1">' in reflections
    timeline = coach.get(f"/coach/participants/{pid}").text
    assert 'id="reflection-1"' in timeline and "I can ring the caretaker" in timeline


def test_themes_come_only_from_shared_reflections(services: Services, coach: Browser) -> None:
    pid, driver = _person(services, coach, SHARER, "The caretaker never empties the bins")
    _respond(driver, "The bins are overflowing and the caretaker shrugs")
    _respond(driver, "The allotment shed was broken into", private=True)
    _respond(driver, "The allotment gate is broken", private=True)
    themes = _section(coach.get(f"/coach/participants/{pid}/brief").text, "themes")
    assert "in two or more of 2 shared reflections" in themes
    assert "caretaker <span" in themes and "(2 of 2)" in themes
    assert "housing officer <span" in themes and "bins <span" in themes
    assert "allotment" not in themes and "broken" not in themes
    # A person who does not share gives the coach no themes at all.
    kid, _ = _person(services, coach, KEEPER, "The caretaker again", share=False)
    kept = _section(coach.get(f"/coach/participants/{kid}/brief").text, "themes")
    assert "Nothing has come up more than once" in kept and "caretaker" not in kept
    assert "of 0 shared reflections" in kept


def test_since_the_last_call_the_brief_starts_again(
    services: Services, app: FastAPI, coach: Browser
) -> None:
    pid, driver = _person(services, coach, SHARER, "The bins by the school")
    _respond(driver, "The bins by the shops")
    driver.command("/callme the bins")
    with services.database.transaction() as session:
        call_id = session.scalar(select(CallRequest.id).where(CallRequest.participant_id == pid))
    coach.post(f"/coach/participants/{pid}/calls/done", {"call_id": str(call_id)})
    driver.clock.advance(days=1)  # type: ignore[attr-defined]
    _respond(driver, "The lifts in the tower")
    page = coach.get(f"/coach/participants/{pid}/brief").text
    reflections = _section(page, "reflections")
    assert "<h2>Reflections since the last call</h2>" in page
    assert "The lifts in the tower" in reflections and "The bins" not in reflections
    themes = _section(page, "themes")
    assert "caretaker <span" in themes
    assert "(3 of 3, 1 since the last call)" in themes
    assert "bins" not in themes  # only before the last call: a theme of an earlier call
    commitments = _section(page, "commitments")
    assert commitments.count("Ring the caretaker") == 3
    assert commitments.count('<span class="tag">new</span>') == 1
    assert "No open call request" in _section(page, "calls")


def _check_in_not_yet(driver: ServiceDriver, *, private: bool = False) -> None:
    driver.command("/checkin")
    driver.press("Not yet")
    driver.command("/skip")
    driver.command("/skip")
    driver.press("Keep going with it")
    driver.say("Try again on Monday")
    driver.say("In a week")
    assert "everything reviewed" in driver.text
    if private:
        driver.press("Keep this one private")


@pytest.mark.parametrize(("private", "shown"), [(False, True), (True, False)])
def test_a_commitment_put_off_at_two_check_ins_is_a_theme(
    services: Services, coach: Browser, private: bool, shown: bool
) -> None:
    answers = [*RESPOND[:5], HOSTILE_ACTION, *RESPOND[6:]]
    pid, driver = participant(services, CHECKER, answers=answers)
    assert coach.staff_id is not None
    assign(services, pid, coach.staff_id)
    _check_in_not_yet(driver)
    # A check-in the person keeps private keeps its "not yet" private too.
    _check_in_not_yet(driver, private=private)
    themes = _section(coach.get(f"/coach/participants/{pid}/brief").text, "themes")
    put_off = "“&lt;b&gt;Ring&lt;/b&gt; the caretaker” not done yet at 2 check-ins"
    assert (put_off in themes) is shown
    assert "<b>" not in themes
