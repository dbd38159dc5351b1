"""Per-person ordering: one person's updates run one at a time, different people in parallel.

With python-telegram-bot's plain ``concurrent_updates(n)`` a quick second message can overtake
the first (two answers to the same question, or an answer applied to the wrong step). Here each
chat has a lock, taken in arrival order (asyncio locks are fair), so a person's updates are
handled in the order Telegram sent them, while up to ``max_concurrent_updates`` people are
served at once. Locks of idle chats are dropped so the table does not grow without bound.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        """Nothing to set up: locks are made on demand."""

    async def shutdown(self) -> None:
        """Nothing to release: pending updates finish before the application stops."""


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        chat = update.effective_chat
        if chat is not None:
            return chat.id
        user = update.effective_user
        if user is not None:
            return user.id
    return None
