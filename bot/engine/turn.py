"""One turn in progress: the state being changed and what has been said and decided so far.

The engine copies the state at the start of a turn and only ever changes the copy, so a turn that
fails part-way leaves the caller's state untouched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.engine.effects import Effect
from bot.engine.facts import Facts
from bot.engine.replies import Reply
from bot.engine.state import ActiveSession, ConversationState

# What a person wrote, kept in memory only, so that quoting an answer back shows their own words
# while the stored slot holds the redacted text. Keyed "session-number:slot".
Recall = Mapping[str, tuple[str, str]]


@dataclass
class Turn:
    state: ConversationState
    at: datetime
    today: date
    facts: Facts
    recall: dict[str, tuple[str, str]]
    # Names to placeholder numbers for this reflection (memory only; see Redactor.redact).
    names: dict[tuple[str, str], int] = field(default_factory=dict)
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)

    def say(self, text: str) -> None:
        self.replies.append(Reply(text=text))

    def emit(self, effect: Effect) -> None:
        self.effects.append(effect)

    @property
    def active(self) -> ActiveSession:
        if self.state.active is None:
            raise RuntimeError("no active reflection")
        return self.state.active


@dataclass(frozen=True)
class Outcome:
    """The result of one turn: the new state, what to say, and what to record."""

    state: ConversationState
    replies: list[Reply]
    effects: list[Effect]
    recall: dict[str, tuple[str, str]]
    names: dict[tuple[str, str], int] = field(default_factory=dict)
