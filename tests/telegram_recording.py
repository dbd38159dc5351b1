"""Handler-level Telegram testing: the real ``Application``, the network swapped for a recorder.

``RecordingRequest`` is a PTB ``BaseRequest`` that answers every Bot API call locally (as PTB's
own test suite does with its offline request) and keeps what was asked. ``TelegramHarness``
builds updates as Telegram would send them and feeds them through ``process_update``.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

from log_watch import WATCH

BOT_USER = {
    "id": 5000000001,
    "is_bot": True,
    "first_name": "Coach",
    "username": "coach_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


CONSENT_ANSWERS = ("Yes, keep them", "Yes, my coach may see them", "No thanks")


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class RecordingRequest(BaseRequest):
    calls: list[Call] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(name, params))
        result: Any = True
        if name == "getMe":
            result = BOT_USER
        elif name in ("sendMessage", "editMessageText"):
            chat_id = int(params["chat_id"])
            result = {
                "message_id": params.get("message_id") or next(self._ids),
                "date": int(datetime.now(UTC).timestamp()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": params["text"],
            }
            if "reply_markup" in params:
                result["reply_markup"] = params["reply_markup"]
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [call.params for call in self.calls if call.method == method]


class TelegramHarness:
    """Builds updates as Telegram sends them and runs them through the application."""

    def __init__(self, application: Any, request: RecordingRequest) -> None:
        self.application = application
        self.request = request
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    async def feed(self, payload: dict[str, Any]) -> list[Call]:
        """Process one update; the Bot API calls it caused."""
        before = len(self.request.calls)
        await self.application.process_update(Update.de_json(payload, self.application.bot))
        return self.request.calls[before:]

    def message(
        self, user_id: int, *, chat: dict[str, Any] | None = None, **content: Any
    ) -> dict[str, Any]:
        return {
            "update_id": next(self._update_ids),
            "message": {
                "message_id": next(self._message_ids),
                "date": int(datetime.now(UTC).timestamp()),
                "chat": chat or {"id": user_id, "type": "private", "first_name": "Sam"},
                "from": {"id": user_id, "is_bot": False, "first_name": "Sam", "username": "sam_t"},
                **content,
            },
        }

    def text(self, user_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        payload = self.message(user_id, text=text, **kwargs)
        if text.startswith("/"):
            length = len(text.split()[0])
            payload["message"]["entities"] = [
                {"type": "bot_command", "offset": 0, "length": length}
            ]
        return payload

    def press(self, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": f"cb{next(self._message_ids)}",
                "from": {"id": user_id, "is_bot": False, "first_name": "Sam"},
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": message["message_id"],
                    "date": int(datetime.now(UTC).timestamp()),
                    "chat": {"id": user_id, "type": "private"},
                    "from": BOT_USER,
                    "text": message["text"],
                },
            },
        }

    async def say(self, user_id: int, text: str) -> list[dict[str, Any]]:
        WATCH.seed(text, f"{user_id:08d}")
        calls = await self.feed(self.text(user_id, text))
        return [c.params for c in calls if c.method == "sendMessage"]

    async def agree(
        self, user_id: int, *answers: str, opening: str = "/start"
    ) -> list[dict[str, Any]]:
        """Answer the three consent questions by pressing their buttons; what the last press
        sent (the thanks, the greeting and the menu). Default: keep, share, no model."""
        await self.say(user_id, opening)
        sent: list[dict[str, Any]] = []
        for label in answers or CONSENT_ANSWERS:
            message, buttons = self.last_keyboard_message(user_id)
            data = next(data for text, data in buttons if text == label)
            calls = await self.feed(self.press(user_id, message, data))
            sent = [c.params for c in calls if c.method == "sendMessage"]
        return sent

    def last_keyboard_message(self, user_id: int) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The newest message to ``user_id`` with buttons, and its (label, data) pairs."""
        for call in reversed(self.request.calls):
            params = call.params
            if (
                call.method in ("sendMessage", "editMessageText")
                and int(params["chat_id"]) == user_id
            ):
                markup = params.get("reply_markup")
                if markup:
                    buttons = [
                        (b["text"], b["callback_data"])
                        for row in markup["inline_keyboard"]
                        for b in row
                    ]
                    message = {"message_id": self._message_id_of(call), "text": params["text"]}
                    return message, buttons
        raise AssertionError("no message with buttons")

    def _message_id_of(self, call: Call) -> int:
        if "message_id" in call.params:
            return int(call.params["message_id"])
        # sendMessage results are numbered in order by the recorder, starting at 1000.
        sends = [c for c in self.request.calls if c.method == "sendMessage"]
        return 1000 + next(i for i, sent in enumerate(sends) if sent is call)
