"""The fake Bot API must answer like Telegram, so these tests drive it with PTB's real ``Bot``.

If PTB parses what the fake sends and raises the same exceptions it would raise against Telegram,
end-to-end tests of the coach against the fake mean something.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from fake_bot_api import BOT_USER, FakeBotApi

TOKEN = "123:ABC"
USER = 42


def _request() -> HTTPXRequest:
    # Proxy variables in the environment would swallow calls to 127.0.0.1.
    return HTTPXRequest(httpx_kwargs={"trust_env": False})


def _bot(api: FakeBotApi) -> Bot:
    return Bot(
        token=TOKEN,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=_request(),
        get_updates_request=_request(),
    )


def _keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in pairs]]
    )


async def _eventually(predicate: Callable[[], object], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(webhook_retry_pause=0.05) as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with _bot(api) as client:
        yield client


# ---- basics ---------------------------------------------------------------------------------


async def test_get_me_describes_the_bot(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == BOT_USER["id"]
    assert me.is_bot
    assert me.username == "coach_test_bot"
    assert me.can_join_groups
    assert api.base_url.endswith("/bot")
    assert [call.status for call in api.calls("getme")] == [200, 200]  # initialize + ours


async def test_send_message_with_keyboard_round_trips(api: FakeBotApi, bot: Bot) -> None:
    api.add_user(USER)
    markup = _keyboard(("Yes", "answer:yes"), ("No", "answer:no"))
    sent = await bot.send_message(
        USER,
        "Shall we reflect?",
        reply_markup=markup,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    assert sent.reply_markup == markup
    assert sent.chat.id == USER
    assert sent.from_user is not None and sent.from_user.is_bot
    assert abs(sent.date.timestamp() - time.time()) < 5  # seconds, not milliseconds

    [stored] = api.messages(USER)
    assert stored.message_id == sent.message_id
    assert stored.text == "Shall we reflect?"
    assert stored.buttons == [("Yes", "answer:yes"), ("No", "answer:no")]
    [call] = api.calls("sendMessage")
    assert call.params["chat_id"] == USER
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert "parse_mode" not in call.params

    second = await bot.send_message(USER, "And another")
    assert second.message_id == sent.message_id + 1


async def test_json_bodies_and_method_names_in_any_case(api: FakeBotApi) -> None:
    api.add_user(USER)
    async with httpx.AsyncClient(trust_env=False) as client:
        ok = await client.post(
            f"{api.base_url}{TOKEN}/SENDMESSAGE",
            json={"chat_id": USER, "text": "hi", "reply_markup": {"inline_keyboard": []}},
        )
        missing = await client.post(f"{api.base_url}{TOKEN}/sendTelepathy", json={})
        stray = await client.get(f"http://127.0.0.1:{api.port}/elsewhere")
    assert ok.status_code == 200
    assert ok.json()["result"]["text"] == "hi"
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert stray.status_code == 404
    assert api.calls("sendMessage")[0].method == "sendMessage"


async def test_unknown_method_is_not_found(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": USER})


# ---- strict errors --------------------------------------------------------------------------


async def test_callback_data_over_64_bytes_is_rejected(api: FakeBotApi, bot: Bot) -> None:
    api.add_user(USER)
    await bot.send_message(USER, "fits", reply_markup=_keyboard(("A", "é" * 32)))  # 64 bytes
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(USER, "too big", reply_markup=_keyboard(("A", "é" * 33)))
    assert [m.text for m in api.messages(USER)] == ["fits"]
    assert api.calls("sendMessage")[-1].status == 400


async def test_text_must_be_one_to_4096_characters(api: FakeBotApi, bot: Bot) -> None:
    api.add_user(USER)
    await bot.send_message(USER, "x" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(USER, "   ")
    assert len(api.messages(USER)) == 1


async def test_edits_are_tracked_and_an_identical_edit_fails(api: FakeBotApi, bot: Bot) -> None:
    api.add_user(USER)
    markup = _keyboard(("Go", "go"))
    sent = await bot.send_message(USER, "first", reply_markup=markup)
    await bot.edit_message_text("second", chat_id=USER, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("second", chat_id=USER, message_id=sent.message_id)
    await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=markup)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=markup)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("third", chat_id=USER, message_id=999)

    [stored] = api.messages(USER)
    assert stored.text == "second"
    assert stored.edits == ["first"]
    assert stored.reply_markup == markup.to_dict()
    assert [version.text for version in stored.history] == ["first", "second"]


async def test_unknown_chat_and_blocked_user(api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(USER, "hello?")
    api.add_user(USER)
    api.block(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "hello?")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(USER, "typing")
    api.unblock(USER)
    await bot.send_message(USER, "welcome back")
    assert [c.status for c in api.calls("sendMessage")] == [400, 403, 200]


async def test_fail_next_429_carries_retry_after(
    api: FakeBotApi, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # else reading retry_after warns
    api.add_user(USER)
    api.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(USER, "now?")
    assert raised.value.retry_after == dtm.timedelta(seconds=3)
    await bot.send_message(USER, "now.")
    first, second = api.calls("sendMessage")
    assert (first.status, first.description) == (429, "Too Many Requests: retry after 3")
    assert second.status == 200
    assert [m.text for m in api.messages(USER)] == ["now."]


async def test_delay_holds_the_answer(api: FakeBotApi, bot: Bot) -> None:
    api.add_user(USER)
    api.delay("sendMessage", 0.3)
    started = time.monotonic()
    await bot.send_message(USER, "slowly")
    assert time.monotonic() - started >= 0.3


# ---- getUpdates -----------------------------------------------------------------------------


async def test_long_poll_returns_as_soon_as_an_update_arrives(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=2))
    await asyncio.sleep(0.3)
    sent_at = time.monotonic()
    update_id = api.send_text(USER, "hello")
    updates = await poll
    assert time.monotonic() - sent_at < 1.0
    assert [u.update_id for u in updates] == [update_id]
    assert updates[0].message is not None and updates[0].message.text == "hello"
    [record] = api.updates()
    assert record.delivered_at is not None and record.delivered_at >= record.available_at


async def test_empty_long_poll_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 2.0


async def test_offset_confirms_updates(api: FakeBotApi, bot: Bot) -> None:
    ids = [api.send_text(USER, f"message {n}") for n in range(3)]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert api.pending_updates == 0


async def test_redeliver_serves_an_update_again(api: FakeBotApi, bot: Bot) -> None:
    first = api.send_text(USER, "once")
    second = api.send_text(USER, "twice?")
    assert len(await bot.get_updates()) == 2
    assert await bot.get_updates(offset=second + 1) == ()
    api.redeliver(first)
    [again] = await bot.get_updates(offset=second + 1)
    assert again.update_id == first
    assert again.message is not None and again.message.text == "once"
    assert await bot.get_updates(offset=first + 1) == ()


async def test_a_newer_poll_ends_an_older_one(api: FakeBotApi, bot: Bot) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=3))
    await asyncio.sleep(0.2)
    async with _bot(api) as other:  # a second bot process with the same token
        newer = await other.get_updates(timeout=0)
    assert newer == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await older


async def test_command_text_carries_a_bot_command_entity(api: FakeBotApi, bot: Bot) -> None:
    update_id = api.send_text(USER, "/start abc", username="ada")
    update = Update.de_json(api.update(update_id), bot)
    message = update.message
    assert message is not None
    assert message.text == "/start abc"
    assert message.chat.type == "private" and message.chat.id == USER
    assert message.from_user is not None and message.from_user.username == "ada"
    assert message.entities[0].type == MessageEntity.BOT_COMMAND
    assert message.parse_entity(message.entities[0]) == "/start"
    assert filters.COMMAND.check_update(update)
    assert abs(message.date.timestamp() - time.time()) < 5


async def test_other_update_kinds_parse(api: FakeBotApi, bot: Bot) -> None:
    ids = {
        "photo": api.send_photo(USER),
        "sticker": api.send_sticker(USER),
        "voice": api.send_voice(USER),
        "document": api.send_document(USER),
        "location": api.send_location(USER),
        "group": api.send_group_text(-100, USER, "/help@coach_test_bot"),
        "channel": api.send_channel_post(-1001234, "news"),
        "edited": api.send_edited_message(USER, "typo fixed"),
    }
    parsed = {kind: Update.de_json(api.update(uid), bot) for kind, uid in ids.items()}
    assert parsed["photo"].message and parsed["photo"].message.photo
    assert parsed["sticker"].message and parsed["sticker"].message.sticker
    assert parsed["voice"].message and parsed["voice"].message.voice
    assert parsed["document"].message and parsed["document"].message.document
    assert parsed["location"].message and parsed["location"].message.location
    group = parsed["group"].message
    assert group is not None and group.chat.type == "group"
    assert group.entities[0].length == len("/help@coach_test_bot")
    assert parsed["channel"].channel_post and parsed["channel"].channel_post.text == "news"
    edited = parsed["edited"].edited_message
    assert edited is not None and edited.edit_date is not None


async def test_press_makes_a_callback_query(api: FakeBotApi, bot: Bot) -> None:
    api.add_user(USER)
    sent = await bot.send_message(USER, "Pick one", reply_markup=_keyboard(("Yes", "y")))
    with pytest.raises(AssertionError, match="no button"):
        api.press(USER, sent.message_id, "not-offered")
    update_id = api.press_label(USER, sent.message_id, "Yes")
    [update] = await bot.get_updates()
    assert update.update_id == update_id
    query = update.callback_query
    assert query is not None and query.data == "y"
    assert query.message is not None and query.message.text == "Pick one"
    assert query.from_user.id == USER
    await bot.answer_callback_query(query.id, text="Noted")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)
    assert api.answered_callbacks[0]["text"] == "Noted"


async def test_commands_are_kept(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("help", "Get help")])
    assert [c["command"] for c in api.commands] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


# ---- webhook --------------------------------------------------------------------------------


class _Receiver:
    """A tiny webhook endpoint that checks the secret and can be told to fail."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.seen: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.answers: list[int] = []
        self.runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/hook", self._hook)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        return f"http://127.0.0.1:{self.runner.addresses[0][1]}/hook"

    async def _hook(self, request: web.Request) -> web.Response:
        self.seen.append((dict(request.headers), await request.json()))
        if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != self.secret:
            return web.Response(status=403)
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


