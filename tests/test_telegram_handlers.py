"""Telegram handlers through the real Application, with the network replaced by a recorder."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select, text

from bot.services import Services
from bot.store.models import (
    Answer,
    ConsentRecord,
    Participant,
    ProcessedUpdate,
    ReflectionSession,
    ReplyAddress,
)
from bot.transports.telegram.app import bot_commands, build_application
from bot.transports.telegram.rendering import MAX_CALLBACK_BYTES, encode_callback

from log_watch import WATCH
from telegram_recording import RecordingRequest, TelegramHarness

TOKEN = "123:TEST-TOKEN"
USER = 987654321012
OTHER = 987654321013


@pytest.fixture
async def harness(services: Services, clock) -> AsyncIterator[TelegramHarness]:
    request = RecordingRequest()
    WATCH.seed(TOKEN)
    application = build_application(services, token=TOKEN, request=request, clock=clock)
    async with application:
        yield TelegramHarness(application, request)


def count(services: Services, model) -> int:
    with services.database.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


async def test_first_contact_asks_for_consent_and_keeps_nothing_until_given(
    harness, services: Services
) -> None:
    sent = await harness.say(USER, "/start")
    assert "Nothing you send is kept" in sent[0]["text"]
    for line in ("My manager Derek shouted at me", "/defensive"):
        sent = await harness.say(USER, line)
        assert "1 of 3" in sent[-1]["text"]  # asked again; not taken as an answer
    assert count(services, Participant) == 0
    assert count(services, ReplyAddress) == 0
    sent = await harness.agree(USER, "Yes, keep them", "No, just for me", "Yes, allow it")
    assert "share with my coach \u2013 no; language model \u2013 yes" in sent[0]["text"]
    assert count(services, Participant) == 1
    with services.database.transaction() as session:
        rows = session.execute(
            select(ConsentRecord.purpose, ConsentRecord.granted, ConsentRecord.notice_version)
        ).all()
    version = services.content.notice.version
    assert sorted(rows) == [
        ("keep", True, version),
        ("model", True, version),
        ("share", False, version),
    ]


async def test_declining_to_keep_keeps_nothing(harness, services: Services) -> None:
    await harness.say(USER, "/start")
    message, buttons = harness.last_keyboard_message(USER)
    calls = await harness.feed(harness.press(USER, message, dict(buttons)["No"]))
    sent = next(c.params["text"] for c in calls if c.method == "sendMessage")
    assert "I've kept nothing" in sent
    assert count(services, Participant) == 0


async def test_start_greets_with_a_menu_of_plain_text_and_short_buttons(harness) -> None:
    sent = await harness.agree(USER)
    assert any("reflection coach" in params["text"] for params in sent)
    menu = sent[-1]
    buttons = [b for row in menu["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 4
    assert all(len(b["callback_data"].encode()) <= MAX_CALLBACK_BYTES for b in buttons)
    assert all("parse_mode" not in params for params in sent)
    assert all(params["link_preview_options"] == {"is_disabled": True} for params in sent)


async def test_a_press_answers_the_callback_clears_its_buttons_and_moves_on(
    harness, services: Services
) -> None:
    await harness.agree(USER)
    message, buttons = harness.last_keyboard_message(USER)
    calls = await harness.feed(harness.press(USER, message, buttons[0][1]))
    methods = [call.method for call in calls]
    assert methods[0] == "answerCallbackQuery"
    cleared = [c for c in calls if c.method == "editMessageReplyMarkup"]
    assert cleared[0].params["message_id"] == message["message_id"]
    assert "reply_markup" not in cleared[0].params
    assert "sendMessage" in methods
    assert count(services, ReflectionSession) == 1


async def test_a_redelivered_update_has_one_effect(harness, services: Services) -> None:
    await harness.agree(USER)
    await harness.say(USER, "/defensive")
    processed = count(services, ProcessedUpdate)
    update = harness.text(USER, "A tenants' meeting where I lost my temper")
    first = await harness.feed(update)
    second = await harness.feed(update)
    assert [c.method for c in first if c.method == "sendMessage"]
    assert second == []
    assert count(services, Answer) == 1
    assert count(services, ProcessedUpdate) == processed + 1


async def test_group_and_channel_messages_are_ignored_and_nothing_is_stored(
    harness, services: Services
) -> None:
    group = {"id": -100123, "type": "supergroup", "title": "Estate forum"}
    calls = await harness.feed(harness.text(USER, "/start", chat=group))
    calls += await harness.feed(harness.text(USER, "hello everyone", chat=group))
    assert calls == []
    assert count(services, Participant) == 0
    assert count(services, ProcessedUpdate) == 0


@pytest.mark.parametrize(
    "content",
    [
        {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "vu", "duration": 3}},
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "su",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"document": {"file_id": "d", "file_unique_id": "du"}},
        {"location": {"latitude": 51.5, "longitude": -0.1}},
    ],
    ids=["photo", "voice", "sticker", "document", "location"],
)
async def test_non_text_gets_a_text_only_reply_and_is_not_stored(
    harness, services: Services, content
) -> None:
    await harness.agree(USER)
    calls = await harness.feed(harness.message(USER, **content))
    texts = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert "typed text" in texts[0]
    assert count(services, Answer) == 0


async def test_hostile_text_is_sent_back_verbatim_without_a_parse_mode(harness) -> None:
    await harness.agree(USER)
    await harness.say(USER, "/defensive")
    hostile = "<b>bold</b> *star* [link](http://evil.example) <script>alert(1)</script>"
    for answer in (hostile, "I wanted calm", "I said nothing", "They never listen"):
        sent = await harness.say(USER, answer)
    assert all("parse_mode" not in params for params in harness.request.sent())
    assert sent  # the multi-choice question arrived


async def test_a_multi_choice_toggle_edits_the_question_in_place(harness) -> None:
    await harness.agree(USER)
    await harness.say(USER, "/defensive")
    for answer in ("The housing panel", "Agreement", "Very little", "They never listen"):
        await harness.say(USER, answer)
    message, buttons = harness.last_keyboard_message(USER)
    calls = await harness.feed(harness.press(USER, message, buttons[0][1]))
    edits = [c for c in calls if c.method == "editMessageText"]
    assert edits and edits[0].params["message_id"] == message["message_id"]
    assert edits[0].params["reply_markup"]["inline_keyboard"][0][0]["text"].startswith("✓")
    assert not [c for c in calls if c.method == "sendMessage"]


async def test_a_stale_button_is_answered_politely(harness) -> None:
    await harness.agree(USER)
    await harness.say(USER, "/defensive")
    calls = await harness.feed(
        harness.press(USER, {"message_id": 1, "text": "old"}, encode_callback("7.old", "yes"))
    )
    texts = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert any("earlier" in t or "older" in t or "no longer" in t for t in texts), texts


async def test_junk_callback_data_does_not_break_anything(harness) -> None:
    calls = await harness.feed(harness.press(USER, {"message_id": 1, "text": "x"}, "garbage"))
    assert calls[0].method == "answerCallbackQuery"


async def test_too_many_messages_get_one_notice_then_silence(harness, services: Services) -> None:
    limit = services.settings.inbound_messages_per_minute
    notices = 0
    for number in range(limit + 5):
        sent = await harness.say(USER, f"message {number}")
        notices += sum("faster than I can" in s["text"] for s in sent)
    assert notices == 1
    other = await harness.say(OTHER, "/start")
    assert other  # another person is not affected


async def test_a_failed_turn_says_so_and_keeps_nothing(harness, services: Services) -> None:
    await harness.agree(USER)
    await harness.say(USER, "/defensive")
    with services.database.transaction() as session:
        session.execute(text("DROP TABLE answers"))
    sent = await harness.say(USER, "The meeting on Tuesday")
    assert "went wrong" in sent[-1]["text"]


async def test_the_chat_id_is_kept_only_encrypted(harness, services: Services) -> None:
    await harness.agree(USER)
    with services.database.transaction() as session:
        rows = session.scalars(select(ReplyAddress)).all()
        assert len(rows) == 1
        assert str(USER).encode() not in rows[0].ciphertext
        assert services.address_cipher.decrypt(rows[0].ciphertext) == str(USER)
        pseudonyms = session.scalars(select(Participant.pseudonym)).all()
    assert all(str(USER) not in p for p in pseudonyms)


def test_every_button_any_flow_can_show_fits_in_callback_data(services: Services) -> None:
    for flow in services.content.flows:
        assert len(encode_callback("menu", flow.id).encode()) <= MAX_CALLBACK_BYTES
        assert len(encode_callback("switch", flow.id).encode()) <= MAX_CALLBACK_BYTES
        for step in flow.steps:
            for option in getattr(step, "options", ()):
                encode_callback(f"999999.{step.id}", option.value)  # raises when too long


def test_the_command_menu_matches_the_help_text(services: Services) -> None:
    commands = {c.command: c.description for c in bot_commands(services)}
    assert {"reflect", "defensive", "checkin", "ask", "remind", "help"} <= set(commands)
    assert all(3 <= len(d) <= 256 for d in commands.values())


def test_long_replies_split_at_paragraphs_with_buttons_on_the_last_part() -> None:
    from bot.engine.replies import Button, Reply
    from bot.transports.telegram.rendering import MAX_TEXT, render, split_text

    paragraphs = [f"Paragraph {n}. " + "word " * 300 for n in range(12)]
    reply = Reply(text="\n\n".join(paragraphs), buttons=(Button("Yes", "yes"),), token="3.q")
    parts = render(reply)
    assert len(parts) > 1
    assert all(len(p.text) <= MAX_TEXT for p in parts)
    assert all(p.text.startswith("Paragraph") for p in parts)  # cut between paragraphs
    assert [p.markup is not None for p in parts] == [False] * (len(parts) - 1) + [True]
    assert " ".join(p.text for p in parts).split() == reply.text.split()  # nothing lost
    emoji = split_text("😀" * 5000)
    assert all(len(part.encode("utf-16-le")) // 2 <= MAX_TEXT for part in emoji)
    assert "".join(emoji) == "😀" * 5000
    assert split_text("x" * 9000) == ["x" * 4096, "x" * 4096, "x" * 808]
    assert split_text("   ") == ["…"]


def test_callback_data_round_trips_and_refuses_what_telegram_would() -> None:
    from bot.transports.telegram.rendering import CallbackDataTooLong, decode_callback

    assert decode_callback(encode_callback("12.aims", "feelings")) == ("12.aims", "feelings")
    for junk in (None, "", "garbage", "|", "x|", "|y"):
        assert decode_callback(junk) is None
    with pytest.raises(CallbackDataTooLong):
        encode_callback("1." + "s" * 40, "v" * 30)


async def test_the_crisis_card_comes_even_when_the_person_is_rate_limited(
    harness, services: Services
) -> None:
    for number in range(services.settings.inbound_messages_per_minute + 2):
        await harness.say(USER, f"message {number}")
    assert await harness.say(USER, "still here") == []  # limited: silence
    sent = await harness.say(USER, "I can't do this anymore, I want to kill myself")
    assert any("116 123" in s["text"] for s in sent)
