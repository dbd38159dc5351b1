"""The terminal transport: the coach in a shell, and a stable scripting contract.

On a TTY it is an interactive chat with buttons shown as numbered options. Otherwise it reads one
message per line from stdin; a line equal to a button's label or its 1-based number presses that
button; ``--json`` prints one JSON object per bot message, ``{"text": ..., "buttons": [...]}``.
Scripts and tests depend on that contract, so keep it stable.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TextIO

from bot.conversation import Conversation
from bot.engine.events import Command, Event, Press, Resume, Text
from bot.engine.replies import Reply
from bot.engine.text_input import normalise_label

TRANSPORT = "terminal"
PROMPT = "you> "


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class TerminalChat:
    conversation: Conversation
    participant: str
    output: TextIO
    as_json: bool = False
    interactive: bool = False
    clock: Callable[[], datetime] = utc_now
    _buttons: list[Reply] = field(default_factory=list)

    def open(self) -> None:
        """Greet the person, or put them back where they were."""
        self._send(Resume(at=self.clock()))

    def line(self, raw: str) -> None:
        """Handle one line the person typed."""
        self._send(self.parse(raw.rstrip("\n")))

    def parse(self, line: str) -> Event:
        at = self.clock()
        stripped = line.strip()
        if stripped.startswith("/") and len(stripped) > 1 and not stripped[1].isspace():
            head, _, argument = stripped[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            return Command(name=name, argument=argument.strip(), at=at)
        press = self._press_for(stripped)
        return press if press is not None else Text(text=line, at=at)

    def _press_for(self, text: str) -> Press | None:
        if not self._buttons or not text:
            return None
        reply = self._buttons[-1]
        buttons = reply.buttons
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            button = buttons[int(text) - 1]
            return Press(value=button.value, token=reply.token or "", at=self.clock())
        wanted = normalise_label(text)
        for button in buttons:
            if normalise_label(button.label) == wanted:
                return Press(value=button.value, token=reply.token or "", at=self.clock())
        return None

    def _send(self, event: Event) -> None:
        replies = self.conversation.handle(
            transport=TRANSPORT, external_id=self.participant, event=event
        )
        with_buttons = [reply for reply in replies if reply.buttons]
        # Numbers and labels typed next refer to the buttons shown last.
        self._buttons = with_buttons[-1:] if with_buttons else []
        for reply in replies:
            self._print(reply)

    def _print(self, reply: Reply) -> None:
        if reply.document is not None:
            # A terminal has no attachments: the file's content follows the text.
            content = reply.document.content.decode("utf-8", errors="replace")
            reply = replace(reply, text=f"{reply.text}\n\n{reply.document.filename}:\n{content}")
        if self.as_json:
            self.output.write(json.dumps(reply.to_json(), ensure_ascii=False) + "\n")
        else:
            prefix = "coach> " if self.interactive else ""
            self.output.write(prefix + reply.text + "\n")
            labels = [button.label for button in reply.buttons]
            numeric = sum(label.isdigit() for label in labels)
            if numeric >= 3 and len(labels) - numeric <= 1:
                # A scale: its numbers are its labels, so one line reads better than ten.
                self.output.write("    " + "  ".join(f"[{label}]" for label in labels) + "\n")
            else:
                for number, label in enumerate(labels, 1):
                    self.output.write(f"    {number}. {label}\n")
            if self.interactive:
                self.output.write("\n")
        self.output.flush()


def run(chat: TerminalChat, source: TextIO) -> None:
    """Open the chat and feed it lines until end of input."""
    chat.open()
    if chat.interactive:
        _interactive_loop(chat)
        return
    for raw in source:
        chat.line(raw)


def _interactive_loop(chat: TerminalChat) -> None:
    with contextlib.suppress(ImportError):  # not on every platform
        import readline  # noqa: F401  (line editing and history for input())
    chat.output.write(
        "(Type your answers. Numbers pick options. /help for commands, Ctrl-D to leave.)\n\n"
    )
    while True:
        try:
            raw = input(PROMPT)
        except EOFError:
            chat.output.write("\nBye for now - your progress is saved.\n")
            return
        except KeyboardInterrupt:
            chat.output.write("\nBye for now - your progress is saved.\n")
            return
        chat.line(raw)
