"""What the engine asks the store to record. The engine decides; the store only writes.

Free text in an effect is typed ``Redacted``: only the redactor makes one, and the store refuses
plain strings, so an unredacted sentence cannot reach the database by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.redaction import Redacted
from bot.reminder_schedule import Schedule


@dataclass(frozen=True)
class SessionStarted:
    number: int
    flow_id: str
    flow_version: int
    step_id: str
    at: datetime


@dataclass(frozen=True)
class AnswerGiven:
    number: int
    step_id: str
    step_kind: str
    text: Redacted | None
    value: str | int | list[str] | None
    at: datetime


@dataclass(frozen=True)
class LensLabelled:
    """What the reasoning lens read in one free-text answer: labels and confidence, never words.

    ``answer_kind`` is "question" for an answer to the flow's question, "probe" for the answer
    to the follow-up. An answer showing no pattern is recorded as ("none", confidence).
    """

    number: int
    step_id: str
    answer_kind: str
    labels: tuple[tuple[str, float], ...]
    at: datetime


@dataclass(frozen=True)
class StepSkipped:
    number: int
    step_id: str
    at: datetime


@dataclass(frozen=True)
class SessionEnded:
    number: int
    status: str  # completed | cancelled | abandoned
    at: datetime


@dataclass(frozen=True)
class LedgerAdded:
    number: int
    kind: str
    text: Redacted
    detail: Redacted | None
    due: date | None
    at: datetime


@dataclass(frozen=True)
class LedgerReviewed:
    """A check-in on one ledger item: what happened and what the person decided."""

    number: int
    item_id: int
    happened: str
    outcome: Redacted | None
    learning: Redacted | None
    revised_belief: Redacted | None
    decision: str  # done | keep | revise | drop
    revised_text: Redacted | None
    next_step: Redacted | None
    next_due: date | None
    at: datetime


@dataclass(frozen=True)
class RemindersChanged:
    """Nudges set to a new schedule, or turned off (``schedule`` None)."""

    schedule: Schedule | None
    at: datetime


@dataclass(frozen=True)
class SafetyFlagged:
    """A crisis card was shown: the category, for the coach's attention; never the words."""

    category: str
    at: datetime


@dataclass(frozen=True)
class ErasureConfirmed:
    """The person confirmed /delete: every row about them goes, in this same turn."""

    at: datetime


@dataclass(frozen=True)
class CommandUsed:
    name: str
    at: datetime


@dataclass(frozen=True)
class ConsentChanged:
    """A change made with /consent (first-contact consent is written by the conversation
    service, since there is no participant before it)."""

    share: bool
    model: bool
    notice_version: str
    at: datetime


@dataclass(frozen=True)
class ReflectionPrivacy:
    """A reflection marked private from the coach, or shared again."""

    number: int
    private: bool
    at: datetime


@dataclass(frozen=True)
class CallRequested:
    """The person asked for a call with their coach (/callme), with an optional note."""

    note: Redacted | None
    at: datetime


Effect = (
    SessionStarted
    | AnswerGiven
    | LensLabelled
    | StepSkipped
    | SessionEnded
    | LedgerAdded
    | LedgerReviewed
    | CommandUsed
    | RemindersChanged
    | SafetyFlagged
    | ErasureConfirmed
    | ConsentChanged
    | ReflectionPrivacy
    | CallRequested
)
