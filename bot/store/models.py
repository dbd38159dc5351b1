"""The database tables, as SQLAlchemy 2 typed models.

Participants are known only by pseudonym. The address the bot replies to lives in its own table,
encrypted, so nothing that reads reflections can reach a person. Engagement events are typed and
carry the cohort, so evaluator figures (weekly actives, completion, drop-off, retention by
cohort week) are queries over one indexed table, not a schema change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class EventType(StrEnum):
    PARTICIPANT_JOINED = "participant_joined"
    SESSION_STARTED = "session_started"
    STEP_ANSWERED = "step_answered"
    STEP_SKIPPED = "step_skipped"
    SESSION_COMPLETED = "session_completed"
    SESSION_CANCELLED = "session_cancelled"
    SESSION_ABANDONED = "session_abandoned"
    COMMAND_USED = "command_used"
    COMMITMENT_MADE = "commitment_made"
    COMMITMENT_REVIEWED = "commitment_reviewed"
    REMINDERS_CHANGED = "reminders_changed"
    REMINDER_SENT = "reminder_sent"
    COHORT_JOINED = "cohort_joined"
    SAFETY_FLAG = "safety_flag"
    CONSENT_GIVEN = "consent_given"
    CONSENT_CHANGED = "consent_changed"
    CALL_REQUESTED = "call_requested"


class Programme(Base):
    __tablename__ = "programmes"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime]


class Cohort(Base):
    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    workshop_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]


class Participant(Base):
    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), unique=True)
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True
    )
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    created_at: Mapped[datetime]
    last_active_at: Mapped[datetime]


class ReplyAddress(Base):
    """How to reach a person (e.g. a Telegram chat id), encrypted; read only by transports."""

    __tablename__ = "reply_addresses"
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    transport: Mapped[str] = mapped_column(String(32))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime]


class ConversationStateRow(Base):
    __tablename__ = "conversation_states"
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class ReflectionSession(Base):
    __tablename__ = "reflection_sessions"
    __table_args__ = (
        UniqueConstraint("participant_id", "number"),
        # Evaluators' reflections per flow, and where unfinished ones stopped, read this index
        # alone (the first already in group order) instead of the table.
        Index(
            "ix_reflection_sessions_flow_participant",
            "flow_id",
            "participant_id",
            "status",
            "started_at",
            "step_id",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    flow_id: Mapped[str] = mapped_column(String(40))
    flow_version: Mapped[int] = mapped_column(Integer)
    step_id: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16), default="active")
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    # The person kept this one from their coach; coaches see only reflections that are not
    # private, and only while the person's latest choice is to share.
    private: Mapped[bool] = mapped_column(default=False, server_default=false())


class Answer(Base):
    """One answer to one question: redacted text and/or a structured value."""

    __tablename__ = "answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[str] = mapped_column(String(24))
    step_kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    value: Mapped[Any | None] = mapped_column(JSON)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime]


class LensLabel(Base):
    """A pattern the reasoning lens read in one free-text answer, with its confidence.

    Derived from the person's words, so erased with their reflection and included in /export;
    the words that triggered it are never stored. An answer showing no pattern has one "none"
    row, so the lens's reading of every answer it saw is on record.
    """

    __tablename__ = "lens_labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[str] = mapped_column(String(24))
    answer_kind: Mapped[str] = mapped_column(String(16))  # "question" or "probe"
    label: Mapped[str] = mapped_column(String(24))
    confidence: Mapped[float] = mapped_column(Float)
    labelled_at: Mapped[datetime]


class LedgerItem(Base):
    """A commitment, experiment or assumption test, and what became of it."""

    __tablename__ = "ledger_items"
    # Evaluators' commitments per kind read this index alone, already in group order.
    __table_args__ = (
        Index("ix_ledger_items_kind_participant", "kind", "participant_id", "status", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="SET NULL")
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("ledger_items.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    outcome: Mapped[str | None] = mapped_column(Text)
    learning: Mapped[str | None] = mapped_column(Text)
    revised_belief: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class LedgerReview(Base):
    """One check-in on one ledger item, kept so the history of a commitment can be read."""

    __tablename__ = "ledger_reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("ledger_items.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="SET NULL")
    )
    happened: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(Text)
    learning: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(16))
    next_step: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[date | None] = mapped_column(Date)
    reviewed_at: Mapped[datetime]


class EngagementEvent(Base):
    """A typed, text-free record of something a participant did, for evaluator metrics."""

    __tablename__ = "engagement_events"
    __table_args__ = (
        Index("ix_engagement_events_type_occurred_at", "type", "occurred_at"),
        Index("ix_engagement_events_participant_occurred_at", "participant_id", "occurred_at"),
        Index("ix_engagement_events_cohort_occurred_at", "cohort_id", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(String(32))
    flow_id: Mapped[str | None] = mapped_column(String(40))
    flow_version: Mapped[int | None] = mapped_column(Integer)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="SET NULL")
    )
    step_id: Mapped[str | None] = mapped_column(String(24))
    detail: Mapped[str | None] = mapped_column(String(32))
    occurred_at: Mapped[datetime]


class ActivityWeek(Base):
    """A week (Monday, UTC) in which a participant did something: the evaluators' rollup.

    Derived from ``engagement_events`` by ``bot.store.activity_weeks``, which catches up on
    newer events before every evaluator figure that needs it: weekly actives and retention
    counted over a million events per page would take seconds, over these rows milliseconds.
    ``first_week``: the week the person first wrote, so new and returning need no join.
    """

    __tablename__ = "activity_weeks"
    __table_args__ = (Index("ix_activity_weeks_week_first_week", "week", "first_week"),)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    week: Mapped[date] = mapped_column(Date, primary_key=True)
    first_week: Mapped[bool] = mapped_column(Boolean)


class RollupMark(Base):
    """How far a rollup has read its source: the last event id it has taken in."""

    __tablename__ = "rollup_marks"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)


class ProcessedUpdate(Base):
    """An update a transport has handled, written in the same transaction as its effects.

    Telegram may deliver an update twice (a re-served ``getUpdates``, a webhook retry); the
    primary key turns the second delivery into a no-op. Rows are purged after a week.
    """

    __tablename__ = "processed_updates"
    transport: Mapped[str] = mapped_column(String(32), primary_key=True)
    update_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class InviteCode(Base):
    """A single-use code that joins a person to a cohort; only its keyed hash is stored."""

    __tablename__ = "invite_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))


class EnrolmentAttempt(Base):
    """A failed invite code attempt, kept briefly so guessing codes can be rate-limited."""

    __tablename__ = "enrolment_attempts"
    __table_args__ = (Index("ix_enrolment_attempts_participant_at", "participant_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    at: Mapped[datetime]


class ReminderSetting(Base):
    """A person's opt-in nudges: which weekdays (0 = Monday) and the local time."""

    __tablename__ = "reminder_settings"
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    weekdays: Mapped[str] = mapped_column(String(16))
    local_time: Mapped[str] = mapped_column(String(5))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class Reminder(Base):
    """One reminder to send at ``due_at``: a nudge, or a ledger item's due date coming up.

    ``key`` makes arming idempotent (one row per nudge time or per ledger item); a sender
    claims rows by moving them from ``pending`` to ``claimed`` in a committed transaction before
    sending, so two processes, or one restarted, never send the same reminder twice.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("participant_id", "key"),
        Index("ix_reminders_status_due_at", "status", "due_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    ledger_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("ledger_items.id", ondelete="CASCADE")
    )
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]


class SafetyFlag(Base):
    """A crisis card was shown: for the coach's attention. Category and time, never the words."""

    __tablename__ = "safety_flags"
    __table_args__ = (
        Index("ix_safety_flags_participant_raised_at", "participant_id", "raised_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(24))
    raised_at: Mapped[datetime]
    reviewed_at: Mapped[datetime | None]


class ConsentRecord(Base):
    """One choice about one purpose, against one version of the privacy notice. Append-only:
    the latest row per purpose is the person's current choice, the rest is its history."""

    __tablename__ = "consent_records"
    __table_args__ = (Index("ix_consent_records_participant_purpose", "participant_id", "purpose"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(16))  # "keep", "share" or "model"
    granted: Mapped[bool]
    notice_version: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime]


class StaffRole(StrEnum):
    COACH = "coach"
    EVALUATOR = "evaluator"
    ADMIN = "admin"


class StaffUser(Base):
    """A dashboard account. Never deleted, only disabled, so the audit log keeps its author."""

    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, PHC string format
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime]
    disabled_at: Mapped[datetime | None]


class StaffSession(Base):
    """A signed-in browser. Only a SHA-256 of the cookie's random token is kept, so a copy of
    the table signs no one in; the CSRF token is the one every form of the session must carry."""

    __tablename__ = "staff_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginFailure(Base):
    """A failed sign-in, kept for the throttling window only. The email and the client address
    are keyed hashes: a mistyped password in the email box is never stored readable."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_key: Mapped[str] = mapped_column(String(64), index=True)
    client_key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class CoachAssignment(Base):
    """Which coach looks after a participant (at most one). A coach sees only these people."""

    __tablename__ = "coach_assignments"
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    assigned_at: Mapped[datetime]


class AuditEntry(Base):
    """Who did what, when, to whom: append-only, written by code (no free text in ``detail``).

    ``participant_id`` deliberately has no foreign key: the record that someone viewed a
    person's reflections must outlive the person's erasure, or erasing them would also erase
    the evidence of who read their data. On erasure the id is replaced by ``erased_ref``, a
    random tombstone shared by that person's rows only, so the entries stay countable per person
    but lead to no one (SQLite may even reuse the id for someone new).
    """

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    # None: the command line (``coach staff``), which has no signed-in author.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    participant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    erased_ref: Mapped[str | None] = mapped_column(String(16))
    target_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    detail: Mapped[str | None] = mapped_column(String(64))


class CallRequest(Base):
    """A person asked for a call (/callme). The note is redacted; whether the coach may read it
    is decided when they read, from the person's consent then (``bot.store.calls``)."""

    __tablename__ = "call_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class CoachNote(Base):
    """What a coach wrote after a call. About the person, so erased with them and exported."""

    __tablename__ = "coach_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)
