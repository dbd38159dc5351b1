"""What the engine says back: text, and buttons that belong to one question.

Transports render these however suits them (Telegram inline keyboards, numbered lines in a
terminal). ``token`` identifies the question the buttons belong to, so a press on a button left
over from an earlier question can be recognised and answered politely instead of mis-applied.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    label: str
    value: str


@dataclass(frozen=True)
class Document:
    """A file to hand over with a reply (the person's data export)."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    token: str | None = None
    # True for a multi-choice prompt redrawn after a toggle: a transport may edit in place.
    updates_previous: bool = False
    document: Document | None = None

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "buttons": [button.label for button in self.buttons]}
