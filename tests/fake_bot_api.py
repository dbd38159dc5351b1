"""A small, strict stand-in for the Telegram Bot API, for end-to-end tests and load benchmarks.

Why it exists: nothing installable here can stand in for Telegram with python-telegram-bot
unmodified, and a fake that is lenient where Telegram is strict lets bugs reach production
(a 65-byte ``callback_data``, an edit to identical text, a 4097-character answer). So this one
answers like the real API where our bot can trip: same status codes, same descriptions, real long
polling, ``update_id`` confirmation by ``offset``, and webhook delivery with the secret header.

How it runs: an aiohttp server on ``127.0.0.1`` (ephemeral port) driven by its own event loop in a
background thread. That lets a synchronous pytest test, an async test running PTB on another loop
and a ``coach bot`` subprocess all talk to it at once.

Threading rule: every piece of state sits behind one ``threading.Condition``. The server loop
changes it while answering requests; the test thread reads it directly (cheap, and safe from
inside an async test) and waits on the condition for changes. Only ``post_webhook`` and the
``wait_*`` helpers block, so call those through ``asyncio.to_thread`` from an async test whose
loop also runs the bot, or the bot cannot answer while the test waits.

Deliberate simplifications (documented so nobody relies on them):

- Text length is counted in Unicode code points (Python ``len``), not UTF-16 code units, and
  before any entity parsing; ``parse_mode`` is recorded but never parsed.
- Leading and trailing whitespace is not stripped before the length check, but text that is only
  whitespace counts as empty, as on Telegram.
- Callback queries never expire; answering one twice, or one that was never sent, fails.
- Webhook updates are delivered one at a time, in order; an update that keeps failing is dropped
  after ``webhook_max_attempts`` tries (Telegram keeps trying for much longer).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import json
import re
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

T = TypeVar("T")

BOT_USER: dict[str, Any] = {
    "id": 5000000001,
    "is_bot": True,
    "first_name": "Coach",
    "username": "coach_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}

MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_BUTTONS = 100

# Update types Telegram sends when allowed_updates is empty or was never given.
_OPT_IN_UPDATE_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Form fields that are free text: never decoded as numbers, booleans or JSON.
_TEXT_FIELDS = frozenset(
    [
        "text",
        "caption",
        "url",
        "secret_token",
        "callback_query_id",
        "inline_message_id",
        "parse_mode",
        "language_code",
        "description",
        "short_description",
        "name",
        "title",
        "action",
        "ip_address",
        "emoji",
    ]
)
_INT_PATTERN = re.compile(r"-?\d+")
_FLOAT_PATTERN = re.compile(r"-?\d+\.\d*")
_COMMAND_PATTERN = re.compile(r"[a-z0-9_]{1,32}")
_BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_CHAT_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)
_INLINE_BUTTON_ACTIONS = tuple(
    [
        "callback_data",
        "url",
        "login_url",
        "web_app",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    ]
)

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


# --------------------------------------------------------------------------------------------
# Public records handed to tests (immutable snapshots, safe to keep after the server moves on)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageVersion:
    """A message's content before an edit replaced it."""

    text: str
    reply_markup: dict[str, Any] | None
    at: float


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent, as it stands now; times are ``time.monotonic()`` values."""

    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None
    edits: list[str]
    sent_at: float
    parse_mode: str | None = None
    edited_at: float | None = None
    deleted: bool = False
    history: tuple[MessageVersion, ...] = ()

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """(label, callback_data) of every inline button, row by row."""
        return _inline_buttons(self.reply_markup)


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded (``sendDocument``)."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class Call:
    """One request the bot made: the decoded parameters and what the fake answered."""

    method: str
    params: dict[str, Any]
    status: int
    at: float
    answered_at: float
    description: str | None = None
    result: Any = None


@dataclass(frozen=True)
class UpdateRecord:
    """When an update became available and when the bot first received it (monotonic)."""

    update_id: int
    kind: str
    chat_id: int | None
    available_at: float
    delivered_at: float | None


@dataclass(frozen=True)
class WebhookDelivery:
    """One POST of an update to the bot's webhook; ``status`` is None if the POST itself failed."""

    update_id: int
    attempt: int
    status: int | None
    error: str | None
    at: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class ApiError(Exception):
    """A Bot API failure answer: raised inside method handlers, turned into JSON by the server."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _utf16_length(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _command_entities(text: str) -> list[dict[str, Any]]:
    """A ``bot_command`` entity for a leading ``/command`` (CommandHandler ignores text without)."""
    match = _BOT_COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": _utf16_length(match.group())}]


def _inline_buttons(markup: dict[str, Any] | None) -> list[tuple[str, str | None]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        (button.get("text", ""), button.get("callback_data"))
        for row in markup["inline_keyboard"]
        for button in row
    ]


def _inline_only(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """A message object carries only an inline keyboard; reply keyboards live in the client."""
    if markup and "inline_keyboard" in markup:
        return markup
    return None


def _decode_field(name: str, value: Any) -> Any:
    """PTB sends nested values as JSON strings in form fields; numbers and booleans as text."""
    if not isinstance(value, str) or name in _TEXT_FIELDS:
        return value
    if value in ("true", "false"):
        return value == "true"
    if _INT_PATTERN.fullmatch(value):
        return int(value)
    if _FLOAT_PATTERN.fullmatch(value):
        return float(value)
    if value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Query string plus a JSON, urlencoded or multipart body, decoded like the real API does."""
    raw: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = json.loads(await request.read() or b"{}")
            except ValueError as exc:
                raise bad_request("can't parse JSON object") from exc
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            raw.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    # Kept in memory (tests check what a bot uploads), then the spooled file closed.
                    raw[key] = Upload(value.filename or "", value.file.read())
                    value.file.close()
                else:
                    raw[key] = value
    return {key: _decode_field(key, value) for key, value in raw.items()}


