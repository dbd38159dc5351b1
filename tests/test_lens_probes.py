"""The reasoning lens in a reflection, through the pure engine with a fake lens.

A probe follows a free-text answer only when a pattern is read with enough confidence; it is
optional (a Skip button, or typing "skip"), at most one per question, never the same one twice in
a reflection, and never on the crisis path. The lens reads free-text answers only.
"""

from __future__ import annotations

from bot.engine import effects as fx
from bot.lens.content import LensContent
from bot.lens.reading import Finding, LensReading
from bot.services import load_content
from bot.settings import Settings

from drivers import EngineDriver

CONTENT: LensContent = load_content(Settings()).lens
ABSOLUTES = [p.text for p in CONTENT.probes["absolutes"]]
ALL_PROBES = {p.text for probes in CONTENT.probes.values() for p in probes}


class FakeLens:
    """Reads a label wherever its trigger word appears; remembers what it was asked to read."""

    def __init__(self, table: dict[str, tuple[str, float]] | None = None) -> None:
        self.table = table or {"never": ("absolutes", 0.9), "fault": ("blame_out_there", 0.9)}
        self.read_texts: list[str] = []

    def read(self, text: str) -> LensReading:
        self.read_texts.append(text)
        return LensReading(
            tuple(
                Finding(label, confidence, (word,), 0)
                for word, (label, confidence) in self.table.items()
                if word in text.lower()
            )
        )


def at_own_part(clock, lens: FakeLens | None = None) -> tuple[EngineDriver, FakeLens]:
    """A driver in /respond, at "own part" (the first question after which a probe may come)."""
    lens = lens or FakeLens()
    driver = EngineDriver(clock, lens=lens)
    driver.command("/respond")
    driver.say("The caretakers never clear the bins, it's the council's fault")  # a quiet step
    assert driver.step == "influence_before"
    assert not any(probe in driver.text for probe in ALL_PROBES)
    driver.press("3")
    assert driver.step == "own_part"
    return driver, lens


def probes_asked(driver: EngineDriver) -> list[fx.AnswerGiven]:
    return [e for e in driver.effects if isinstance(e, fx.AnswerGiven) and e.step_kind == "probe"]


def lens_effects(driver: EngineDriver) -> list[fx.LensLabelled]:
    return [e for e in driver.effects if isinstance(e, fx.LensLabelled)]


def test_a_confident_label_brings_one_optional_probe_and_skip_carries_on(clock) -> None:
    driver, _ = at_own_part(clock)
    driver.say("Nobody ever listens and I never push it")
    assert ABSOLUTES[0] in driver.text and "optional" in driver.text
    assert driver.step == "own_part"
    assert [b.label for b in driver.buttons_reply().buttons] == ["Skip"]
    driver.press("Skip")
    assert "Skipped." in driver.text and driver.step == "response"
    assert probes_asked(driver) == []
    # The question's own answer was kept as usual, and its labels recorded without words.
    [answer] = [
        e for e in driver.effects if isinstance(e, fx.AnswerGiven) and e.step_id == "own_part"
    ]
    assert answer.step_kind == "question" and "never push it" in str(answer.text)
    assert [(e.step_id, e.answer_kind, e.labels) for e in lens_effects(driver)] == [
        ("problem", "question", (("absolutes", 0.9), ("blame_out_there", 0.9))),
        ("own_part", "question", (("absolutes", 0.9),)),
    ]


def test_typing_skip_skips_the_probe_too(clock) -> None:
    driver, _ = at_own_part(clock)
    driver.say("I never get a say")
    driver.say("skip")
    assert driver.step == "response" and probes_asked(driver) == []


def test_a_probe_answer_is_kept_redacted_and_read_but_brings_no_second_probe(clock) -> None:
    driver, lens = at_own_part(clock)
    driver.say("Derek never replies to me")
    assert ABSOLUTES[0] in driver.text
    driver.say("Derek did reply once, from derek.h@example.org, and I never thanked him")
    assert driver.step == "response"  # straight on: no probe after a probe's answer
    assert not any(probe in driver.text for probe in ALL_PROBES)
    [probe] = probes_asked(driver)
    assert probe.step_id == "own_part"
    assert "derek.h@example.org" not in str(probe.text) and "Derek" not in str(probe.text)
    assert "[EMAIL]" in str(probe.text) or "EMAIL" in str(probe.text)
    assert lens.read_texts[-1].startswith("Derek did reply once")
    assert [e.answer_kind for e in lens_effects(driver)][-1] == "probe"


