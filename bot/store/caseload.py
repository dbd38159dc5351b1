"""What a coach may read about their participants: a caseload line each, and one person's record.

Reflections, and the ledger items that came out of them, are read only through
``coach_visible_sessions``: a person who does not share, or a reflection they kept private,
contributes nothing here, not even a count. Safety flags are the exception on purpose: they hold
a category and a time, never words, and exist so the coach can look out for the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.assignments import assigned_participants
from bot.store.calls import CallView, NoteView, call_requests, coach_notes, open_call_counts
from bot.store.consent import coach_visible_sessions, current_consent
from bot.store.models import (
    Answer,
    Cohort,
    LedgerItem,
    LedgerReview,
    LensLabel,
    Participant,
    ReflectionSession,
    SafetyFlag,
)

OPEN = "open"


@dataclass(frozen=True)
class CaseloadLine:
    participant_id: int
    pseudonym: str
    cohort: str | None
    last_active_at: datetime
    sharing: bool
    open_items: int
    late_items: int
    safety_flags: int
    calls_requested: int  # asked for with /callme and not yet marked done


@dataclass(frozen=True)
class Record:
    """One participant's record as their coach may see it."""

    participant: Participant
    cohort: str | None
    sharing: bool
    reflections: Sequence[ReflectionSession]
    answers: dict[int, list[Answer]]  # by reflection session id, in the order given
    ledger: Sequence[LedgerItem]
    reviews: dict[int, list[LedgerReview]]  # by ledger item id, oldest first
    safety_flags: Sequence[SafetyFlag]
    calls: Sequence[CallView]  # newest first; notes only while the person shares
    notes: Sequence[NoteView]  # the coaches' own notes, newest first
    # The reasoning lens's labels, by reflection session id (visible reflections only).
    lens: dict[int, list[LensLabel]] = field(default_factory=dict)


def is_late(item: LedgerItem, *, today: date) -> bool:
    return item.status == OPEN and item.due_on is not None and item.due_on < today


def caseload(*, session: Session, staff_id: int, today: date) -> list[CaseloadLine]:
    """The coach's participants, most recently active first."""
    people = assigned_participants(session=session, staff_id=staff_id)
    cohorts = _cohort_names(session, {p.cohort_id for p in people if p.cohort_id})
    flags = dict(
        session.execute(
            select(SafetyFlag.participant_id, func.count())
            .where(SafetyFlag.participant_id.in_([p.id for p in people]))
            .group_by(SafetyFlag.participant_id)
        ).all()
    )
    calls = open_call_counts(session=session, participant_ids=[p.id for p in people])
    lines = []
    for person in people:
        visible = coach_visible_sessions(session=session, participant_id=person.id)
        items = _visible_ledger(session, person.id, visible)
        open_items = [item for item in items if item.status == OPEN]
        lines.append(
            CaseloadLine(
                participant_id=person.id,
                pseudonym=person.pseudonym,
                cohort=cohorts.get(person.cohort_id) if person.cohort_id else None,
                last_active_at=person.last_active_at,
                sharing=_shares(session, person.id),
                open_items=len(open_items),
                late_items=sum(is_late(item, today=today) for item in open_items),
                safety_flags=flags.get(person.id, 0),
                calls_requested=calls.get(person.id, 0),
            )
        )
    return lines


def participant_record(*, session: Session, participant: Participant) -> Record:
    """Everything the coach may read about one of their participants."""
    visible = coach_visible_sessions(session=session, participant_id=participant.id)
    answers: dict[int, list[Answer]] = {row.id: [] for row in visible}
    if visible:
        for answer in session.scalars(
            select(Answer).where(Answer.session_id.in_(answers)).order_by(Answer.id)
        ):
            answers[answer.session_id].append(answer)
    lens: dict[int, list[LensLabel]] = {row.id: [] for row in visible}
    if visible:
        for label in session.scalars(
            select(LensLabel).where(LensLabel.session_id.in_(lens)).order_by(LensLabel.id)
        ):
            lens[label.session_id].append(label)
    ledger = _visible_ledger(session, participant.id, visible)
    reviews: dict[int, list[LedgerReview]] = {item.id: [] for item in ledger}
    if ledger:
        for review in session.scalars(
            select(LedgerReview).where(LedgerReview.item_id.in_(reviews)).order_by(LedgerReview.id)
        ):
            reviews[review.item_id].append(review)
    flags = session.scalars(
        select(SafetyFlag)
        .where(SafetyFlag.participant_id == participant.id)
        .order_by(SafetyFlag.raised_at.desc())
    ).all()
    cohort = session.get(Cohort, participant.cohort_id) if participant.cohort_id else None
    sharing = _shares(session, participant.id)
    return Record(
        participant=participant,
        cohort=cohort.name if cohort else None,
        sharing=sharing,
        reflections=visible,
        answers=answers,
        ledger=ledger,
        reviews=reviews,
        safety_flags=flags,
        calls=call_requests(session=session, participant_id=participant.id, sharing=sharing),
        notes=coach_notes(session=session, participant_id=participant.id),
        lens=lens,
    )


def _visible_ledger(
    session: Session, participant_id: int, visible: Sequence[ReflectionSession]
) -> Sequence[LedgerItem]:
    """Ledger items made in reflections the coach may read; none when there are none."""
    if not visible:
        return []
    return session.scalars(
        select(LedgerItem)
        .where(
            LedgerItem.participant_id == participant_id,
            LedgerItem.session_id.in_([row.id for row in visible]),
        )
        .order_by(LedgerItem.id)
    ).all()


def _shares(session: Session, participant_id: int) -> bool:
    consent = current_consent(session=session, participant_id=participant_id)
    return consent is not None and consent.keep and consent.share


def _cohort_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Cohort.id, Cohort.name).where(Cohort.id.in_(ids))).all())
