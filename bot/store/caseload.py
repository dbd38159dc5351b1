"""What a coach may read about their participants: a caseload line each, and one person's record.

Reflections, and the ledger items that came out of them, are read only through
``coach_visible_sessions``: a person who does not share, or a reflection they kept private,
contributes nothing here, not even a count. Safety flags are the exception on purpose: they hold
a category and a time, never words, and exist so the coach can look out for the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import CTE, ColumnElement, Subquery, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.store.calls import CallView, NoteView, call_requests, coach_notes
from bot.store.consent import coach_visible_sessions, current_consent, sharing_participants
from bot.store.models import (
    Answer,
    CallRequest,
    CoachAssignment,
    Cohort,
    LedgerItem,
    LedgerReview,
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


def is_late(item: LedgerItem, *, today: date) -> bool:
    return item.status == OPEN and item.due_on is not None and item.due_on < today


def caseload(*, session: Session, staff_id: int, today: date) -> list[CaseloadLine]:
    """The coach's participants, most recently active first, in one statement however many.

    Each figure is an aggregate over the coach's own people, joined to them by participant: the
    page costs the same few index lookups per person whether the coach has ten or ten thousand.
    """
    mine = (
        select(CoachAssignment.participant_id)
        .where(CoachAssignment.staff_id == staff_id)
        .cte("mine")
    )
    sharing = sharing_participants(mine)
    ledger = (
        select(
            LedgerItem.participant_id,
            func.count().label("open_items"),
            func.sum(case((LedgerItem.due_on < today, 1), else_=0)).label("late_items"),
        )
        # As ``coach_visible_sessions``: only items from reflections that are not private,
        # and only for people whose current choice is to share.
        .join(sharing, sharing.c.participant_id == LedgerItem.participant_id)
        .join(
            ReflectionSession,
            (ReflectionSession.id == LedgerItem.session_id)
            & (ReflectionSession.participant_id == LedgerItem.participant_id)
            & ReflectionSession.private.is_(False),
        )
        .where(LedgerItem.status == OPEN)
        .group_by(LedgerItem.participant_id)
        .subquery("ledger")
    )
    flags = _counts(SafetyFlag.participant_id, mine, "flags")
    calls = _counts(CallRequest.participant_id, mine, "calls", CallRequest.done_at.is_(None))
    rows = session.execute(
        select(
            Participant.id,
            Participant.pseudonym,
            Cohort.name,
            Participant.last_active_at,
            sharing.c.participant_id.is_not(None),
            func.coalesce(ledger.c.open_items, 0),
            func.coalesce(ledger.c.late_items, 0),
            func.coalesce(flags.c.count, 0),
            func.coalesce(calls.c.count, 0),
        )
        .join(mine, mine.c.participant_id == Participant.id)
        .outerjoin(Cohort, Cohort.id == Participant.cohort_id)
        .outerjoin(sharing, sharing.c.participant_id == Participant.id)
        .outerjoin(ledger, ledger.c.participant_id == Participant.id)
        .outerjoin(flags, flags.c.participant_id == Participant.id)
        .outerjoin(calls, calls.c.participant_id == Participant.id)
        .order_by(Participant.last_active_at.desc(), Participant.id)
    ).all()
    return [
        CaseloadLine(
            participant_id=pid,
            pseudonym=pseudonym,
            cohort=cohort,
            last_active_at=last_active_at,
            sharing=bool(shares),
            open_items=int(open_items),
            late_items=int(late_items),
            safety_flags=int(flag_count),
            calls_requested=int(call_count),
        )
        for (
            pid,
            pseudonym,
            cohort,
            last_active_at,
            shares,
            open_items,
            late_items,
            flag_count,
            call_count,
        ) in rows
    ]


def _counts(
    column: InstrumentedAttribute[int], mine: CTE, name: str, *where: ColumnElement[bool]
) -> Subquery:
    """Rows per participant in ``column``'s table, for the coach's participants only."""
    return (
        select(column.label("participant_id"), func.count().label("count"))
        .join(mine, mine.c.participant_id == column)
        .where(*where)
        .group_by(column)
        .subquery(name)
    )


def participant_record(*, session: Session, participant: Participant) -> Record:
    """Everything the coach may read about one of their participants."""
    visible = coach_visible_sessions(session=session, participant_id=participant.id)
    answers: dict[int, list[Answer]] = {row.id: [] for row in visible}
    if visible:
        for answer in session.scalars(
            select(Answer).where(Answer.session_id.in_(answers)).order_by(Answer.id)
        ):
            answers[answer.session_id].append(answer)
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
