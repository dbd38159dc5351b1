"""A per-person inbound limit: a sliding minute, with one polite notice per burst.

It protects the coach (and the database) from a stuck client or a person pasting a script, not
from Telegram, which has its own limits. Counted in memory per chat: a limit that resets when
the bot restarts is fine for this purpose. Chats idle for a minute are forgotten.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW = 60.0


class InboundLimiter:
    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}
        self._last_sweep = clock()

    def check(self, chat_id: int) -> str:
        """'ok' to process; 'warn' to refuse with a notice; 'drop' to refuse silently."""
        now = self._clock()
        self._sweep(now)
        seen = self._seen.setdefault(chat_id, deque())
        while seen and now - seen[0] >= WINDOW:
            seen.popleft()
        if len(seen) < self.per_minute:
            seen.append(now)
            return "ok"
        warned = self._warned.get(chat_id)
        if warned is not None and now - warned < WINDOW:
            return "drop"
        self._warned[chat_id] = now
        return "warn"

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < WINDOW:
            return
        self._last_sweep = now
        for chat_id in [
            c for c, seen in self._seen.items() if not seen or now - seen[-1] >= WINDOW
        ]:
            del self._seen[chat_id]
            self._warned.pop(chat_id, None)
