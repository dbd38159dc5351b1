"""Transition tables: each flow walked step by step through the pure engine.

Each row is (what the person does, the step they should then be on). ``None`` means the flow has
ended. The effects the engine asks the store to record are checked at the end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.engine import effects as fx
from bot.engine.facts import LedgerItem, StaticFacts

from drivers import EngineDriver

Row = tuple[str, str, str | None]


def run_table(driver: EngineDriver, table: list[Row]) -> None:
    for number, (kind, value, expected) in enumerate(table, 1):
        if kind == "say":
            driver.say(value)
        elif kind == "press":
            driver.press(value)
        else:
            driver.command(value)
        assert driver.step == expected, f"row {number} ({kind} {value!r}): {driver.text}"


DEFENSIVE: list[Row] = [
    ("command", "/defensive", "situation"),
    ("say", "The repairs manager at the residents' meeting, about damp", "wanted"),
    ("say", "A date for the damp survey", "said"),
    ("say", "She said it was in hand. I said fine.", "unsaid"),
    ("say", "I thought she was fobbing us off again and I was furious", "aims"),
    ("press", "Winning, or at least not losing", "aims"),
    ("press", "Keeping awkward feelings down", "aims"),
    ("press", "Done", "evidence"),
    ("say", "'fobbing us off' and saying fine when it wasn't", "cost"),
    ("say", "No date, and she still doesn't know how angry people are", "share"),
    ("say", "I'm worried because jobs from March are open. How does it look to you?", "experiment"),
    ("say", "Ask her for the survey list and say why I'm worried", "experiment_due"),
    ("press", "In a week", None),
]

ASSUMPTION: list[Row] = [
    ("command", "/assumption", "facts"),
    ("say", "The chair closed the meeting before item 6.", "story"),
    ("say", "She didn't want residents to speak", "assumption"),
    ("say", "The council never listens to tenants", "certainty"),
    ("press", "8", "evidence_for"),
    ("say", "Item 6 was the residents' item", "evidence_against"),
    ("command", "/skip", "alternative"),
    ("say", "The room was booked until 8 and the caretaker was waiting", "test_plan"),
    (
        "say",
        "Ask the chair why it closed early and whether item 6 can go first next time",
        "test_with",
    ),
    ("say", "The chair", "test_due"),
    ("say", "3 December", "disconfirm"),
    ("say", "If she puts item 6 first next time", None),
]

RESPOND: list[Row] = [
    ("command", "/respond", "problem"),
    (
        "say",
        "The caretakers never clear the bin store and the council doesn't care",
        "influence_before",
    ),
    ("say", "2", "own_part"),
    ("say", "I complain at meetings but never report it through the app", "response"),
    ("say", "I could report it each time and talk to the caretaker directly", "who_else"),
    ("say", "The caretaker and two neighbours", "action"),
    ("say", "Introduce myself to the caretaker", "action_due"),
    ("press", "Tomorrow", "influence_after"),
    ("say", "6 out of 10", None),
]


def _effects(driver: EngineDriver, kind: type) -> list[object]:
    return [effect for effect in driver.effects if isinstance(effect, kind)]


def test_defensive_reasoning_flow_records_an_experiment(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE)
    [added] = _effects(driver, fx.LedgerAdded)
    assert added.kind == "experiment"
    assert added.text == "Ask her for the survey list and say why I'm worried"
    assert added.due == date(2026, 11, 29)
    assert added.detail.startswith("Opening line: I'm worried because")
    [ended] = _effects(driver, fx.SessionEnded)
    assert ended.status == "completed"
    aims = [e for e in _effects(driver, fx.AnswerGiven) if e.step_id == "aims"]
    assert aims[0].value == ["win", "feelings"]


def test_defensive_reasoning_quotes_the_chosen_aims_back(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:8])
    assert "(Winning, or at least not losing and Keeping awkward feelings down)" in driver.text


def test_assumption_test_flow_records_a_test_with_its_disconfirming_evidence(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, ASSUMPTION)
    [added] = _effects(driver, fx.LedgerAdded)
    assert added.kind == "assumption_test"
    assert added.text.startswith("Test: Ask the chair why it closed early")
    assert "(with The chair)" in added.text
    assert "I'd accept I was wrong if: If she puts item 6 first next time" in added.detail
    assert added.due == date(2026, 12, 3)
    skipped = _effects(driver, fx.StepSkipped)
    assert [s.step_id for s in skipped] == ["evidence_against"]


def test_ability_to_respond_flow_reports_the_shift_in_influence(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, RESPOND)
    [added] = _effects(driver, fx.LedgerAdded)
    assert (added.kind, added.text, added.due) == (
        "action",
        "Introduce myself to the caretaker",
        date(2026, 11, 23),
    )
    assert "You went from 2/10 to 6/10" in driver.text


def _item(item_id: int, kind: str, text: str, due: date | None) -> LedgerItem:
    return LedgerItem(
        id=item_id,
        kind=kind,
        text=text,
        detail=None,
        due=due,
        status="open",
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
        session_number=1,
    )


CHECKIN: list[Row] = [
    ("command", "/checkin", "happened"),
    ("press", "Yes", "what_happened"),
    ("say", "I asked and she showed me the list", "learned"),
    ("say", "She was as stuck as we were", "belief_now"),
    ("say", "The delay is the contractor, not her", "decision"),
    ("press", "Done, close it", "next_step"),
    ("command", "/skip", "happened"),
    ("press", "Not yet", "what_stopped"),
    ("say", "Nerves", "learned"),
    ("command", "/skip", "decision"),
    ("press", "Change it", "revised_text"),
    ("say", "Say hello to the caretaker at the Thursday drop-in", "next_step"),
    ("say", "Go to the drop-in", "next_due"),
    ("say", "thursday", None),
]


def test_check_in_walks_every_open_item_soonest_first(clock) -> None:
    facts = StaticFacts(
        ledger=[
            _item(7, "action", "Introduce myself to the caretaker", date(2026, 11, 24)),
            _item(3, "assumption_test", "Test: ask the chair", date(2026, 11, 20)),
        ]
    )
    driver = EngineDriver(clock, facts)
    driver.state.sessions_started = 2  # the items came from earlier sessions
    run_table(driver, CHECKIN)
    first, second = _effects(driver, fx.LedgerReviewed)
    assert (first.item_id, first.happened, first.decision) == (3, "yes", "done")
    assert first.revised_belief == "The delay is the contractor, not her"
    assert first.next_step is None and first.next_due is None
    assert (second.item_id, second.happened, second.decision) == (7, "not_yet", "revise")
    assert second.outcome == "Nerves"
    assert second.revised_text == "Say hello to the caretaker at the Thursday drop-in"
    assert second.next_due == date(2026, 11, 26)
    assert "That's everything reviewed" in driver.text


def test_check_in_with_nothing_open_ends_at_once(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/checkin")
    assert driver.step is None
    assert "nothing open" in driver.text
    assert [type(e) for e in driver.effects if not isinstance(e, fx.CommandUsed)] == [
        fx.SessionStarted,
        fx.SessionEnded,
    ]


def test_check_in_does_not_offer_items_created_in_the_same_session(clock) -> None:
    own = LedgerItem(
        id=9,
        kind="action",
        text="x",
        detail=None,
        due=None,
        status="open",
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
        session_number=1,
    )
    driver = EngineDriver(clock, StaticFacts(ledger=[own]))
    driver.state.sessions_started = 0  # the check-in becomes session 1, the item's own session
    driver.command("/checkin")
    assert "nothing open" in driver.text


@pytest.mark.parametrize(
    ("table", "command"),
    [(DEFENSIVE, "/help"), (ASSUMPTION, "/progress"), (RESPOND, "/help")],
)
def test_help_and_progress_mid_flow_return_to_the_same_step(clock, table, command) -> None:
    driver = EngineDriver(clock)
    run_table(driver, table[:4])
    step = driver.step
    driver.command(command)
    assert driver.step == step
    assert driver.last[-1].token == driver.state.active.token
    run_table(driver, table[4:])


def test_back_returns_to_the_previous_question_and_the_new_answer_wins(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:3])
    driver.command("/back")
    assert driver.step == "wanted"
    assert "A date for the damp survey" in driver.text
    driver.say("An apology and a date")
    assert driver.step == "said"
    wanted = [e.text for e in _effects(driver, fx.AnswerGiven) if e.step_id == "wanted"]
    assert wanted == ["A date for the damp survey", "An apology and a date"]
    assert driver.state.active.slots["wanted"] == "An apology and a date"


def test_back_at_the_first_question_says_so(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/defensive")
    driver.command("/back")
    assert driver.step == "situation"
    assert "nothing earlier" in driver.text


def test_skip_is_refused_where_the_step_needs_an_answer(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/defensive")
    driver.command("/skip")
    assert driver.step == "situation"
    assert "can't be skipped" in driver.text


def test_cancel_ends_the_session_and_keeps_answers(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:3])
    driver.command("/cancel")
    assert driver.step is None
    assert _effects(driver, fx.SessionEnded)[0].status == "cancelled"
    assert len(_effects(driver, fx.AnswerGiven)) == 2


def test_starting_another_flow_mid_way_asks_first(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:3])
    driver.command("/assumption")
    assert driver.step == "said"
    assert "part-way through" in driver.text
    driver.press("Carry on with Defensive-reasoning check")
    assert driver.step == "said"
    driver.command("/assumption")
    driver.press("Start Assumption test")
    assert driver.state.active.flow_id == "assumption-test"
    assert driver.step == "facts"
    assert [e.status for e in _effects(driver, fx.SessionEnded)] == ["abandoned"]


def test_recap_reshows_the_situation_on_later_steps(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:3])
    assert driver.last[-1].text.startswith(
        "The conversation: \u201cThe repairs manager at the residents' meeting, about damp\u201d"
    )


def test_multi_choice_accepts_typed_numbers_and_enforces_the_minimum(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:5])
    driver.press("Done")
    assert driver.step == "aims"
    assert "at least 1" in driver.text
    driver.say("1, 4")
    assert driver.step == "evidence"
    assert driver.state.active.slots["aims"] == ["control", "rational"]


def test_multi_choice_toggle_redraws_in_place_with_ticks(clock) -> None:
    driver = EngineDriver(clock)
    run_table(driver, DEFENSIVE[:5])
    driver.press("Keeping control of how it went")
    reply = driver.last[-1]
    assert reply.updates_previous
    assert reply.buttons[0].label == "\u2713 Keeping control of how it went"
    driver.press("\u2713 Keeping control of how it went")
    assert driver.last[-1].buttons[0].label == "Keeping control of how it went"


def test_own_words_are_quoted_back_but_only_redacted_text_is_recorded(clock) -> None:
    driver = EngineDriver(clock)
    driver.command("/defensive")
    driver.say("Phone call with the officer, she gave me 07700 900123 to ring back")
    assert "07700 900123" in driver.last[-1].text or "07700 900123" in driver.text
    [answer] = _effects(driver, fx.AnswerGiven)
    assert "07700 900123" not in answer.text
    assert "[PHONE]" in answer.text
    assert "07700" not in str(driver.state.model_dump())


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("/callme", None),
        ("/callme   ", None),
        ("/callme the rota, and ring me on 07700 900123", "the rota, and ring me on [PHONE]"),
    ],
)
def test_callme_records_a_request_with_the_note_redacted(clock, line, note) -> None:
    driver = EngineDriver(clock)
    driver.command(line)
    [request] = _effects(driver, fx.CallRequested)
    assert request.note == note
    assert "asked your coach to call you" in driver.text
    assert "not your note" not in driver.text and "ignored" not in driver.text


def test_callme_mid_flow_returns_to_the_same_step_and_warns_a_person_who_does_not_share(
    clock,
) -> None:
    from bot.engine.facts import Choices

    driver = EngineDriver(clock, StaticFacts(choices=Choices(share=False, model=False)))
    run_table(driver, DEFENSIVE[:2])
    driver.command("/callme about the damp")
    assert driver.step == "wanted"
    assert "not your note" in driver.text
    [request] = _effects(driver, fx.CallRequested)
    assert request.note == "about the damp"
