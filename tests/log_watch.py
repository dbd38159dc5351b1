"""A watch on the application logs over the whole test run.

Every test driver registers what it sends (message text, chat ids) and tests register tokens;
a handler on the root logger keeps every record, at DEBUG, from every test. When the session
ends, no record may contain anything registered: a log line that leaks a person's words, a chat
id or a token fails the run, whichever test caused it.
"""

from __future__ import annotations

import logging
import threading

# Shorter strings ("2", "Yes", "/start") are not personal and would match innocently.
MIN_LENGTH = 8


class LogWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.secrets: set[str] = set()
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = f"{record.name} {record.getMessage()} {record.exc_text or ''}"
        except Exception:  # a broken log call must not break the run; it is not our subject
            return
        with self._guard:
            self.lines.append(line)

    def seed(self, *values: object) -> None:
        with self._guard:
            for value in values:
                text = str(value).strip()
                if len(text) >= MIN_LENGTH:
                    self.secrets.add(text)

    def leaks(self) -> list[tuple[str, str]]:
        with self._guard:
            return [(s, line) for line in self.lines for s in self.secrets if s in line]


WATCH = LogWatch()