async def test_webhook_delivery(api: FakeBotApi, bot: Bot) -> None:
    receiver = _Receiver("s3cret_token")
    url = await receiver.start()
    try:
        assert await bot.set_webhook(url, secret_token="s3cret_token", allowed_updates=["message"])
        assert api.updates_requested_types == ["message"]
        first = api.send_text(USER, "via webhook")
        await _eventually(lambda: receiver.seen)
        headers, body = receiver.seen[0]
        assert headers["Content-Type"] == "application/json"
        assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cret_token"
        assert body["update_id"] == first
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()

        receiver.answers.append(500)
        second = api.send_text(USER, "retried")
        await _eventually(lambda: api.pending_updates == 0 and len(receiver.seen) == 3)
        assert [d.status for d in api.webhook_deliveries if d.update_id == second] == [500, 200]
        assert (await bot.get_webhook_info()).url == url

        forged = await asyncio.to_thread(api.post_webhook, {"update_id": 1}, secret="wrong")
        assert forged == 403

        await bot.delete_webhook()
        third = api.send_text(USER, "polled again")
        assert [u.update_id for u in await bot.get_updates(timeout=1)] == [third]
    finally:
        assert receiver.runner is not None
        await receiver.runner.cleanup()


# ---- lifecycle and helpers ------------------------------------------------------------------


async def test_stop_answers_a_pending_long_poll(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await asyncio.to_thread(api.stop)
    assert await poll == ()
    assert time.monotonic() - started < 3.0


def test_wait_for_messages_says_what_it_has(api: FakeBotApi) -> None:
    with pytest.raises(AssertionError, match=r"wanted 1 bot message\(s\).*has 0"):
        api.wait_for_messages(USER, 1, timeout=0.2)


async def test_application_polls_and_echoes(api: FakeBotApi) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .request(_request())
        .get_updates_request(_request())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0, timeout=1, allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY]
        )
        api.send_text(USER, "echo me")
        messages = await asyncio.to_thread(api.wait_for_messages, USER, 1, 5.0)
        await app.updater.stop()
        await app.stop()
    assert [m.text for m in messages] == ["echo me"]
    assert api.updates_requested_types == ["message", "callback_query"]
    assert api.pending_updates == 0
