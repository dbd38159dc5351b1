"""End-to-end Telegram helpers: the real ``coach bot`` process, and people talking to it.

``BotProcess`` runs ``python -m bot bot`` against the fake Bot API server; ``Person`` plays one
Telegram user through the fake server, pressing a button when a line matches one (by label, or
by its 1-based number, as in the terminal contract) and typing otherwise. Used by the end-to-end
tests and by the load benchmark.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bot.engine.text_input import normalise_label

from fake_bot_api import FakeBotApi

TOKEN = "123456:TEST-token-for-the-fake-server"


def bot_env(api: FakeBotApi, *, database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(
        COACH_DATA_DIR=str(data_dir),
        COACH_DATABASE_URL=database_url,
        COACH_KNOWLEDGE_ENABLED="false",
        COACH_LENS_ENABLED="false",
        COACH_CRISIS_EMBEDDINGS="false",
        COACH_TELEGRAM_TOKEN=TOKEN,
        COACH_TELEGRAM_API_URL=api.base_url,
        COACH_REMINDER_POLL_SECONDS="0.5",
        COACH_INBOUND_MESSAGES_PER_MINUTE="600",
        COACH_LOG_LEVEL="DEBUG",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class BotProcess:
    """``coach bot`` as a subprocess; stderr is kept in a file the test can read."""

    def __init__(self, api: FakeBotApi, env: dict[str, str], log: Path, *args: str) -> None:
        self.api = api
        self.env = env
        self.log = log
        self.args = args
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> BotProcess:
        ready_before = len(self.api.calls("setMyCommands"))
        with self.log.open("ab") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "bot", *self.args],
                env=self.env,
                stdout=errors,
                stderr=errors,
            )
        deadline = time.monotonic() + timeout
        while len(self.api.calls("setMyCommands")) <= ready_before:
            if self.process.poll() is not None:
                raise AssertionError(f"coach bot exited early:\n{self.stderr()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"coach bot did not start:\n{self.stderr()}")
            time.sleep(0.05)
        return self

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, as a service manager would send; the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


class Person:
    """One Telegram user talking to the bot through the fake server."""

    def __init__(self, api: FakeBotApi, user_id: int) -> None:
        self.api = api
        self.user_id = user_id

    def activity(self) -> int:
        """How many Bot API calls the bot has made about this chat so far."""
        return sum(1 for call in self.api.calls() if _chat_of(call.params) == self.user_id)

    def texts(self) -> list[str]:
        return [message.text for message in self.api.messages(self.user_id)]

    def send(self, line: str) -> int:
        """Press the matching button, or type ``line``; the update id."""
        pressed = self._button_for(line)
        if pressed is not None:
            message_id, data = pressed
            return self.api.press(self.user_id, message_id, data)
        return self.api.send_text(self.user_id, line)

    def agree(self) -> None:
        """/start, then the three consent buttons: keep, share with my coach, no model."""
        for line in ("/start", "Yes, keep them", "Yes, my coach may see them", "No thanks"):
            self.say(line)

    def say(self, line: str, *, timeout: float = 20.0, quiet: float = 0.25) -> None:
        """Send ``line`` and wait until the bot has answered and gone quiet."""
        before = self.activity()
        self.send(line)
        self.wait_for_answer(before, timeout=timeout, quiet=quiet)

    def wait_for_answer(self, before: int, *, timeout: float = 20.0, quiet: float = 0.25) -> None:
        deadline = time.monotonic() + timeout
        seen, changed_at = before, time.monotonic()
        while time.monotonic() < deadline:
            now_seen = self.activity()
            if now_seen != seen:
                seen, changed_at = now_seen, time.monotonic()
            elif seen > before and time.monotonic() - changed_at >= quiet:
                return
            time.sleep(0.02)
        raise AssertionError(f"no answer for user {self.user_id}; last: {self.texts()[-2:]}")

    def _button_for(self, line: str) -> tuple[int, str] | None:
        # Like the terminal: only the buttons under the bot's latest message can be pressed.
        messages = self.api.messages(self.user_id)
        if not messages or not messages[-1].reply_markup:
            return None
        message = messages[-1]
        buttons = [button for row in message.reply_markup["inline_keyboard"] for button in row]
        wanted = normalise_label(line)
        for index, button in enumerate(buttons, 1):
            label = normalise_label(button["text"].removeprefix("✓ "))
            if label == wanted or (line.strip().isdigit() and int(line) == index):
                return message.message_id, button["callback_data"]
        return None


def _chat_of(params: dict[str, Any]) -> int | None:
    try:
        return int(params.get("chat_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
