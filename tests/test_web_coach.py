"""The coach's pages: only their own participants, only what those people share, all audited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from bot.services import Services
from bot.store.audit import short_pseudonym
from bot.store.models import AuditEntry
from bot.store.participants import set_reply_address
from bot.web.app import create_app

from conftest import Clock
from web_support import RESPOND, Browser, add_staff, assign, browser, participant

HOSTILE = "<script>alert(1)</script> and <img src=x onerror=alert(2)> on the estate"
# Telegram-like ids, so a page that leaked one would be caught.
ALICE, BOB, CAROL, DAN = "770000000001", "770000000002", "770000000003", "770000000004"
# Sunday 22 November 2026, noon: the participants' "Tomorrow" is Monday the 23rd.
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@dataclass
class World:
    app: FastAPI
    clock: Clock
    coach: Browser
    ids: dict[str, int]
    pseudonyms: dict[str, str]


@pytest.fixture
def world(services: Services) -> World:
    """Coach A has Alice (sharing, hostile text, a flag), Carol (not sharing) and Dan (one
    reflection shared, one private); coach B has Bob; Erin has no coach."""
    clock = Clock(NOON)
    app = create_app(services, clock=clock)
    coach_a = add_staff(services, "a@example.org", "coach")
    coach_b = add_staff(services, "b@example.org", "coach")
    ids = {}
    alice, alice_driver = participant(services, ALICE, answers=_problem(HOSTILE))
    alice_driver.say("I want to end it all")  # a safety flag: the category is kept, not this
    ids["alice"] = alice
    ids["bob"], _ = participant(services, BOB, answers=_problem("A worry about the park benches"))
    ids["carol"], _ = participant(
        services, CAROL, share=False, answers=_problem("A worry kept to myself about the bus stop")
    )
    dan, dan_driver = participant(
        services, DAN, answers=_problem("A shared worry about the library")
    )
    dan_driver.command("/respond")
    private = _problem("A private worry about the allotment")
    private[5] = "Dig the beds"
    for answer in private:
        dan_driver.say(answer)
    dan_driver.press("Keep this one private")
    ids["dan"] = dan
    ids["erin"], _ = participant(services, "770000000005")
    for name in ("alice", "carol", "dan"):
        assign(services, ids[name], coach_a)
    assign(services, ids["bob"], coach_b)
    pseudonyms = {
        name: services.conversation.pseudonym(transport="test", external_id=external)
        for name, external in (("alice", ALICE), ("bob", BOB), ("carol", CAROL), ("dan", DAN))
    }
    return World(app, clock, browser(app, services, coach_a), ids, pseudonyms)


def _problem(text: str) -> list[str]:
    """A /respond reflection whose problem is ``text``."""
    return [text, *RESPOND[1:]]


def _audit(services: Services) -> list[tuple[str, int | None, str | None]]:
    with services.database.transaction() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.participant_id, AuditEntry.detail).order_by(
                AuditEntry.id
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _row(page: str, participant_id: int) -> str:
    found = re.search(
        rf'<tr class="participant" data-participant="{participant_id}">(.*?)</tr>', page, re.S
    )
    assert found, f"participant {participant_id} not listed"
    return found.group(1)


def _cells(row: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>|\s+", " ", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_the_caseload_lists_only_the_coachs_own_participants(
    services: Services, world: World
) -> None:
    page = world.coach.get("/coach")
    assert page.status_code == 200
    listed = {int(pid) for pid in re.findall(r'data-participant="(\d+)"', page.text)}
    assert listed == {world.ids["alice"], world.ids["carol"], world.ids["dan"]}
    alice = _cells(_row(page.text, world.ids["alice"]))
    assert alice[0] == short_pseudonym(world.pseudonyms["alice"])
    # One open commitment, none late, one safety flag, no call asked for.
    assert alice[3:] == ["1", "0", "1", "0"]
    carol = _cells(_row(page.text, world.ids["carol"]))
    assert "not sharing" in carol[0] and carol[3:] == ["0", "0", "0", "0"]
    dan = _cells(_row(page.text, world.ids["dan"]))
    assert dan[3:] == ["1", "0", "0", "0"]  # the private reflection's commitment is not counted
    for name in ("alice", "bob", "carol", "dan"):
        assert world.pseudonyms[name] not in page.text  # never the whole pseudonym
    assert short_pseudonym(world.pseudonyms["bob"]) not in page.text
    assert sorted(_audit(services)) == sorted(
        ("caseload_listed", world.ids[name], None) for name in ("alice", "carol", "dan")
    )


def test_a_commitment_past_its_date_shows_as_late(world: World) -> None:
    world.clock.advance(days=2)
    alice = _cells(_row(world.coach.get("/coach").text, world.ids["alice"]))
    assert alice[3:5] == ["1", "1"]
    page = world.coach.get(f"/coach/participants/{world.ids['alice']}").text
    assert 'class="tag alert">late' in page


def test_the_timeline_puts_each_question_beside_its_redacted_answer(world: World) -> None:
    page = world.coach.get(f"/coach/participants/{world.ids['dan']}")
    assert page.status_code == 200
    text = page.text
    question = "Describe a problem that&#39;s bothering you"
    assert question in text
    pairs = re.findall(
        r'<dt class="question">(.*?)</dt>\s*<dd class="answer[^"]*">(.*?)</dd>', text, re.S
    )
    answers = dict((q.split(",")[0].strip(), a.strip()) for q, a in pairs)
    assert answers[question] == "A shared worry about the library"
    assert "3 out of 10" in text and "7 out of 10" in text  # scales, with their range
    assert "Ring the caretaker" in text  # the commitment, in the ledger
    assert "You went from" not in text  # the coach's own closing words are not answers
    assert page.headers["cache-control"] == "no-store"


def test_hostile_participant_text_is_shown_inert(world: World) -> None:
    page = world.coach.get(f"/coach/participants/{world.ids['alice']}").text
    assert "<script>alert(1)</script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script" not in page  # no script of any kind on the page


def test_a_private_reflection_is_not_shown(world: World) -> None:
    page = world.coach.get(f"/coach/participants/{world.ids['dan']}").text
    assert "A shared worry about the library" in page
    assert "allotment" not in page and "Dig the beds" not in page
    assert page.count('class="reflection"') == 1


def test_a_participant_who_does_not_share_shows_no_reflections(world: World) -> None:
    page = world.coach.get(f"/coach/participants/{world.ids['carol']}").text
    assert "chosen not to share" in page
    assert "bus stop" not in page and "Ring the caretaker" not in page
    assert 'class="reflection"' not in page


def test_safety_flags_show_the_category_and_time_never_the_words(world: World) -> None:
    page = world.coach.get(f"/coach/participants/{world.ids['alice']}").text
    assert page.count('class="flag"') == 1
    assert "end it all" not in page


def test_another_coachs_participant_is_not_found_and_the_attempt_is_audited(
    services: Services, world: World
) -> None:
    theirs = world.coach.get(f"/coach/participants/{world.ids['bob']}")
    nobody = world.coach.get("/coach/participants/999999")
    unassigned = world.coach.get(f"/coach/participants/{world.ids['erin']}")
    assert theirs.status_code == nobody.status_code == unassigned.status_code == 404
    assert theirs.text == nobody.text  # nothing tells a real id from a made-up one
    assert "park benches" not in theirs.text
    assert short_pseudonym(world.pseudonyms["bob"]) not in theirs.text
    assert _audit(services) == [
        ("participant_refused", world.ids["bob"], "not assigned"),
        ("participant_refused", None, "no such participant"),
        ("participant_refused", world.ids["erin"], "not assigned"),
    ]


def test_viewing_a_timeline_is_audited(services: Services, world: World) -> None:
    world.coach.get(f"/coach/participants/{world.ids['dan']}")
    world.coach.get(f"/coach/participants/{world.ids['carol']}")
    assert _audit(services) == [
        ("timeline_viewed", world.ids["dan"], "reflections=1"),
        ("timeline_viewed", world.ids["carol"], "reflections=0"),
    ]


def test_ledger_outcomes_from_a_check_in_are_shown(services: Services, world: World) -> None:
    _, driver = participant(services, "770000000009", answers=RESPOND)
    pid = world.ids["alice"]
    driver.participant = ALICE  # Alice checks in on her commitment
    driver.command("/checkin")
    driver.press("Yes")
    driver.say("The caretaker came and cleared it")
    driver.say("Asking works better than waiting")
    driver.press("Done, close it")
    driver.command("/skip")
    page = world.coach.get(f"/coach/participants/{pid}").text
    assert "The caretaker came and cleared it" in page
    assert "Asking works better than waiting" in page
    assert "status-done" in page


def test_no_reply_address_or_chat_id_ever_reaches_a_page(services: Services, world: World) -> None:
    cipher = services.address_cipher.encrypt(ALICE)
    with services.database.transaction() as session:
        set_reply_address(
            session=session,
            participant_id=world.ids["alice"],
            transport="telegram",
            ciphertext=cipher,
            at=datetime.now(UTC),
        )
    pages = [world.coach.get("/coach").text]
    pages.append(world.coach.get(f"/coach/participants/{world.ids['alice']}").text)
    for page in pages:
        assert ALICE not in page and cipher.decode() not in page and "telegram" not in page.lower()
