"""Bad input, at every kind of step, through the real service and database: a clear reply, the
person stays where they were (or moves on only with a valid answer), and nothing raises."""

from __future__ import annotations

import pytest

from bot.store.models import Answer

from drivers import ServiceDriver

LONG = "word " * 4_000  # 20,000 characters

# (name, what is sent, a phrase the reply must contain, whether the step should stay the same)
ON_A_TEXT_QUESTION = [
    ("empty", "", "came through empty", True),
    ("whitespace", "   \t  \n ", "came through empty", True),
    ("control characters only", "\x00\x07\x1b\x7f", "came through empty", True),
    ("bidi overrides only", "\u202e\u2066\u2069", "came through empty", True),
    ("twenty thousand characters", LONG, "longer than I can keep", False),
    ("emoji", "😤😤 meeting went badly 🙃", "", False),
    ("right-to-left text", "اجتماع السكان مع مسؤول الإسكان", "", False),
    ("unknown command", "/frobnicate", "I don't know /frobnicate", True),
    ("command with junk", "/help me please!!", "ignored \u201cme please!!\u201d", True),
    ("html", "<script>alert(1)</script> the meeting", "", False),
]


@pytest.mark.parametrize(("name", "sent", "expected", "stays"), ON_A_TEXT_QUESTION)
def test_bad_input_on_a_text_question(services, clock, name, sent, expected, stays) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    if sent.startswith("/"):
        driver.command(sent)
    else:
        driver.say(sent)
    assert expected in driver.text
    prompt = driver.last[-1].text
    asks_situation = "Pick one specific conversation" in prompt
    assert asks_situation is stays, f"{name}: {driver.text[:300]}"


def test_long_answers_are_capped_and_stored_capped(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    driver.say(LONG)
    with services.database.transaction() as session:
        [answer] = session.query(Answer).all()
    assert answer.text is not None
    assert 1_900 <= len(answer.text) <= 2_000


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("", "came through empty"),
        ("maybe", "isn't one of the options"),
        ("7", "isn't one of the options"),
        ("Done, close it", "isn't one of the options"),  # a label from another step
        ("Tomorrow", "isn't one of the options"),
        ("💥", "isn't one of the options"),
    ],
)
def test_bad_input_on_a_multi_choice_question(services, clock, sent, expected) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    for answer in ["a meeting", "a date", "she said no", "I was cross"]:
        driver.say(answer)
    driver.say(sent)
    assert expected in driver.text
    assert "which of these were you guarding" in driver.last[-1].text


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("0", "from 1 to 10"),
        ("11", "from 1 to 10"),
        ("lots", "from 1 to 10"),
        ("-3", "from 1 to 10"),
    ],
)
def test_bad_input_on_a_scale_question(services, clock, sent, expected) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/respond")
    driver.say("The bins")
    driver.say(sent)
    assert expected in driver.text
    assert "how much do you feel you can do" in driver.last[-1].text


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("soon", "couldn't tell which day"),
        ("31/02", "couldn't tell which day"),
        ("01/01/2020", "already gone"),
        ("Keep going with it", "couldn't tell which day"),
    ],
)
def test_bad_input_on_a_date_question(services, clock, sent, expected) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/respond")
    for answer in ["The bins", "3", "I moan", "Report it", "Caretaker", "Say hello"]:
        driver.say(answer)
    driver.say(sent)
    assert expected in driver.text
    assert "Which day will you do it?" in driver.last[-1].text


def test_a_stale_button_is_answered_politely_and_not_applied(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/respond")
    driver.say("The bins")
    scale = driver.buttons_reply()
    driver.press("3")
    driver.say("I moan")
    # Press a button from the earlier scale question.
    from bot.engine.events import Press

    driver.send(Press(value="9", token=scale.token or "", at=clock()))
    assert "earlier question" in driver.text
    assert "ability to respond here" in driver.last[-1].text


@pytest.mark.parametrize("kind", ["photo", "voice", "sticker", "document", "location"])
def test_non_text_gets_a_text_only_reply(services, clock, kind) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    driver.unsupported(kind)
    assert "only read typed text" in driver.text
    assert "Pick one specific conversation" in driver.last[-1].text


@pytest.mark.parametrize("command", ["/back", "/skip", "/cancel"])
def test_navigation_outside_a_reflection_is_explained(services, clock, command) -> None:
    driver = ServiceDriver(services, clock)
    driver.command(command)
    assert "works during a reflection" in driver.text


def test_free_text_outside_a_reflection_offers_the_menu(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.say("hello?")
    assert "structured reflections" in driver.text
    assert driver.buttons_reply().buttons[0].label == "Defensive-reasoning check"
