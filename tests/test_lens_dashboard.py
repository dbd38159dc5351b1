"""The coach's timeline with the reasoning lens: labels beside each answer and per reflection,
the person's trend, a probe under its own wording, and nothing from a private reflection."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from bot.services import Services
from bot.store.models import LensLabel, Participant, ReflectionSession
from bot.web.app import create_app

from conftest import Clock
from drivers import ServiceDriver
from web_support import add_staff, assign, browser

PERSON = "770000000042"


def _respond(driver: ServiceDriver, probes: set[str], answers: list[str]) -> int:
    """One /respond reflection typed through; any probe is answered. The probes asked."""
    driver.command("/respond")
    asked = 0
    for answer in answers:
        driver.say(answer)
        if any(probe in driver.text for probe in probes):
            asked += 1
            driver.say("Fair point, it was different in the spring")
    return asked


def test_the_timeline_shows_labels_the_trend_and_probes_for_shared_reflections_only(
    lens_services: Services,
) -> None:
    content = lens_services.content.lens
    probes = {p.text for ps in content.probes.values() for p in ps}
    clock = Clock()
    driver = ServiceDriver(lens_services, clock, participant=PERSON)
    first = [
        "The bins are never emptied and it's the council's fault",
        "2",
        "Nobody ever listens to residents, not one officer, ever",
        "It's down to the housing officer, she never does her job",
        "The council",
        "Complain again",
        "Tomorrow",
        "2",
    ]
    assert _respond(driver, probes, first) >= 1
    second = [
        "The bins on the estate",
        "4",
        "I realise I haven't actually reported it myself",
        "I'll ring the caretaker tomorrow and ask what he sees on his rounds",
        "The caretaker and my neighbours",
        "I'll ring the caretaker on Monday and ask him",
        "Tomorrow",
        "7",
    ]
    _respond(driver, probes, second)
    private = ["Parking is a nightmare and it's all the council's fault, always", "1"]
    private += ["Not much", "Nothing", "Nobody", "Nothing", "Tomorrow", "1"]
    _respond(driver, probes, private)
    driver.press("Keep this one private")

    coach = add_staff(lens_services, "lens@example.org", "coach")
    pseudonym = lens_services.conversation.pseudonym(transport="test", external_id=PERSON)
    with lens_services.database.transaction() as session:
        pid = session.scalar(select(Participant.id).where(Participant.pseudonym == pseudonym))
    assert pid is not None
    assign(lens_services, pid, coach)
    page = browser(create_app(lens_services, clock=clock), lens_services, coach).get(
        f"/coach/participants/{pid}"
    )
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert 'class="lens-trend"' in page.text and "(2 read)" in text  # not the private one
    assert "Owning their part: 1 of the last 1 reflections, 0 of the first 1 (more often)" in text
    assert content.name("ownership") in text and content.name("absolutes") in text
    assert 'class="lens-labels"' in page.text
    assert "Follow-up question (optional): " in text
    assert "Parking is a nightmare" not in text
    visible = re.sub(r"<[^>]+>", " ", page.text)
    for label in ("blame_out_there", "absolutes", "ownership"):
        assert label not in visible  # plain words only

    # The pre-call brief counts a pattern as a theme once it comes up in two shared reflections.
    _respond(driver, probes, first)
    with lens_services.database.transaction() as session:
        shared = session.scalars(
            select(ReflectionSession.id).where(
                ReflectionSession.participant_id == pid, ReflectionSession.private.is_(False)
            )
        ).all()
        found = session.execute(
            select(LensLabel.label, LensLabel.session_id).where(LensLabel.session_id.in_(shared))
        ).all()
    sessions_by_label: dict[str, set[int]] = {}
    for label, session_id in found:
        if label != "none":
            sessions_by_label.setdefault(label, set()).add(session_id)
    brief = browser(create_app(lens_services, clock=clock), lens_services, coach).get(
        f"/coach/participants/{pid}/brief"
    )
    noticed = re.search(r'<dd class="theme-labels">(.*?)</dd>', brief.text, flags=re.S)
    recurring = {label for label, ids in sessions_by_label.items() if len(ids) >= 2}
    assert recurring, "the first reflection's patterns came up again"
    assert noticed is not None
    shown = html.unescape(re.sub(r"<[^>]+>", "", noticed.group(1)))
    for label, ids in sessions_by_label.items():
        named = f"{content.name(label)} ({len(ids)} of {len(shared)})" in shown
        assert named == (label in recurring), label
