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

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.store.calls import CallView, NoteView, call_requests, coach_notes
from bot.store.consent import coach_visible_sessions, current_consent, sharing_now
from bot.store.models import (
    Answer,
    CallRequest,
    CoachAssignment,
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
class CaseloadPage:
    lines: Sequence[CaseloadLine]
    total: int  # people in the whole caseload (0 when the page is past its end)


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
    """All the coach's participants, most recently active first."""
    return list(caseload_page(session=session, staff_id=staff_id, today=today).lines)


def caseload_page(
    *, session: Session, staff_id: int, today: date, offset: int = 0, limit: int | None = None
) -> CaseloadPage:
    """A page of the coach's participants, most recently active first, in one statement.

    Each figure is a subquery correlated to the person's row, answered from an index on the
    participant, and worked out only for the people on the page: it costs the same few lookups
    per person shown, whatever the size of the caseload or of the rest of the database.
    """
    page = (
        select(Participant.id.label("id"), func.count().over().label("total"))
        .join(CoachAssignment, CoachAssignment.participant_id == Participant.id)
        .where(CoachAssignment.staff_id == staff_id)
        .order_by(Participant.last_active_at.desc(), Participant.id)
        .offset(offset)
        .limit(limit)
        .subquery("page")
    )
    shares = sharing_now(Participant.id)
    # As ``coach_visible_sessions``: only items from reflections that are not private, and
    # only while the person's current choice is to share (otherwise not even a count).
    visible_open = (
        select(func.count())
        .select_from(LedgerItem)
        .join(
            ReflectionSession,
            (ReflectionSession.id == LedgerItem.session_id)
            & (ReflectionSession.participant_id == LedgerItem.participant_id)
            & ReflectionSession.private.is_(False),
        )
        .where(LedgerItem.participant_id == Participant.id, LedgerItem.status == OPEN)
    )
    late = visible_open.where(LedgerItem.due_on < today)
    flags = select(func.count()).where(SafetyFlag.participant_id == Participant.id)
    calls = select(func.count()).where(
        CallRequest.participant_id == Participant.id, CallRequest.done_at.is_(None)
    )
    rows = session.execute(
        select(
            Participant.id,
            Participant.pseudonym,
            Cohort.name,
            Participant.last_active_at,
            shares,
            case((shares, visible_open.scalar_subquery()), else_=0),
            case((shares, late.scalar_subquery()), else_=0),
            flags.scalar_subquery(),
            calls.scalar_subquery(),
            page.c.total,
        )
        .join(page, page.c.id == Participant.id)
        .outerjoin(Cohort, Cohort.id == Participant.cohort_id)
        .order_by(Participant.last_active_at.desc(), Participant.id)
    ).all()
    lines = [
        CaseloadLine(
            participant_id=pid,
            pseudonym=pseudonym,
            cohort=cohort,
            last_active_at=last_active_at,
            sharing=bool(sharing),
            open_items=open_items,
            late_items=late_items,
            safety_flags=flag_count,
            calls_requested=call_count,
        )
        for (
            pid,
            pseudonym,
            cohort,
            last_active_at,
            sharing,
            open_items,
            late_items,
            flag_count,
            call_count,
            _,
        ) in rows
    ]
    return CaseloadPage(lines, rows[0].total if rows else 0)


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
