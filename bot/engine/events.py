"""What a person can do, as the engine sees it: transports turn their input into one of these.

Each event carries the time it happened, taken at the edge, so the engine never reads a clock
and a replayed conversation gives the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Text:
    """A typed message."""

    text: str
    at: datetime


@dataclass(frozen=True)
class Press:
    """A button pressed; ``token`` says which question the button belonged to."""

    value: str
    token: str
    at: datetime


@dataclass(frozen=True)
class Command:
    """A slash command such as ``/back``; ``argument`` is anything typed after it."""

    name: str
    argument: str
    at: datetime


@dataclass(frozen=True)
class Unsupported:
    """Anything that is not text: a photo, a voice note, a sticker, a location."""

    kind: str
    at: datetime


@dataclass(frozen=True)
class Resume:
    """The person has come back (a terminal reopened); show where they are."""

    at: datetime


Event = Text | Press | Command | Unsupported | Resume
