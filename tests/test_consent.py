"""Consent: separate choices, versioned against the privacy notice, changeable, enforced."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from sqlalchemy import select

from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.consent import coach_visible_sessions, current_consent
from bot.store.models import ConsentRecord, Participant

from conftest import PROMPTS
from drivers import ServiceDriver

FLOW = ["/respond", "Bins", "2", "I moan", "Report it", "Caretaker", "Say hello", "tomorrow", "5"]


def walk(driver: ServiceDriver, lines: list[str]) -> None:
    for line in lines:
        driver.command(line) if line.startswith("/") else driver.say(line)


def participant_id(services: Services, name: str) -> int:
    pseudonym = services.conversation.pseudonym(transport="test", external_id=name)
    with services.database.transaction() as session:
        found = session.scalar(select(Participant.id).where(Participant.pseudonym == pseudonym))
    assert found is not None
    return found


def visible(services: Services, pid: int) -> list[int]:
    with services.database.transaction() as session:
        return [row.number for row in coach_visible_sessions(session=session, participant_id=pid)]


def test_sharing_can_be_switched_off_and_one_reflection_kept_private(
    services: Services, clock
) -> None:
    driver = ServiceDriver(services, clock)  # agreed: keep, share, no model
    walk(driver, FLOW)
    assert "Your coach will see this reflection" in driver.text
    pid = participant_id(services, "p1")
    assert visible(services, pid) == [1]
    driver.press("Keep this one private")
    assert "private" in driver.text and visible(services, pid) == []
    driver.press("Share this one after all")
    assert visible(services, pid) == [1]

    driver.command("/consent")
    assert "share with my coach \u2013 yes" in driver.text
    driver.press("Stop sharing with my coach")
    assert "share with my coach \u2013 no" in driver.text
    assert visible(services, pid) == []  # at once, whatever each reflection says
    walk(driver, FLOW)
    assert "Your coach will see" not in driver.text  # nothing to offer: nothing is shared
    with services.database.transaction() as session:
        history = session.scalars(
            select(ConsentRecord.purpose).where(ConsentRecord.participant_id == pid)
        ).all()
        # Each change appends the choices as they now stand; nothing earlier is overwritten.
        assert sorted(history) == ["keep", "model", "model", "share", "share"]


def test_stop_keeping_is_erasure_after_confirmation(services: Services, clock) -> None:
    driver = ServiceDriver(services, clock)
    walk(driver, FLOW[:3])
    driver.command("/consent")
    driver.press("Stop keeping anything (erases it all)")
    assert "can't be undone" in driver.text
    driver.press("Yes, erase everything")
    with services.database.transaction() as session:
        assert session.scalars(select(Participant)).all() == []


def test_a_new_notice_version_asks_again_but_rights_still_work(
    settings: Settings, tmp_path: Path, clock
) -> None:
    first = build_services(settings)
    try:
        driver = ServiceDriver(first, clock)
        walk(driver, FLOW[:3])
        pid = participant_id(first, "p1")
    finally:
        first.close()

    prompts = tmp_path / "prompts-v2"
    shutil.copytree(PROMPTS, prompts)
    notice = yaml.safe_load((prompts / "privacy.yaml").read_text(encoding="utf-8"))
    notice["version"] = "2099-01-01"
    (prompts / "privacy.yaml").write_text(yaml.safe_dump(notice), encoding="utf-8")
    second = build_services(settings.model_copy(update={"prompts_dir": prompts}))
    try:
        again = ServiceDriver(second, clock, agree=None)
        again.say("I reported the bins")
        assert "changed since you last agreed" in again.text and "2099-01-01" in again.text
        again.command("/export")  # a right needs no fresh consent
        assert any(reply.document is not None for reply in again.last)
        again.say("hello")
        again.press("Yes, keep them")
        again.press("No, just for me")
        again.press("No thanks")
        with second.database.transaction() as session:
            now = current_consent(session=session, participant_id=pid)
        assert now is not None and now.version == "2099-01-01" and not now.share
        assert visible(second, pid) == []
    finally:
        second.close()
