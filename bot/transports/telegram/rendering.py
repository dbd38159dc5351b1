"""Engine replies as Telegram messages: plain text, inline keyboards, at most 4,096 characters.

Everything is sent as plain text (no parse mode), so nothing a person or the material wrote can
inject formatting or links, and link previews are off. A button's callback data is the question's
token and the button's value, which flows keep short (slugs of at most 24 characters): the
adapter refuses anything over Telegram's 64 bytes rather than let Telegram reject the message.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine.replies import Document, Reply

MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
SEPARATOR = "|"


class CallbackDataTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Outgoing:
    text: str
    markup: InlineKeyboardMarkup | None
    # A multi-choice prompt redrawn after a toggle: edit the pressed message instead of sending.
    edit_in_place: bool = False
    # Sent as a file after the text (the person's data export).
    document: Document | None = None


def encode_callback(token: str, value: str) -> str:
    data = f"{token}{SEPARATOR}{value}"
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise CallbackDataTooLong(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def decode_callback(data: str | None) -> tuple[str, str] | None:
    """(token, value), or None for data this bot did not make."""
    if not data or SEPARATOR not in data:
        return None
    token, _, value = data.partition(SEPARATOR)
    return (token, value) if token and value else None


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons or reply.token is None:
        return None
    token = reply.token
    # One button per row: labels are sentences ("Keep going with …"), too long to sit side by side.
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.label, callback_data=encode_callback(token, button.value))]
            for button in reply.buttons
        ]
    )


def render(reply: Reply) -> list[Outgoing]:
    """One reply as one or more messages; buttons go with the last part."""
    parts = split_text(reply.text)
    markup = keyboard(reply)
    messages = [Outgoing(text=part, markup=None) for part in parts[:-1]]
    messages.append(
        Outgoing(
            text=parts[-1],
            markup=markup,
            edit_in_place=reply.updates_previous and len(parts) == 1,
            document=reply.document,
        )
    )
    return messages


def split_text(text: str, *, limit: int = MAX_TEXT) -> list[str]:
    """Parts of at most ``limit`` characters, cut at paragraph, then line, then word breaks."""
    text = text.strip() or "…"
    parts: list[str] = []
    while _units(text) > limit:
        window = text[: _fit(text, limit)]
        limit_here = len(window)
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit_here // 2:
            cut = max(window.rfind("\n"), cut)
        if cut < limit_here // 2:
            cut = max(window.rfind(" "), cut)
        if cut < limit_here // 4:
            cut = limit_here  # one enormous word: cut it where it stands
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    parts.append(text)
    return [part for part in parts if part]


def _units(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str, limit: int) -> int:
    """The longest prefix of ``text``, in characters, within ``limit`` UTF-16 units."""
    end = min(len(text), limit)
    while _units(text[:end]) > limit:
        end -= max(1, (_units(text[:end]) - limit) // 2)
    return end
