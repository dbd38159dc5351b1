"""The crisis check: first on every message, one reviewed card, the reflection paused, a flag
for the coach that carries no words."""

from __future__ import annotations

import random
import string
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from bot.engine import effects as fx
from bot.safety.crisis import Category, check, check_with_history, normalise
from bot.safety.patterns import default_patterns
from bot.safety.signposting import SignpostingFileError, load_signposting
from bot.services import Services
from bot.store.models import Answer, Base, EngagementEvent, EventType, SafetyFlag

from conftest import PROMPTS, ROOT
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
        # Kinds of wording rather than single phrases: slang and dialect, means, hedged method
        # questions, passive wishes, farewells, affairs put in order, control and threats.
        ("gonnae top masel the night", Category.EXPLICIT),
        ("thinkin bout toppin myself", Category.EXPLICIT),
        ("i've necked a full strip of co-codamol", Category.EXPLICIT),
        ("hypothetically how many sleeping pills would it take to not wake up", Category.EXPLICIT),
        ("I'm on the car park roof and I'm going to jump", Category.EXPLICIT),
        ("ready 💊💊", Category.EXPLICIT),
        ("Bad day with the tenants so I went home and cut", Category.SELF_HARM),
        ("I wear long sleeves to hide the scars on my arms", Category.SELF_HARM),
        ("I hope a lorry hits me on the way home", Category.INDIRECT),
        ("I've sorted out who gets the cat, just in case", Category.INDIRECT),
        ("don't bother saving me a place next month, I won't be here", Category.INDIRECT),
        ("Thanks for everything. Goodbye.", Category.INDIRECT),
        ("my boyfriend checks my phone and takes my bank card", Category.HARM_FROM_OTHERS),
        ("he says if I tell anyone he'll hurt me", Category.HARM_FROM_OTHERS),
        # The everyday use of the same words stays quiet.
        ("This is my last message before my leave, back on the 3rd", None),
        ("the suicide prevention training was useful", None),
        ("I'm doing a course on spotting coercive control in older tenants", None),
        ("the naloxone kit is for when someone overdoses in the stairwell", None),
        ("I overdosed on mince pies at the residents' party", None),
        ("I burnt my hand on the tea urn", None),
        ("My phone's about to die, will ring you back", None),
        ("the vice chair pushed me to stand for treasurer", None),
        ("my husband beat me at darts again", None),
        ("I won't be here next week, I'm on holiday", None),
        ("We gave away all the leftover cake at the end of the fun day", None),
    ],
)
def test_detection(text: str, category: Category | None) -> None:
    hit = check(text)
    assert (hit.category if hit else None) == category


def test_normalising_folds_case_accents_leetspeak_and_stretching() -> None:
    assert normalise("\uff2b1LLLLL   mys\u00e9lf!!!") == "kill myself"
    assert normalise("Call 116 123 at 2pm") == "call 116 123 at 2pm"


_RANDOM = random.Random(1)
_WORDS = ("i", "my", "he", "partner", "took", "all", "tablets", "to", "die", "not", "out")
HOSTILE = [
    "a" * 100_000,
    "1" * 100_000,
    "he " * 33_333,
    "💊🔪" * 50_000,
    "bang my head against the wall " * 3_300,
    "bought a rope and " * 5_500,
    "".join(_RANDOM.choice(string.printable) for _ in range(100_000)),
    " ".join(_RANDOM.choice(_WORDS) for _ in range(30_000))[:100_000],
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_100000_character_message_is_checked_quickly(text: str) -> None:
    started = time.perf_counter()
    check_with_history(text, [1, 1])
    assert time.perf_counter() - started < 3.0


def test_a_flood_of_a_repeated_phrase_keeps_its_meaning() -> None:
    hit = check("kms " * 25_000)
    assert hit is not None and hit.category == Category.EXPLICIT


def test_skipping_a_pattern_for_want_of_its_words_never_skips_a_match() -> None:
    cases = yaml.safe_load((ROOT / "evals" / "safety" / "cases.yaml").read_text(encoding="utf-8"))
    patterns = default_patterns()
    tables = [(patterns.entries, patterns.index), (patterns.weak, patterns.weak_index)]
    for text in (str(text) for texts in cases.values() for text in texts):
        normal = normalise(text)
        for entries, index in tables:
            tried = set(index.candidates(normal))
            for number, entry in enumerate(entries):
                if entry.pattern.search(normal):
                    assert number in tried, (entry.source, text)


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


def test_before_consent_the_card_still_comes_and_nothing_is_kept(services: Services, clock) -> None:
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