def _int_param(params: dict[str, Any], name: str, missing: str) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(missing)
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(f"invalid {name} specified")
    return value


def _optional_number(params: dict[str, Any], name: str) -> float | None:
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad_request(f"invalid {name} specified")
    return float(value)


def _flag(params: dict[str, Any], name: str) -> bool:
    return params.get(name) in (True, 1)


def _validate_text(text: Any) -> str:
    """1-4096 characters, counted as code points (see the module docstring), not blank."""
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return text


def _validate_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Reject keyboards Telegram rejects; the 64-byte callback_data limit is the one that bites."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse inline keyboard markup JSON object")
        buttons = [button for row in rows for button in row]
        if len(buttons) > MAX_BUTTONS:
            raise bad_request("reply markup is too long")
        for button in buttons:
            _validate_inline_button(button)
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if not any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_INVALID")
    if not any(key in button for key in _INLINE_BUTTON_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not button["url"]:
        raise bad_request("BUTTON_URL_INVALID")


def _default_description(status: int, retry_after: int | None) -> str:
    if status == 429:
        return f"Too Many Requests: retry after {retry_after}"
    known = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}
    if status in known:
        return known[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


# --------------------------------------------------------------------------------------------
# Shared state
# --------------------------------------------------------------------------------------------


class _Shared:
    """The one lock every state holder uses, so the test thread can wait for any change."""

    def __init__(self) -> None:
        self.cond = threading.Condition()

    @contextlib.contextmanager
    def changing(self) -> Iterator[None]:
        with self.cond:
            yield
            self.cond.notify_all()


class _Signal:
    """Wakes coroutines on the server loop when any thread reports a change (coalesced).

    Long polls and the webhook worker sleep on it; ``send_text`` on the test thread fires it.
    Coalescing keeps thousands of enqueued updates per second from flooding the loop.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._scheduled = False
        self._lock = threading.Lock()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._event = asyncio.Event()

    def fire_threadsafe(self) -> None:
        with self._lock:
            if self._scheduled or self._loop is None or self._loop.is_closed():
                return
            self._scheduled = True
        with contextlib.suppress(RuntimeError):  # loop closed between the check and the call
            self._loop.call_soon_threadsafe(self._fire)

    def _fire(self) -> None:
        with self._lock:
            self._scheduled = False
        event, self._event = self._event, asyncio.Event()
        if event is not None:
            event.set()

    async def wait(self, timeout: float | None) -> None:
        """Return on the next fire or after ``timeout`` seconds, whichever comes first."""
        assert self._event is not None
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)


@dataclass
class _StoredMessage:
    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None
    date: int
    sent_at: float
    parse_mode: str | None
    edit_date: int | None = None
    edited_at: float | None = None
    deleted: bool = False
    history: list[MessageVersion] = field(default_factory=list)
    text_edits: list[str] = field(default_factory=list)

    def snapshot(self) -> SentMessage:
        return SentMessage(
            chat_id=self.chat_id,
            message_id=self.message_id,
            text=self.text,
            reply_markup=self.reply_markup,
            edits=list(self.text_edits),
            sent_at=self.sent_at,
            parse_mode=self.parse_mode,
            edited_at=self.edited_at,
            deleted=self.deleted,
            history=tuple(self.history),
        )

    def as_api_message(self, chat: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "from": BOT_USER,
            "chat": chat,
            "date": self.date,
            "text": self.text,
        }
        inline = _inline_only(self.reply_markup)
        if inline is not None:
            message["reply_markup"] = inline
        if self.edit_date is not None:
            message["edit_date"] = self.edit_date
        return message


class _Chats:
    """Users, chats, who blocked the bot, and every message the bot sent, per chat."""

    def __init__(self, shared: _Shared) -> None:
        self._shared = shared
        self._users: dict[int, dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[int, dict[int, _StoredMessage]] = {}
        self._last_user_message: dict[int, int] = {}

    def add_user(self, user_id: int, first_name: str, username: str | None) -> dict[str, Any]:
        """Register (or refresh) a user and their private chat; returns the user object."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        chat: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}
        if username:
            user["username"] = username
            chat["username"] = username
        with self._shared.changing():
            self._users[user_id] = user
            self._chats[user_id] = chat
        return user

    def add_chat(self, chat_id: int, chat_type: str, title: str) -> dict[str, Any]:
        if chat_id >= 0:
            raise ValueError("group and channel ids are negative")
        chat = {"id": chat_id, "type": chat_type, "title": title}
        with self._shared.changing():
            self._chats[chat_id] = chat
        return chat

    def user(self, user_id: int) -> dict[str, Any]:
        with self._shared.cond:
            try:
                return self._users[user_id]
            except KeyError:
                raise AssertionError(f"unknown user {user_id}") from None

    def ensure_user(self, user_id: int) -> dict[str, Any]:
        """The known user, or a new one with default names."""
        with self._shared.cond:
            known = self._users.get(user_id)
        return known if known is not None else self.add_user(user_id, "Test", None)

    def set_blocked(self, user_id: int, blocked: bool) -> None:
        with self._shared.changing():
            if blocked:
                self._blocked.add(user_id)
            else:
                self._blocked.discard(user_id)

    def next_user_message_id(self, chat_id: int) -> int:
        with self._shared.changing():
            message_id = self._allocate_message_id(chat_id)
            self._last_user_message[chat_id] = message_id
            return message_id

    def last_user_message_id(self, chat_id: int) -> int | None:
        with self._shared.cond:
            return self._last_user_message.get(chat_id)

    def _allocate_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    # Methods used while answering the bot (on the server loop).

    def resolve(self, chat_id: Any, *, writing: bool) -> dict[str, Any]:
        """The chat a request names, or the error Telegram gives; ``writing`` checks blocking."""
        with self._shared.cond:
            chat: dict[str, Any] | None = None
            if isinstance(chat_id, int) and not isinstance(chat_id, bool):
                chat = self._chats.get(chat_id)
            elif isinstance(chat_id, str) and chat_id.startswith("@"):
                chat = next(
                    (c for c in self._chats.values() if c.get("username") == chat_id[1:]), None
                )
            elif chat_id in (None, ""):
                raise bad_request("chat_id is empty")
            if chat is None:
                raise bad_request("chat not found")
            if writing and chat["id"] in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return chat

    def store(
        self,
        chat: dict[str, Any],
        text: str,
        reply_markup: dict[str, Any] | None,
        parse_mode: str | None,
    ) -> dict[str, Any]:
        chat_id = chat["id"]
        with self._shared.changing():
            message = _StoredMessage(
                chat_id=chat_id,
                message_id=self._allocate_message_id(chat_id),
                text=text,
                reply_markup=reply_markup,
                date=int(time.time()),
                sent_at=time.monotonic(),
                parse_mode=parse_mode,
            )
            self._messages.setdefault(chat_id, {})[message.message_id] = message
            return message.as_api_message(chat)

    def edit(
        self,
        chat: dict[str, Any],
        message_id: int,
        *,
        text: str | None,
        reply_markup: dict[str, Any] | None,
        parse_mode: str | None,
    ) -> dict[str, Any]:
        """Replace text and/or keyboard; omitting reply_markup removes the inline keyboard."""
        with self._shared.changing():
            message = self._live_message(chat["id"], message_id)
            if message is None:
                raise bad_request("message to edit not found")
            new_text = message.text if text is None else text
            if new_text == message.text and reply_markup == _inline_only(message.reply_markup):
                raise bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
            now = time.monotonic()
            message.history.append(MessageVersion(message.text, message.reply_markup, now))
            if text is not None:
                message.text_edits.append(message.text)
                message.text = text
                message.parse_mode = parse_mode
            message.reply_markup = reply_markup
            message.edit_date = int(time.time())
            message.edited_at = now
            return message.as_api_message(chat)

    def delete(self, chat_id: int, message_id: int) -> None:
        with self._shared.changing():
            message = self._live_message(chat_id, message_id)
            if message is None:
                raise bad_request("message to delete not found")
            message.deleted = True

    def api_message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The bot message as a callback query carries it (current text and keyboard)."""
        with self._shared.cond:
            message = self._live_message(chat_id, message_id)
            if message is None:
                raise AssertionError(f"chat {chat_id} has no bot message {message_id}")
            return message.as_api_message(self._chats[chat_id])

    def _live_message(self, chat_id: int, message_id: int) -> _StoredMessage | None:
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None or message.deleted:
            return None
        return message

    # Queries for tests.

    def messages(self, chat_id: int) -> list[SentMessage]:
        with self._shared.cond:
            return [m.snapshot() for m in self._messages.get(chat_id, {}).values()]

    def all_messages(self) -> dict[int, list[SentMessage]]:
        with self._shared.cond:
            return {
                chat_id: [m.snapshot() for m in messages.values()]
                for chat_id, messages in self._messages.items()
            }

    def message_count(self, chat_id: int) -> int:
        with self._shared.cond:
            return len(self._messages.get(chat_id, {}))


@dataclass
class _Entry:
    update_id: int
    update: dict[str, Any]
    kind: str
    chat_id: int | None
    available_at: float
    delivered_at: float | None = None
    redelivered: bool = False  # put back by redeliver() and not yet served again


class _Updates:
    """Pending updates in ``update_id`` order, confirmed by ``offset`` the way Telegram does."""

    def __init__(self, shared: _Shared, wake: Callable[[], None]) -> None:
        self._shared = shared
        self._wake = wake
        self._next_id = 700_000_001
        self._pending: list[_Entry] = []
        self._by_id: dict[int, _Entry] = {}
        self._allowed: frozenset[str] | None = None
        self.requested_types: list[str] | None = None

    def add(self, kind: str, payload: dict[str, Any], chat_id: int | None) -> int:
        """Make an update available now; cheap, callable from any thread."""
        with self._shared.changing():
            update_id = self._next_id
            self._next_id += 1
            entry = _Entry(
                update_id=update_id,
                update={"update_id": update_id, kind: payload},
                kind=kind,
                chat_id=chat_id,
                available_at=time.monotonic(),
            )
            self._by_id[update_id] = entry
            self._insert(entry)
        self._wake()
        return update_id

    def _insert(self, entry: _Entry) -> None:
        if not self._pending or self._pending[-1].update_id < entry.update_id:
            self._pending.append(entry)
        else:
            bisect.insort(self._pending, entry, key=lambda e: e.update_id)

    def set_next_id(self, update_id: int) -> None:
        with self._shared.changing():
            self._next_id = update_id

    def redeliver(self, update_id: int) -> None:
        with self._shared.changing():
            entry = self._by_id.get(update_id)
            if entry is None:
                raise AssertionError(f"no update {update_id} was ever made")
            entry.redelivered = True
            if entry not in self._pending:
                self._insert(entry)
        self._wake()

    def set_allowed(self, allowed: Any) -> None:
        """Remember allowed_updates; None keeps the previous choice, [] means the defaults."""
        if allowed is None:
            return
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise bad_request("can't parse allowed updates")
        with self._shared.changing():
            self.requested_types = list(allowed)
            self._allowed = frozenset(allowed) if allowed else None

    def _is_allowed(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in _OPT_IN_UPDATE_TYPES
        return kind in self._allowed

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        with self._shared.changing():
            if offset < 0:
                self._pending = self._pending[offset:]
                return
            cut = bisect.bisect_left(self._pending, offset, key=lambda e: e.update_id)
            if cut == 0:
                return
            kept = [e for e in self._pending[:cut] if e.redelivered]
            self._pending = kept + self._pending[cut:]

    def take(self, limit: int) -> list[dict[str, Any]]:
        """Serve up to ``limit`` pending updates without confirming them (getUpdates)."""
        with self._shared.changing():
            batch = self._select(limit)
            now = time.monotonic()
            for entry in batch:
                entry.redelivered = False
                if entry.delivered_at is None:
                    entry.delivered_at = now
            return [entry.update for entry in batch]

    def head(self) -> _Entry | None:
        """The next update a webhook should receive, if any."""
        with self._shared.changing():
            batch = self._select(1)
            return batch[0] if batch else None

    def _select(self, limit: int) -> list[_Entry]:
        # Updates of types the bot did not ask for are dropped, as Telegram never creates them.
        if any(not self._is_allowed(e.kind) for e in self._pending):
            self._pending = [e for e in self._pending if self._is_allowed(e.kind)]
        return self._pending[:limit]

    def acknowledge(self, entry: _Entry) -> None:
        """A webhook answered 2xx (or gave up on): the update leaves the queue."""
        with self._shared.changing():
            entry.redelivered = False
            if entry.delivered_at is None:
                entry.delivered_at = time.monotonic()
            with contextlib.suppress(ValueError):
                self._pending.remove(entry)

    def drop_pending(self) -> None:
        with self._shared.changing():
            self._pending = []

    def pending_count(self) -> int:
        with self._shared.cond:
            return len(self._pending)

    def records(self) -> list[UpdateRecord]:
        with self._shared.cond:
            return [
                UpdateRecord(e.update_id, e.kind, e.chat_id, e.available_at, e.delivered_at)
                for e in self._by_id.values()
            ]

    def update(self, update_id: int) -> dict[str, Any]:
        with self._shared.cond:
            return self._by_id[update_id].update


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    remaining: int


class _Faults:
    """Injected failures and slow answers, keyed by lower-case method name."""

    def __init__(self, shared: _Shared) -> None:
        self._shared = shared
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, float] = {}

    def fail_next(
        self,
        method: str,
        status: int,
        times: int,
        retry_after: int | None,
        description: str | None,
    ) -> None:
        if status == 429 and retry_after is None:
            retry_after = 1
        text = description or _default_description(status, retry_after)
        with self._shared.changing():
            self._failures.setdefault(method.lower(), []).append(
                _Failure(status, text, retry_after, times)
            )

    def set_delay(self, method: str, seconds: float) -> None:
        with self._shared.changing():
            if seconds > 0:
                self._delays[method.lower()] = seconds
            else:
                self._delays.pop(method.lower(), None)

    def delay_for(self, method: str) -> float:
        with self._shared.cond:
            return self._delays.get(method.lower(), 0.0)

    def take(self, method: str) -> ApiError | None:
        with self._shared.changing():
            queue = self._failures.get(method.lower())
            if not queue:
                return None
            failure = queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.pop(0)
            parameters = None
            if failure.retry_after is not None:
                parameters = {"retry_after": failure.retry_after}
            return ApiError(failure.status, failure.description, parameters)


class _Journal:
    """What the bot did: every call, callback answers, command lists, webhook deliveries."""

    def __init__(self, shared: _Shared) -> None:
        self._shared = shared
        self.calls: list[Call] = []
        self.answered_callbacks: list[dict[str, Any]] = []
        self.open_callbacks: set[str] = set()
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.last_commands: list[dict[str, Any]] = []
        self.deliveries: list[WebhookDelivery] = []
        self.uploads: dict[int, list[Upload]] = {}

    def record_call(self, call: Call) -> None:
        with self._shared.changing():
            self.calls.append(call)

    def record_delivery(self, delivery: WebhookDelivery) -> None:
        with self._shared.changing():
            self.deliveries.append(delivery)

    def open_callback(self, query_id: str) -> None:
        with self._shared.changing():
            self.open_callbacks.add(query_id)

    def answer_callback(self, params: dict[str, Any]) -> None:
        query_id = params.get("callback_query_id")
        with self._shared.changing():
            if query_id not in self.open_callbacks:
                raise bad_request(QUERY_INVALID.removeprefix("Bad Request: "))
            self.open_callbacks.discard(query_id)
            self.answered_callbacks.append(dict(params))


@dataclass
class _WebhookConfig:
    url: str = ""
    secret: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


# --------------------------------------------------------------------------------------------
# The Bot API methods
# --------------------------------------------------------------------------------------------


class _Methods:
    """Each Bot API method the fake knows: parameters in, result out, or an ApiError."""

    def __init__(
        self,
        chats: _Chats,
        updates: _Updates,
        journal: _Journal,
        webhook: _WebhookConfig,
        shared: _Shared,
        signal: _Signal,
        closing: Callable[[], bool],
    ) -> None:
        self._chats = chats
        self._updates = updates
        self._journal = journal
        self._webhook = webhook
        self._shared = shared
        self._signal = signal
        self._closing = closing
        self._poll_generation = 0
        handlers: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {
            "getMe": self.get_me,
            "logOut": self.log_out,
            "close": self.close,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "sendMessage": self.send_message,
            "sendDocument": self.send_document,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
        }
        self._by_lower = {name.lower(): (name, handler) for name, handler in handlers.items()}

    def lookup(self, name: str) -> tuple[str, Callable[[dict[str, Any]], Awaitable[Any]]] | None:
        return self._by_lower.get(name.lower())

    async def get_me(self, params: dict[str, Any]) -> Any:
        return BOT_USER

    async def log_out(self, params: dict[str, Any]) -> Any:
        return True

    async def close(self, params: dict[str, Any]) -> Any:
        return True

    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Long polling: hold the request until an update exists or ``timeout`` runs out."""
        offset = _optional_number(params, "offset")
        limit = int(_optional_number(params, "limit") or 100)
        limit = min(max(limit, 1), 100)
        timeout = max(_optional_number(params, "timeout") or 0.0, 0.0)
        if self._webhook.url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        self._updates.set_allowed(params.get("allowed_updates"))
        if offset is not None and offset != 0:
            self._updates.confirm(int(offset))
        # A newer request ends an older one still waiting, as on Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._signal.fire_threadsafe()
        deadline = time.monotonic() + timeout
        while True:
            if self._closing():
                return []
            if generation != self._poll_generation:
                raise ApiError(409, POLL_CONFLICT)
            if self._webhook.url:
                raise ApiError(409, WEBHOOK_CONFLICT)
            batch = self._updates.take(limit)
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0:
                return batch
            await self._signal.wait(remaining)

    async def set_webhook(self, params: dict[str, Any]) -> Any:
        url = params.get("url") or ""
        if not isinstance(url, str) or (url and not url.startswith(("http://", "https://"))):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and (
            not isinstance(secret, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret)
        ):
            raise bad_request("secret token contains unallowed characters")
        max_connections = int(_optional_number(params, "max_connections") or 40)
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        self._updates.set_allowed(params.get("allowed_updates"))
        if _flag(params, "drop_pending_updates"):
            self._updates.drop_pending()
        with self._shared.changing():
            self._webhook.url = url
            self._webhook.secret = secret if url else None
            self._webhook.max_connections = max_connections
            self._webhook.last_error_date = None
            self._webhook.last_error_message = None
        self._signal.fire_threadsafe()
        return True

    async def delete_webhook(self, params: dict[str, Any]) -> Any:
        if _flag(params, "drop_pending_updates"):
            self._updates.drop_pending()
        with self._shared.changing():
            self._webhook.url = ""
            self._webhook.secret = None
        self._signal.fire_threadsafe()
        return True

    async def get_webhook_info(self, params: dict[str, Any]) -> Any:
        with self._shared.cond:
            info: dict[str, Any] = {
                "url": self._webhook.url,
                "has_custom_certificate": False,
                "pending_update_count": self._updates.pending_count(),
            }
            if self._webhook.url:
                info["max_connections"] = self._webhook.max_connections
                if self._updates.requested_types is not None:
                    info["allowed_updates"] = self._updates.requested_types
            if self._webhook.last_error_date is not None:
                info["last_error_date"] = self._webhook.last_error_date
                info["last_error_message"] = self._webhook.last_error_message
            return info

    async def send_message(self, params: dict[str, Any]) -> Any:
        chat = self._chats.resolve(params.get("chat_id"), writing=True)
        text = _validate_text(params.get("text"))
        markup = _validate_markup(params.get("reply_markup"))
        return self._chats.store(chat, text, markup, params.get("parse_mode"))

    async def send_document(self, params: dict[str, Any]) -> Any:
        """Stored as a message whose text names the file; the upload is kept in ``uploads``."""
        chat = self._chats.resolve(params.get("chat_id"), writing=True)
        document = params.get("document")
        if not isinstance(document, Upload) or not document.content:
            raise bad_request("there is no document in the request")
        self._journal.uploads.setdefault(chat["id"], []).append(document)
        caption = params.get("caption") or ""
        if len(caption) > 1024:
            raise bad_request("message caption is too long")
        return self._chats.store(
            chat, f"[document {document.filename}] {caption}".strip(), None, None
        )

    async def edit_message_text(self, params: dict[str, Any]) -> Any:
        chat, message_id = self._edit_target(params)
        text = _validate_text(params.get("text"))
        markup = _validate_markup(params.get("reply_markup"), inline_only=True)
        return self._chats.edit(
            chat, message_id, text=text, reply_markup=markup, parse_mode=params.get("parse_mode")
        )

    async def edit_message_reply_markup(self, params: dict[str, Any]) -> Any:
        chat, message_id = self._edit_target(params)
        markup = _validate_markup(params.get("reply_markup"), inline_only=True)
        return self._chats.edit(chat, message_id, text=None, reply_markup=markup, parse_mode=None)

    def _edit_target(self, params: dict[str, Any]) -> tuple[dict[str, Any], int]:
        if params.get("inline_message_id"):
            raise bad_request("message to edit not found")
        chat = self._chats.resolve(params.get("chat_id"), writing=True)
        message_id = _int_param(params, "message_id", "message identifier is not specified")
        return chat, message_id

    async def delete_message(self, params: dict[str, Any]) -> Any:
        chat = self._chats.resolve(params.get("chat_id"), writing=False)
        message_id = _int_param(params, "message_id", "message identifier is not specified")
        self._chats.delete(chat["id"], message_id)
        return True

    async def answer_callback_query(self, params: dict[str, Any]) -> Any:
        self._journal.answer_callback(params)
        return True

    async def send_chat_action(self, params: dict[str, Any]) -> Any:
        self._chats.resolve(params.get("chat_id"), writing=True)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def set_my_commands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            if not _COMMAND_PATTERN.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("command description is empty")
        with self._shared.changing():
            self._journal.commands[self._commands_key(params)] = commands
            self._journal.last_commands = commands
        return True

    async def get_my_commands(self, params: dict[str, Any]) -> Any:
        with self._shared.cond:
            return self._journal.commands.get(self._commands_key(params), [])

    async def delete_my_commands(self, params: dict[str, Any]) -> Any:
        with self._shared.changing():
            self._journal.commands.pop(self._commands_key(params), None)
        return True

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


# --------------------------------------------------------------------------------------------
# Webhook delivery
# --------------------------------------------------------------------------------------------


class _WebhookDeliverer:
    """Posts pending updates to the webhook one at a time, retrying a non-2xx answer."""

    def __init__(
        self,
        updates: _Updates,
        journal: _Journal,
        config: _WebhookConfig,
        shared: _Shared,
        signal: _Signal,
        *,
        retry_pause: float,
        max_attempts: int,
        timeout: float,
    ) -> None:
        self._updates = updates
        self._journal = journal
        self._config = config
        self._shared = shared
        self._signal = signal
        self._retry_pause = retry_pause
        self._max_attempts = max_attempts
        self._timeout = timeout
        self._attempts: dict[int, int] = {}

    async def run(self, session: aiohttp.ClientSession) -> None:
        while True:
            with self._shared.cond:
                url, secret = self._config.url, self._config.secret
            entry = self._updates.head() if url else None
            if entry is None:
                await self._signal.wait(None)
                continue
            status, error = await post_json(session, url, entry.update, secret, self._timeout)
            attempt = self._attempts.get(entry.update_id, 0) + 1
            self._attempts[entry.update_id] = attempt
            delivery = WebhookDelivery(entry.update_id, attempt, status, error, time.monotonic())
            self._journal.record_delivery(delivery)
            if delivery.ok:
                self._attempts.pop(entry.update_id, None)
                self._updates.acknowledge(entry)
                continue
            with self._shared.changing():
                self._config.last_error_date = int(time.time())
                self._config.last_error_message = (
                    error or f"Wrong response from the webhook: {status}"
                )
            if attempt >= self._max_attempts:
                self._attempts.pop(entry.update_id, None)
                self._updates.acknowledge(entry)
                continue
            await asyncio.sleep(self._retry_pause)


async def post_json(
    session: aiohttp.ClientSession,
    url: str,
    payload: Any,
    secret: str | None,
    timeout: float,
) -> tuple[int | None, str | None]:
    """POST like Telegram does: exact ``application/json`` and the secret header when set."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    try:
        async with session.post(
            url,
            data=json.dumps(payload).encode(),
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as response:
            await response.read()
            return response.status, None
    except (aiohttp.ClientError, TimeoutError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """The fake Bot API server plus the synchronous, thread-safe API tests drive it with."""

    def __init__(
        self,
        *,
        token: str | None = None,
        webhook_retry_pause: float = 0.2,
        webhook_max_attempts: int = 5,
        webhook_timeout: float = 10.0,
    ) -> None:
        """``token``: when given, any other token gets 401 Unauthorized; else all are accepted."""
        self._token = token
        self._shared = _Shared()
        self._signal = _Signal()
        self._chats = _Chats(self._shared)
        self._updates = _Updates(self._shared, self._signal.fire_threadsafe)
        self._faults = _Faults(self._shared)
        self._journal = _Journal(self._shared)
        self._webhook = _WebhookConfig()
        self._closing = False
        self._methods = _Methods(
            self._chats,
            self._updates,
            self._journal,
            self._webhook,
            self._shared,
            self._signal,
            lambda: self._closing,
        )
        self._deliverer = _WebhookDeliverer(
            self._updates,
            self._journal,
            self._webhook,
            self._shared,
            self._signal,
            retry_pause=webhook_retry_pause,
            max_attempts=webhook_max_attempts,
            timeout=webhook_timeout,
        )
        self._webhook_timeout = webhook_timeout
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._worker: asyncio.Task[None] | None = None
        self._closed_event: asyncio.Event | None = None
        self._port: int | None = None

    # ---- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> FakeBotApi:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("FakeBotApi can be started once")
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._signal.bind(loop)
        self._thread = threading.Thread(target=loop.run_forever, name="fake-bot-api", daemon=True)
        self._thread.start()
        try:
            self._run(self._open())
        except BaseException:
            self._halt_loop()
            raise

    async def _open(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # handler_cancellation: a client that hangs up (a killed bot) does not leave a poll behind.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._closed_event = asyncio.Event()
        self._session = aiohttp.ClientSession()
        self._worker = asyncio.create_task(self._deliverer.run(self._session))

    def stop(self) -> None:
        """Answer pending long polls, stop webhook delivery, close sessions, join the thread."""
        if self._loop is None or self._loop.is_closed():
            return
        self._closing = True
        self._signal.fire_threadsafe()
        try:
            self._run(self._close(), timeout=15.0)
        finally:
            self._halt_loop()

    async def _close(self) -> None:
        if self._closed_event is not None:
            self._closed_event.set()
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def _halt_loop(self) -> None:
        loop, thread = self._loop, self._thread
        assert loop is not None and thread is not None

        async def finish() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await loop.shutdown_asyncgens()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(finish(), loop).result(timeout=5.0)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10.0)
        loop.close()

    def _run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = 30.0) -> T:
        """Run a coroutine on the server loop and wait for it (never from the loop itself)."""
        if self._loop is None or self._loop.is_closed():
            raise RuntimeError("FakeBotApi is not running")
        if threading.current_thread() is self._thread:
            raise RuntimeError("blocking FakeBotApi call made from its own loop")
        future: Future[T] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout)

    # ---- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApi is not running")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---- HTTP ------------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.json_response(ApiError(404, "Not Found").body(), status=404)

    async def _handle(self, request: web.Request) -> web.Response:
        at = time.monotonic()
        name = request.match_info["method"]
        params: dict[str, Any] = {}
        result: Any = None
        try:
            params = await _read_params(request)
            found = self._methods.lookup(name)
            if self._token is not None and request.match_info["token"] != self._token:
                raise ApiError(401, "Unauthorized")
            if found is None:
                raise ApiError(404, "Not Found")
            name, handler = found
            await self._pause(name)
            failure = self._faults.take(name)
            if failure is not None:
                raise failure
            result = await handler(params)
            status, body, description = 200, {"ok": True, "result": result}, None
        except ApiError as error:
            status, body, description = error.status, error.body(), error.description
        self._journal.record_call(
            Call(name, params, status, at, time.monotonic(), description, result)
        )
        return web.json_response(body, status=status)

    async def _pause(self, method: str) -> None:
        """An injected delay, cut short when the server stops."""
        seconds = self._faults.delay_for(method)
        if seconds and self._closed_event is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closed_event.wait(), seconds)

    # ---- users, chats and incoming updates ---------------------------------------------------

    def add_user(
        self, user_id: int, *, first_name: str = "Test", username: str | None = None
    ) -> None:
        """Make a private chat known without an update (so sendMessage to it succeeds)."""
        self._chats.add_user(user_id, first_name, username)

    def send_text(
        self, user_id: int, text: str, *, first_name: str = "Test", username: str | None = None
    ) -> int:
        """A private text message from ``user_id``; returns its update_id."""
        user = self._chats.add_user(user_id, first_name, username)
        message = self._private_message(user, {"text": text})
        entities = _command_entities(text)
        if entities:
            message["entities"] = entities
        return self._updates.add("message", message, user_id)

    def send_photo(self, user_id: int) -> int:
        unique = self._file_id("photo")
        sizes = [
            {"file_id": f"{unique}-s", "file_unique_id": f"{unique}s", "width": 90,
             "height": 67, "file_size": 1200},
            {"file_id": f"{unique}-m", "file_unique_id": f"{unique}m", "width": 800,
             "height": 600, "file_size": 48000},
        ]  # fmt: skip
        return self._send_media(user_id, {"photo": sizes})

    def send_sticker(self, user_id: int) -> int:
        unique = self._file_id("sticker")
        sticker = {
            "file_id": unique,
            "file_unique_id": f"u{unique}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\N{THUMBS UP SIGN}",
            "file_size": 20000,
        }
        return self._send_media(user_id, {"sticker": sticker})

    def send_voice(self, user_id: int) -> int:
        unique = self._file_id("voice")
        voice = {
            "file_id": unique,
            "file_unique_id": f"u{unique}",
            "duration": 3,
            "mime_type": "audio/ogg",
            "file_size": 9000,
        }
        return self._send_media(user_id, {"voice": voice})

    def send_document(self, user_id: int) -> int:
        unique = self._file_id("document")
        document = {
            "file_id": unique,
            "file_unique_id": f"u{unique}",
            "file_name": "notes.pdf",
            "mime_type": "application/pdf",
            "file_size": 35000,
        }
        return self._send_media(user_id, {"document": document})

    def send_location(self, user_id: int) -> int:
        return self._send_media(user_id, {"location": {"latitude": 51.5072, "longitude": -0.1276}})

    def _send_media(self, user_id: int, content: dict[str, Any]) -> int:
        user = self._chats.ensure_user(user_id)
        return self._updates.add("message", self._private_message(user, content), user_id)

    def _file_id(self, kind: str) -> str:
        return f"fake-{kind}-{next(self._ids)}"

    def _private_message(self, user: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat_id = user["id"]
        chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        return {
            "message_id": self._chats.next_user_message_id(chat_id),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }

    def send_group_text(
        self, group_id: int, user_id: int, text: str, *, title: str = "Test group"
    ) -> int:
        chat = self._chats.add_chat(group_id, "group", title)
        user = self._chats.ensure_user(user_id)
        message: dict[str, Any] = {
            "message_id": self._chats.next_user_message_id(group_id),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        entities = _command_entities(text)
        if entities:
            message["entities"] = entities
        return self._updates.add("message", message, group_id)

    def send_channel_post(self, channel_id: int, text: str, *, title: str = "Test channel") -> int:
        chat = self._chats.add_chat(channel_id, "channel", title)
        post: dict[str, Any] = {
            "message_id": self._chats.next_user_message_id(channel_id),
            "sender_chat": chat,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        entities = _command_entities(text)
        if entities:
            post["entities"] = entities
        return self._updates.add("channel_post", post, channel_id)

    def send_edited_message(self, user_id: int, text: str, *, message_id: int | None = None) -> int:
        """The user edits one of their messages (by default their latest)."""
        user = self._chats.ensure_user(user_id)
        target = message_id or self._chats.last_user_message_id(user_id)
        if target is None:
            target = self._chats.next_user_message_id(user_id)
        now = int(time.time())
        chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        message: dict[str, Any] = {
            "message_id": target,
            "from": user,
            "chat": chat,
            "date": now - 1,
            "edit_date": now,
            "text": text,
        }
        entities = _command_entities(text)
        if entities:
            message["entities"] = entities
        return self._updates.add("edited_message", message, user_id)

    def press(self, user_id: int, message_id: int, data: str, *, check: bool = True) -> int:
        """The user taps an inline button on a bot message; returns the update_id.

        With ``check`` the button must be on the message right now, as a real client allows.
        """
        user = self._chats.user(user_id)
        message = self._chats.api_message(user_id, message_id)
        if check:
            offered = [d for _, d in _inline_buttons(message.get("reply_markup"))]
            if data not in offered:
                raise AssertionError(
                    f"message {message_id} in chat {user_id} has no button with data {data!r}; "
                    f"it offers {offered}"
                )
        query_id = str(4_000_000_000_000_000_000 + next(self._ids))
        self._journal.open_callback(query_id)
        query = {
            "id": query_id,
            "from": user,
            "message": message,
            "chat_instance": str(-(8_000_000_000_000_000_000 + user_id)),
            "data": data,
        }
        return self._updates.add("callback_query", query, user_id)

    def press_label(self, user_id: int, message_id: int, label: str) -> int:
        """Tap the inline button labelled ``label``."""
        message = self._chats.api_message(user_id, message_id)
        for text, data in _inline_buttons(message.get("reply_markup")):
            if text == label and data is not None:
                return self.press(user_id, message_id, data)
        labels = [text for text, _ in _inline_buttons(message.get("reply_markup"))]
        raise AssertionError(f"message {message_id} has no button {label!r}; it has {labels}")

    def redeliver(self, update_id: int) -> None:
        """Serve an update again, as after a crash before confirming or a webhook retry."""
        self._updates.redeliver(update_id)

    def set_next_update_id(self, update_id: int) -> None:
        """Jump the update_id sequence (Telegram restarts it randomly after a quiet week)."""
        self._updates.set_next_id(update_id)

    def block(self, user_id: int) -> None:
        self._chats.set_blocked(user_id, True)

    def unblock(self, user_id: int) -> None:
        self._chats.set_blocked(user_id, False)

    # ---- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls to ``method`` fail; a 429 always carries retry_after."""
        self._faults.fail_next(method, status, times, retry_after, description)

    def delay(self, method: str, seconds: float) -> None:
        """Every call to ``method`` waits ``seconds`` before answering (0 removes the delay)."""
        self._faults.set_delay(method, seconds)

    # ---- webhook ---------------------------------------------------------------------------

    @property
    def webhook_url(self) -> str:
        with self._shared.cond:
            return self._webhook.url

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        with self._shared.cond:
            return list(self._journal.deliveries)

    def post_webhook(self, payload: Any, *, secret: str | None, url: str | None = None) -> int:
        """Forge a webhook POST (to the set webhook unless ``url``); returns the HTTP status.

        Blocks: from an async test whose loop serves the webhook, use ``asyncio.to_thread``.
        """
        target = url or self.webhook_url
        if not target:
            raise AssertionError("no webhook is set and no url was given")

        async def post() -> int:
            assert self._session is not None
            status, error = await post_json(
                self._session, target, payload, secret, self._webhook_timeout
            )
            if status is None:
                raise AssertionError(f"webhook POST failed: {error}")
            return status

        return self._run(post(), timeout=self._webhook_timeout + 5.0)

    # ---- queries ---------------------------------------------------------------------------

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to the chat, in order, as it stands now."""
        return self._chats.messages(chat_id)

    def uploads(self, chat_id: int) -> list[Upload]:
        """Files the bot sent to ``chat_id`` with sendDocument, in order."""
        with self._shared.cond:
            return list(self._journal.uploads.get(chat_id, []))

    def message_count(self, chat_id: int) -> int:
        """How many messages the bot has sent to ``chat_id`` (cheap: for load generators)."""
        return self._chats.message_count(chat_id)

    def all_messages(self) -> dict[int, list[SentMessage]]:
        return self._chats.all_messages()

    def last_message(self, chat_id: int) -> SentMessage:
        messages = self.messages(chat_id)
        if not messages:
            raise AssertionError(f"the bot sent nothing to chat {chat_id}")
        return messages[-1]

    def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Block until the chat has at least ``count`` bot messages, then return them all."""
        try:
            self.wait_until(lambda: self._chats.message_count(chat_id) >= count, timeout)
        except AssertionError:
            have = self.messages(chat_id)
            listing = "\n".join(f"  [{m.message_id}] {m.text!r}" for m in have) or "  (none)"
            raise AssertionError(
                f"chat {chat_id}: wanted {count} bot message(s) within {timeout} s, "
                f"has {len(have)}:\n{listing}"
            ) from None
        return self.messages(chat_id)

    def wait_until(
        self, predicate: Callable[[], T], timeout: float = 10.0, *, poll: float = 0.05
    ) -> T:
        """Block until ``predicate()`` is truthy (re-checked on every change and every ``poll``)."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"condition not met within {timeout} s")
            with self._shared.cond:
                self._shared.cond.wait(min(poll, remaining))

    def calls(self, method: str | None = None) -> list[Call]:
        """Requests the bot made, oldest first; ``method`` filters case-insensitively."""
        with self._shared.cond:
            if method is None:
                return list(self._journal.calls)
            wanted = method.lower()
            return [c for c in self._journal.calls if c.method.lower() == wanted]

    @property
    def answered_callbacks(self) -> list[dict[str, Any]]:
        with self._shared.cond:
            return list(self._journal.answered_callbacks)

    @property
    def commands(self) -> list[dict[str, Any]]:
        """The list passed to the latest setMyCommands (any scope)."""
        with self._shared.cond:
            return list(self._journal.last_commands)

    @property
    def updates_requested_types(self) -> list[str] | None:
        """allowed_updates as last passed to getUpdates or setWebhook (None if never passed)."""
        with self._shared.cond:
            types = self._updates.requested_types
            return None if types is None else list(types)

    def updates(self) -> list[UpdateRecord]:
        """Every update made, with when it became available and when the bot first got it."""
        return self._updates.records()

    def update(self, update_id: int) -> dict[str, Any]:
        """The JSON of an update as it is served."""
        return self._updates.update(update_id)

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (offset) or accepted by its webhook."""
        return self._updates.pending_count()
