"""What the engine may read about a person beyond its own state: their ledger and history.

The engine never writes: it returns effects. For reads it is handed a ``Facts`` object; the store
supplies one backed by the database, tests and benchmarks can supply ``StaticFacts``. Reads are
lazy, so a turn that does not need the ledger does not query it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from bot.reminder_schedule import Schedule


@dataclass(frozen=True)
class LedgerItem:
    id: int
    kind: str
    text: str
    detail: str | None
    due: date | None
    status: str
    created_at: datetime
    session_number: int | None = None
    outcome: str | None = None
    revised_belief: str | None = None


@dataclass(frozen=True)
class SessionSummary:
    flow_id: str
    status: str
    started_at: datetime


@dataclass(frozen=True)
class Progress:
    sessions: Sequence[SessionSummary]
    ledger: Sequence[LedgerItem]
    # The reasoning lens's labels per reflection it read, oldest first (see bot.lens.trend).
    lens: Sequence[frozenset[str]] = ()


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class Quote:
    text: str
    citation: str


@dataclass(frozen=True)
class KnowledgeReply:
    """An answer from the material: ``available`` is False when the material cannot be reached."""

    available: bool
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Choices:
    """What a person agreed to beyond keeping their reflections (which every participant has)."""

    share: bool
    model: bool


class Facts(Protocol):
    def open_ledger(self) -> Sequence[LedgerItem]: ...

    def progress(self) -> Progress: ...

    def knowledge_card(self, *, query: str, exclude: Collection[str]) -> Card | None: ...

    def ask(self, question: str) -> KnowledgeReply: ...

    def reminder_schedule(self) -> Schedule | None: ...

    def export_data(self) -> dict[str, Any]: ...

    def consent(self) -> Choices: ...


@dataclass
class StaticFacts:
    """Facts held in memory: for tests, benchmarks and a person with no history yet."""

    ledger: list[LedgerItem] = field(default_factory=list)
    sessions: list[SessionSummary] = field(default_factory=list)
    lens: list[frozenset[str]] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    answers: dict[str, KnowledgeReply] = field(default_factory=dict)
    schedule: Schedule | None = None
    choices: Choices = field(default_factory=lambda: Choices(share=True, model=False))

    def open_ledger(self) -> Sequence[LedgerItem]:
        return [item for item in self.ledger if item.status == "open"]

    def progress(self) -> Progress:
        return Progress(sessions=self.sessions, ledger=self.ledger, lens=self.lens)

    def knowledge_card(self, *, query: str, exclude: Collection[str]) -> Card | None:
        return next((card for card in self.cards if card.id not in exclude), None)

    def ask(self, question: str) -> KnowledgeReply:
        return self.answers.get(question, KnowledgeReply(available=True, quotes=()))

    def reminder_schedule(self) -> Schedule | None:
        return self.schedule

    def export_data(self) -> dict[str, Any]:
        return {"ledger": [vars(item) for item in self.ledger], "reflections": []}

    def consent(self) -> Choices:
        return self.choices
