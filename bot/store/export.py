"""Everything stored about one participant, as plain data (for ``coach export`` and /export).

The reply address is reported as present or not, never decrypted: an export is a copy that can
travel, and the address is the one thing that leads back to a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Session

from bot.store.audit import staff_access
from bot.store.models import (
    ActivityWeek,
    Answer,
    CallRequest,
    CoachAssignment,
    CoachNote,
    Cohort,
    ConsentRecord,
    ConversationStateRow,
    EngagementEvent,
    EnrolmentAttempt,
    LedgerItem,
    LedgerReview,
    LensLabel,
    Participant,
    ReflectionSession,
    Reminder,
    ReminderSetting,
    ReplyAddress,
    SafetyFlag,
)


def export_participant(*, session: Session, participant: Participant) -> dict[str, Any]:
    pid = participant.id
    reflections = session.scalars(
        select(ReflectionSession)
        .where(ReflectionSession.participant_id == pid)
        .order_by(ReflectionSession.number)
    ).all()
    answers = session.scalars(
        select(Answer)
        .join(ReflectionSession, Answer.session_id == ReflectionSession.id)
        .where(ReflectionSession.participant_id == pid)
        .order_by(Answer.id)
    ).all()
    by_session: dict[int, list[dict[str, Any]]] = {}
    for answer in answers:
        by_session.setdefault(answer.session_id, []).append(_row(answer, skip={"id", "session_id"}))
    labels = session.scalars(
        select(LensLabel)
        .join(ReflectionSession, LensLabel.session_id == ReflectionSession.id)
        .where(ReflectionSession.participant_id == pid)
        .order_by(LensLabel.id)
    ).all()
    lens_by_session: dict[int, list[dict[str, Any]]] = {}
    for label in labels:
        lens_by_session.setdefault(label.session_id, []).append(
            _row(label, skip={"id", "session_id"})
        )
    ledger = session.scalars(
        select(LedgerItem).where(LedgerItem.participant_id == pid).order_by(LedgerItem.id)
    ).all()
    reviews = session.scalars(
        select(LedgerReview)
        .join(LedgerItem, LedgerReview.item_id == LedgerItem.id)
        .where(LedgerItem.participant_id == pid)
        .order_by(LedgerReview.id)
    ).all()
    reviews_by_item: dict[int, list[dict[str, Any]]] = {}
    for review in reviews:
        reviews_by_item.setdefault(review.item_id, []).append(_row(review, skip={"item_id"}))
    cohort = session.get(Cohort, participant.cohort_id) if participant.cohort_id else None
    state = session.get(ConversationStateRow, pid)
    return {
        "participant": _row(participant, skip={"cohort_id"}),
        "cohort": cohort.name if cohort else None,
        "reply_address_stored": session.get(ReplyAddress, pid) is not None,
        "conversation_state": state.data if state else None,
        "reflections": [
            {
                **_row(r, skip={"participant_id"}),
                "answers": by_session.get(r.id, []),
                # What the reasoning lens read in the answers (labels only, never words).
                "lens_labels": lens_by_session.get(r.id, []),
            }
            for r in reflections
        ],
        "ledger": [
            {**_row(item, skip={"participant_id"}), "reviews": reviews_by_item.get(item.id, [])}
            for item in ledger
        ],
        "engagement_events": [
            _row(e, skip={"participant_id", "cohort_id"})
            for e in _events(session=session, participant_id=pid)
        ],
        "safety_flags": [
            _row(flag, skip={"participant_id"})
            for flag in _owned(session, SafetyFlag, SafetyFlag.participant_id, pid)
        ],
        "reminder_setting": (
            _row(setting, skip={"participant_id"})
            if (setting := session.get(ReminderSetting, pid))
            else None
        ),
        "reminders": [
            _row(reminder, skip={"participant_id", "key"})
            for reminder in _owned(session, Reminder, Reminder.participant_id, pid)
        ],
        "consent_records": [
            _row(record, skip={"participant_id"})
            for record in _owned(session, ConsentRecord, ConsentRecord.participant_id, pid)
        ],
        "failed_invite_codes": len(
            _owned(session, EnrolmentAttempt, EnrolmentAttempt.participant_id, pid)
        ),
        # That a coach looks after them and since when; the coach's account is staff data.
        "coach_assignment": (
            {"assigned_at": _plain(assignment.assigned_at)}
            if (assignment := session.get(CoachAssignment, pid))
            else None
        ),
        # Calls asked for with /callme, and when a coach marked each done (not which coach).
        "call_requests": [
            _row(call, skip={"participant_id", "done_by"})
            for call in _owned(session, CallRequest, CallRequest.participant_id, pid)
        ],
        # What their coach wrote after calls: about them, so theirs to see (author left out).
        "coach_notes": [
            _row(note, skip={"participant_id", "staff_id"})
            for note in _owned(session, CoachNote, CoachNote.participant_id, pid)
        ],
        # The weeks they were active in, as the evaluators' rollup holds them (derived from the
        # engagement events above; only ever counted, never shown one person at a time).
        "activity_weeks": [
            {"week": week.week.isoformat(), "first_week": week.first_week}
            for week in _owned(session, ActivityWeek, ActivityWeek.participant_id, pid)
        ],
        # Who has looked at their data, by role and when (from the audit log).
        "staff_access": staff_access(session=session, participant_id=pid),
    }


def _owned(session: Session, model: Any, column: Any, participant_id: int) -> Sequence[Any]:
    order = model.__table__.primary_key.columns  # oldest first where ids grow
    return session.scalars(select(model).where(column == participant_id).order_by(*order)).all()


def _events(*, session: Session, participant_id: int) -> Sequence[EngagementEvent]:
    return session.scalars(
        select(EngagementEvent)
        .where(EngagementEvent.participant_id == participant_id)
        .order_by(EngagementEvent.id)
    ).all()


def _row(obj: DeclarativeBase, *, skip: set[str]) -> dict[str, Any]:
    return {
        column.key: _plain(getattr(obj, column.key))
        for column in obj.__mapper__.column_attrs
        if column.key not in skip
    }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