def test_going_back_and_answering_again_brings_no_second_probe_for_that_question(clock) -> None:
    driver, _ = at_own_part(clock)
    driver.say("I never chase it")
    driver.press("Skip")
    driver.command("/back")
    assert driver.step == "own_part"
    driver.say("I never chase it, honestly")
    assert driver.step == "response"
    assert not any(probe in driver.text for probe in ALL_PROBES)


def test_back_during_a_probe_returns_to_its_question(clock) -> None:
    driver, _ = at_own_part(clock)
    driver.say("I never chase it")
    driver.command("/back")
    assert driver.step == "own_part" and driver.state.active.probe is None
    assert "I never chase it" in driver.text


def test_no_probe_is_asked_twice_in_a_reflection(clock) -> None:
    driver, _ = at_own_part(clock)
    asked = []
    for step, answer in [
        ("own_part", "I never chase it"),
        ("response", "I could never change the rota"),
        ("who_else", "The caretaker, who never answers"),
    ]:
        assert driver.step == step
        driver.say(answer)
        shown = [probe for probe in ALL_PROBES if probe in driver.text]
        asked += shown
        if shown:
            driver.press("Skip")
    # Absolutes has two probes: both asked once, then none left for the third answer.
    assert asked == ABSOLUTES
    assert driver.step == "action"


def test_a_label_below_the_threshold_is_recorded_but_brings_no_probe(clock) -> None:
    driver, _ = at_own_part(clock, FakeLens({"never": ("absolutes", 0.6)}))
    driver.say("I never chase it")
    assert driver.step == "response"
    assert lens_effects(driver)[-1].labels == (("absolutes", 0.6),)


def test_a_faint_label_is_not_recorded(clock) -> None:
    driver, _ = at_own_part(clock, FakeLens({"never": ("absolutes", 0.3)}))
    driver.say("I never chase it")
    assert lens_effects(driver)[-1].labels == (("none", 0.7),)


def test_a_crisis_message_gets_the_card_and_is_neither_read_nor_probed(clock) -> None:
    driver, lens = at_own_part(clock)
    read_before = list(lens.read_texts)
    driver.say("I never get anything right and I want to end it all")
    assert "Samaritans" in driver.text
    assert not any(probe in driver.text for probe in ALL_PROBES)
    assert lens.read_texts == read_before
    assert driver.state.active.probe is None and driver.state.paused


def test_a_crisis_message_while_a_probe_waits_is_not_taken_as_its_answer(clock) -> None:
    driver, _ = at_own_part(clock)
    driver.say("I never chase it")
    driver.say("honestly I want to kill myself")
    assert "Samaritans" in driver.text and probes_asked(driver) == []
    driver.press("Carry on with my reflection")
    assert ABSOLUTES[0] in driver.text  # the probe is asked again, still optional
    driver.press("Skip")
    assert driver.step == "response"


def test_the_lens_reads_free_text_answers_only(clock) -> None:
    lens = FakeLens({})
    driver = EngineDriver(clock, lens=lens)
    driver.command("/respond")
    typed = ["The bins", "3", "I moan about it", "I can report it", "The caretaker"]
    for line in typed:
        driver.say(line)
    driver.command("/progress")
    driver.say("Talk to the caretaker")
    driver.say("tomorrow")
    driver.say("6")
    assert driver.step is None
    # Not the scale answers, the date, or the command: only the five free-text answers.
    assert lens.read_texts == [
        "The bins",
        "I moan about it",
        "I can report it",
        "The caretaker",
        "Talk to the caretaker",
    ]


def test_without_a_lens_nothing_is_read_or_recorded(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/respond")
    driver.say("The caretakers never clear the bins")
    driver.press("3")
    driver.say("I never chase it")
    assert driver.step == "response" and lens_effects(driver) == []


def test_a_probe_pending_when_the_lens_is_switched_off_is_still_asked_and_answered(clock) -> None:
    driver, _ = at_own_part(clock)
    driver.say("I never chase it")
    without = EngineDriver(clock)  # the coach restarted with the lens off
    without.state, without.names = driver.state, driver.names
    without.resume()
    assert ABSOLUTES[0] in without.text
    without.say("It was different once, in March")
    assert without.step == "response" and len(probes_asked(without)) == 1
    assert lens_effects(without) == []
