"""Telegram handlers: parse the update, run the engine's turn, render the replies. Nothing else.

Every handler is registered in ``register``, in order: the inbound limit first (group -1, it can
stop an update), then private-chat text and commands, button presses, anything else a person can
send privately; group and channel updates match nothing and are dropped unread. The turn itself
(database, engine, retrieval) is synchronous and runs in a worker thread so the event loop keeps
serving other people.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackContext,
    CallbackQueryHandler,
    ExtBot,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.conversation import Conversation
from bot.engine.events import Command, Event, Press, Text, Unsupported
from bot.store.group_commit import GroupCommitter
from bot.transports.telegram.limits import InboundLimiter
from bot.transports.telegram.rendering import decode_callback
from bot.transports.telegram.sending import send_replies
from bot.wording import Messages

TRANSPORT = "telegram"
COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,64})(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
log = logging.getLogger(__name__)


@dataclass
class Coach:
    """What every handler needs, built once by the composition root."""

    conversation: Conversation
    committer: GroupCommitter
    messages: Messages
    limiter: InboundLimiter
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)


class BotData:
    """Typed ``bot_data``: the application creates it empty; ``build_application`` fills it."""

    def __init__(self) -> None:
        self._coach: Coach | None = None

    @property
    def coach(self) -> Coach:
        if self._coach is None:
            raise RuntimeError("the application was not built by build_application")
        return self._coach

    @coach.setter
    def coach(self, value: Coach) -> None:
        self._coach = value


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]


def register(application: Any) -> None:
    """Register every handler, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Update, enforce_inbound_limit), group=-1)
    application.add_handler(MessageHandler(private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_press))
    application.add_handler(MessageHandler(private & ~filters.TEXT, on_other))
    application.add_error_handler(on_error)


async def enforce_inbound_limit(update: Update, context: Context) -> None:
    """Refuse a person's messages beyond the per-minute limit, with one notice per burst."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        raise ApplicationHandlerStop  # groups and channels: nothing is read or stored
    verdict = context.bot_data.coach.limiter.check(chat.id)
    if verdict == "ok":
        return
    # Only a message about to be held back needs the crisis check here (the engine runs it
    # first on everything that gets through): a crisis message is never held back.
    message = update.effective_message
    engine = context.bot_data.coach.conversation.engine
    if message is not None and message.text and engine.crisis_hit(message.text) is not None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    if verdict == "warn":
        await context.bot.send_message(chat.id, context.bot_data.coach.messages.say("slow_down"))
    raise ApplicationHandlerStop


async def on_text(update: Update, context: Context) -> None:
    """A typed message or a /command."""
    message = update.effective_message
    assert message is not None and message.text is not None
    coach = context.bot_data.coach
    match = COMMAND.match(message.text.strip())
    event: Event
    if match:
        event = Command(match[1].lower(), (match[2] or "").strip(), coach.clock())
    else:
        event = Text(message.text, coach.clock())
    await _turn(update, context, event)


async def on_press(update: Update, context: Context) -> None:
    """A button under one of the coach's questions."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    message = query.message
    if not isinstance(message, Message) or message.chat.type != "private":
        return
    decoded = decode_callback(query.data)
    coach = context.bot_data.coach
    token, value = decoded if decoded else ("", "")
    await _turn(update, context, Press(value, token, coach.clock()), pressed=message)


async def on_other(update: Update, context: Context) -> None:
    """A photo, voice note, sticker, document or location: not read, not stored."""
    message = update.effective_message
    assert message is not None
    kind = next(
        (
            name
            for name in ("photo", "voice", "sticker", "document", "location", "video", "audio")
            if getattr(message, name, None)
        ),
        "other",
    )
    await _turn(update, context, Unsupported(kind, context.bot_data.coach.clock()))


async def _turn(
    update: Update, context: Context, event: Event, *, pressed: Message | None = None
) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    coach = context.bot_data.coach
    try:
        replies = await coach.conversation.handle_update_grouped(
            coach.committer,
            transport=TRANSPORT,
            external_id=str(user.id),
            event=event,
            update_key=str(update.update_id),
            reply_address=str(chat.id),
        )
    except Exception as exc:
        log.error("turn failed: %s\n%s", type(exc).__name__, _frames(exc))
        await context.bot.send_message(chat.id, coach.messages.say("internal_error"))
        return
    if replies is None:
        log.info("duplicate update ignored")
        return
    await send_replies(context.bot, chat.id, replies, pressed=pressed)


async def on_error(update: object, context: Context) -> None:
    """Log what went wrong without personal data; nothing here may include message text."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("a person has blocked the bot or left the chat")
    elif isinstance(error, BadRequest) and "not modified" in error.message:
        log.debug("edit skipped: message not modified")
    elif isinstance(error, RetryAfter):
        # (Reading retry_after raises a deprecation warning in PTB 22; the limiter already waited.)
        log.warning("Telegram asked us to slow down")
    elif isinstance(error, TimedOut | NetworkError):
        log.warning("network problem talking to Telegram: %s", type(error).__name__)
    elif error is not None:
        log.error("unhandled %s\n%s", type(error).__name__, _frames(error))


def _frames(error: BaseException) -> str:
    # The traceback's frames only: an exception's message may quote what a person wrote.
    return "".join(traceback.format_tb(error.__traceback__))
