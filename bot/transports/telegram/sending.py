"""Sending a turn's replies to Telegram.

The two requests every turn makes (a new message, and taking the buttons off the question just
answered) go through ``ExtBot._post`` rather than ``send_message`` and
``edit_message_reply_markup``. The public methods parse Telegram's answer into a ``Message``
that nothing here reads; under load that parsing was the largest single cost on the event loop,
which serves everyone. ``_post`` still applies the defaults, the rate limiter and PTB's mapping
of errors to exceptions, so the behaviour is the same. It is protected API: the end-to-end and
handler tests send through it, so a PTB release that changes it fails them.
"""

from __future__ import annotations

from typing import Any

from telegram import InputFile, LinkPreviewOptions, Message
from telegram.error import BadRequest

from bot.engine.replies import Reply
from bot.transports.telegram.rendering import render

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_replies(
    bot: Any, chat_id: int, replies: list[Reply], *, pressed: Message | None = None
) -> None:
    """Send each reply; a redrawn multi-choice prompt edits the message that was pressed."""
    outgoing = [part for reply in replies for part in render(reply)]
    if pressed is not None and not any(part.edit_in_place for part in outgoing):
        # The question is answered: take its buttons away so they cannot be pressed again.
        await _quietly(
            bot._post(
                "editMessageReplyMarkup", {"chat_id": chat_id, "message_id": pressed.message_id}
            )
        )
    for part in outgoing:
        if part.edit_in_place and pressed is not None:
            await _quietly(
                bot.edit_message_text(
                    part.text,
                    chat_id=chat_id,
                    message_id=pressed.message_id,
                    reply_markup=part.markup,
                )
            )
        else:
            await bot._post(
                "sendMessage",
                {
                    "chat_id": chat_id,
                    "text": part.text,
                    "reply_markup": part.markup,
                    "link_preview_options": NO_PREVIEW,
                },
            )
        if part.document is not None:
            await bot.send_document(
                chat_id,
                document=InputFile(part.document.content, filename=part.document.filename),
            )


async def _quietly(call: Any) -> None:
    """Edits that Telegram refuses as pointless (unchanged, or the message is gone) are fine."""
    try:
        await call
    except BadRequest as exc:
        if "not modified" not in exc.message and "not found" not in exc.message:
            raise
