"""The crisis check: first on every message, one reviewed card, the reflection paused, a flag
for the coach that carries no words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from bot.engine import effects as fx
from bot.safety.crisis import Category, check, check_with_history, normalise
from bot.safety.signposting import SignpostingFileError, load_signposting
from bot.services import Services
from bot.store.models import Answer, Base, EngagementEvent, EventType, SafetyFlag

from conftest import PROMPTS
from drivers import EngineDriver, ServiceDriver


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm going to kill myself tonight", Category.EXPLICIT),
        ("gonna top myself", Category.EXPLICIT),
        ("honestly kms", Category.EXPLICIT),
        ("I've took all my tablets", Category.EXPLICIT),
        ("I want to K1LL MYSELF", Category.EXPLICIT),
        ("feeling suicidaaal", Category.EXPLICIT),
        ("I want to end it all 💊", Category.EXPLICIT),
        ("i dont want to be alive", Category.EXPLICIT),
        ("asking for a friend: how do you end your life", Category.EXPLICIT),
        ("I've started cutting myself again", Category.SELF_HARM),
        ("been self-harming since the summer", Category.SELF_HARM),
        ("everyone would be better off without me", Category.INDIRECT),
        ("this is my last message", Category.INDIRECT),
        ("my partner hits me when he's been drinking", Category.HARM_FROM_OTHERS),
        ("I'm scared to go home tonight", Category.HARM_FROM_OTHERS),
        ("the council is killing this estate", None),
        ("I could murder a brew after that meeting", None),
        ("they cut the budget on purpose", None),
        ("it would be political suicide for the cabinet member", None),
        ("we can't go on like this with the repairs", None),
        ("my manager will kill me if the report is late", None),
        ("that's odd, the caretaker was there", None),
    ],
)
def test_detection(text: str, category: Category | None) -> None:
    hit = check(text)
    assert (hit.category if hit else None) == category


def test_normalising_folds_case_accents_leetspeak_and_stretching() -> None:
    assert normalise("\uff2b1LLLLL   mys\u00e9lf!!!") == "kill myself"
    assert normalise("Call 116 123 at 2pm") == "call 116 123 at 2pm"


def test_risk_spread_over_several_messages_counts() -> None:
    trail: list[int] = []
    for text in ("I feel so alone", "I just can't cope with any of it"):
        hit, trail = check_with_history(text, trail)
        assert hit is None
    hit, trail = check_with_history("honestly I feel hopeless", trail)
    assert hit is not None and hit.category == Category.INDIRECT
    assert trail == []


def test_mid_flow_the_card_pauses_the_reflection_and_keeps_no_words(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/defensive")
    driver.say("The housing panel on Tuesday")
    step = driver.state.active.step_id
    driver.say("honestly I want to end it all")
    assert "116 123" in driver.text and "85258" in driver.text and "999" in driver.text
    assert driver.state.paused and driver.state.active.step_id == step
    flagged = [e for e in driver.effects if isinstance(e, fx.SafetyFlagged)]
    assert [f.category for f in flagged] == ["explicit"]
    assert not [e for e in driver.effects if isinstance(e, fx.AnswerGiven) and e.step_id == step]
    driver.say("anyway, I wanted them to listen")
    assert "paused" in driver.text  # typed text is not taken as an answer while paused
    assert driver.state.active.step_id == step
    driver.press("Carry on with my reflection")
    assert not driver.state.paused
    driver.say("I wanted them to listen")
    assert driver.state.active.step_id != step


def test_not_now_leaves_the_reflection_waiting_until_the_person_returns(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/assumption")
    driver.say("I feel like such a burden, I can't cope, it's all hopeless")
    assert driver.state.paused
    driver.press("Not now")
    assert "/reflect" in driver.text and driver.state.paused
    driver.command("/assumption")
    assert not driver.state.paused
    assert driver.state.active is not None


def test_harm_from_others_gets_its_own_card(clock) -> None:
    driver = EngineDriver(clock)
    driver.say("my husband hits me and I'm frightened")
    assert "Domestic Abuse Helpline" in driver.text and "999" in driver.text
    assert "116 123" in driver.text


def test_a_crisis_in_a_command_argument_is_caught_first(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/ask is it normal to want to kill myself")
    assert "116 123" in driver.text
    assert not [e for e in driver.effects if isinstance(e, fx.CommandUsed)]


def test_the_flag_is_stored_without_text(services: Services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/respond")
    driver.say("Nobody would miss me, to be honest with you, Mrs Okafor")
    with services.database.transaction() as session:
        flags = session.scalars(select(SafetyFlag)).all()
        assert [(f.category, f.reviewed_at) for f in flags] == [("indirect", None)]
        events = session.scalars(
            select(EngagementEvent).where(EngagementEvent.type == EventType.SAFETY_FLAG)
        ).all()
        assert [e.detail for e in events] == ["indirect"]
        assert session.scalars(select(Answer.text)).all() == []


def test_the_signposting_file_must_name_every_service(tmp_path: Path) -> None:
    loaded = load_signposting(PROMPTS / "safety.yaml")
    assert loaded.review.reviewed_by
    data = yaml.safe_load((PROMPTS / "safety.yaml").read_text(encoding="utf-8"))
    data["cards"]["crisis"] = data["cards"]["crisis"].replace("85258", "SHOUT")
    broken = tmp_path / "safety.yaml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SignpostingFileError, match="85258"):
        load_signposting(broken)


def test_before_consent_the_card_still_comes_and_nothing_is_kept(
    services: Services, clock
) -> None:
    driver = ServiceDriver(services, clock, agree=None)
    driver.say("i want to kms tonight")
    assert "116 123" in driver.text and "85258" in driver.text
    with services.database.transaction() as session:
        for table in Base.metadata.sorted_tables:
            assert session.scalar(select(func.count()).select_from(table)) == 0, table.name


def test_privacy_explains_what_is_kept_and_the_crisis_exception(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/respond")
    driver.command("/privacy")
    text = driver.text
    assert "[PERSON 1]" in text and "encrypted" in text and "at least ten" in text
    assert "at risk" in text
    assert driver.state.active is not None  # and the reflection carries on afterwards
