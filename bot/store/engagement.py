"""Evaluator figures about people: who was active each week, cohorts, retention.

Everything here is a count, grouped in the database (a fixed handful of queries per page,
whatever the number of participants), by ISO week (``bot.store.weeks``). Nothing here is fit
to show as it stands: small counts are hidden by ``bot.web.suppression`` before anyone sees
them.

Scope. A participant counts under the cohort they belong to now (``participants.cohort_id``),
for every figure alike; "all participants" includes people who joined without an invite code.

Whose data. Only people who agreed to their reflections being kept are in the database at all:
stopping that erases everything about them, these figures included. Counts here include
reflections a person keeps from their coach, and people who do not share with their coach at
all. That is deliberate: the privacy notice tells everyone that evaluators see totals for
groups of at least ten people and never anything anyone wrote, which is what these pages give,
and leaving private reflections out would make every completion and retention figure wrong in
a way no evaluator could see.

Activity is read from the ``activity_weeks`` rollup (``bot.store.activity_weeks``), which
callers bring up to date with ``catch_up`` first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    exists,
    func,
    select,
    true,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.store.models import (
    ActivityWeek,
    Cohort,
    EngagementEvent,
    Participant,
    Programme,
)
from bot.store.weeks import WEEK, Period, monday


@dataclass(frozen=True)
class Tally:
    """A count, and how many different people it rests on."""

    count: int
    people: int


@dataclass(frozen=True)
class Scope:
    """Everyone, one programme's cohorts, or one cohort."""

    programme_id: int | None = None
    cohort_id: int | None = None

    def members(self) -> Select[Any] | None:
        """The ids of the participants in scope (None: everyone)."""
        if self.cohort_id is not None:
            return select(Participant.id).where(Participant.cohort_id == self.cohort_id)
        if self.programme_id is not None:
            return (
                select(Participant.id)
                .join(Cohort, Cohort.id == Participant.cohort_id)
                .where(Cohort.programme_id == self.programme_id)
            )
        return None

    def includes(
        self, participant_id: InstrumentedAttribute[int] | ColumnElement[int]
    ) -> ColumnElement[bool]:
        members = self.members()
        return true() if members is None else participant_id.in_(members)

    def cohorts(self) -> ColumnElement[bool]:
        if self.cohort_id is not None:
            return Cohort.id == self.cohort_id
        if self.programme_id is not None:
            return Cohort.programme_id == self.programme_id
        return true()


@dataclass(frozen=True)
class WeekActivity:
    active: int
    new: int  # active, and this was the week they first wrote

    @property
    def returning(self) -> int:
        return self.active - self.new


@dataclass(frozen=True)
class CohortLine:
    """One cohort (or, ``cohort_id`` None, everyone without one) over a period."""

    cohort_id: int | None
    programme: str | None
    name: str | None
    start: date | None  # the Monday of the workshop's week, or of the first enrolment
    start_is_enrolment: bool  # no workshop date recorded: the first enrolment stands in
    enrolled: int  # in the cohort now
    new: int  # first wrote during the period
    active: int  # did anything during the period
    active_by_week: dict[int, int] = field(default_factory=dict)  # weeks since start -> people


def weekly_activity(*, session: Session, scope: Scope, period: Period) -> dict[date, WeekActivity]:
    """Week -> people active that week, and how many of them were new (weeks with none left out)."""
    rows = session.execute(
        select(
            ActivityWeek.week,
            func.count(),
            func.sum(case((ActivityWeek.first_week, 1), else_=0)),
        )
        .where(
            ActivityWeek.week.between(period.first, period.last),
            scope.includes(ActivityWeek.participant_id),
        )
        .group_by(ActivityWeek.week)
    ).all()
    return {week: WeekActivity(active, int(new or 0)) for week, active, new in rows}


def cohort_lines(*, session: Session, scope: Scope, period: Period) -> list[CohortLine]:
    """Every cohort in scope (by programme, then name), with people enrolled, new and active;
    with everyone in scope, a last line for people in no cohort."""
    counts = _enrolled(session=session, scope=scope, period=period)
    # EXISTS in the WHERE clause: a semi-join on PostgreSQL, a probe of the rollup's key per
    # person on SQLite; both far cheaper than the same test in the select list.
    active: dict[int | None, int] = {
        cohort_id: people
        for cohort_id, people in session.execute(
            select(Participant.cohort_id, func.count())
            .where(
                scope.includes(Participant.id),
                exists().where(
                    ActivityWeek.participant_id == Participant.id,
                    ActivityWeek.week.between(period.first, period.last),
                ),
            )
            .group_by(Participant.cohort_id)
        ).all()
    }
    lines = _cohorts(session=session, scope=scope)
    if scope.members() is None and None in counts:
        lines.append(CohortLine(None, None, None, None, False, 0, 0, 0))
    return [
        replace(
            line,
            enrolled=counts.get(line.cohort_id, (0, 0))[0],
            new=counts.get(line.cohort_id, (0, 0))[1],
            active=active.get(line.cohort_id, 0),
        )
        for line in lines
    ]


def retention(*, session: Session, scope: Scope, period: Period, horizon: int) -> list[CohortLine]:
    """The cohorts in scope that started during the period, each with the people active in
    each of the ``horizon + 1`` weeks from its start (week 0 is the start's own week)."""
    lines = [
        line
        for line in _cohorts(session=session, scope=scope)
        if line.start is not None and period.first <= line.start <= period.last
    ]
    if not lines:
        return []
    counts = _enrolled(session=session, scope=scope, period=period)
    starts = {
        line.cohort_id: line.start
        for line in lines
        if line.cohort_id is not None and line.start is not None
    }
    active: dict[int, dict[int, int]] = {}
    for cohort_id, week, people in _weeks_by_cohort(
        session=session, starts=starts, horizon=horizon
    ):
        offset = (week - starts[cohort_id]).days // 7
        if 0 <= offset <= horizon:
            active.setdefault(cohort_id, {})[offset] = people
    return [
        replace(
            line,
            enrolled=counts.get(line.cohort_id, (0, 0))[0],
            active_by_week=active.get(line.cohort_id or 0, {}),
        )
        for line in lines
    ]


def _weeks_by_cohort(
    *, session: Session, starts: dict[int, date], horizon: int
) -> list[tuple[int, date, int]]:
    """(cohort, week, people active) for the cohorts' members, in every week from the earliest
    start to the latest start's horizon: the caller keeps each cohort's own window.

    One GROUP BY whatever the number of cohorts, read from the members' side (the cohort index,
    then the rollup's (participant, week) key), on both databases. Asking for each cohort's own
    window instead (one SELECT per cohort, joined into one statement) reads fewer rows, but
    building and compiling a statement of hundreds of SELECTs costs more than the reading saves.
    """
    earliest, latest = min(starts.values()), max(starts.values())
    return [
        (cohort_id, week, people)
        for cohort_id, week, people in session.execute(
            select(Participant.cohort_id, ActivityWeek.week, func.count())
            .select_from(Participant)
            .join(ActivityWeek, ActivityWeek.participant_id == Participant.id)
            .where(
                Participant.cohort_id.in_(list(starts)),
                ActivityWeek.week.between(earliest, latest + horizon * WEEK),
            )
            .group_by(Participant.cohort_id, ActivityWeek.week)
        ).all()
        if cohort_id is not None  # never: the cohorts asked for are real ones
    ]


def first_enrolments(*, session: Session, cohort_ids: Sequence[int]) -> dict[int, date]:
    """Cohort id -> the Monday of the week its first member joined with an invite code."""
    if not cohort_ids:
        return {}
    events = EngagementEvent
    # A person's events carry a cohort only from the moment they join it with a code, so the
    # cohort's earliest event is its first enrolment: one probe of the (cohort, time) index.
    first = (
        select(func.min(events.occurred_at))
        .where(events.cohort_id == Cohort.id)
        .correlate(Cohort)
        .scalar_subquery()
    )
    rows = session.execute(select(Cohort.id, first).where(Cohort.id.in_(cohort_ids))).all()
    return {cohort_id: monday(at.date()) for cohort_id, at in rows if at is not None}


def _cohorts(*, session: Session, scope: Scope) -> list[CohortLine]:
    """The cohorts in scope, by programme then name, with their start weeks (no counts)."""
    cohorts = session.execute(
        select(Cohort.id, Programme.name, Cohort.name, Cohort.workshop_date)
        .join(Programme, Programme.id == Cohort.programme_id)
        .where(scope.cohorts())
        .order_by(Programme.name, Cohort.name)
    ).all()
    enrolment = first_enrolments(
        session=session, cohort_ids=[c.id for c in cohorts if c.workshop_date is None]
    )
    return [
        CohortLine(
            cohort_id,
            programme,
            name,
            monday(workshop) if workshop else enrolment.get(cohort_id),
            workshop is None,
            0,
            0,
            0,
        )
        for cohort_id, programme, name, workshop in cohorts
    ]


def _enrolled(
    *, session: Session, scope: Scope, period: Period
) -> dict[int | None, tuple[int, int]]:
    """Cohort id (None: no cohort) -> people in it now, and how many first wrote in the period."""
    joined_in_period = (Participant.created_at >= period.start_at) & (
        Participant.created_at < period.end_at
    )
    return {
        cohort_id: (enrolled, int(new or 0))
        for cohort_id, enrolled, new in session.execute(
            select(
                Participant.cohort_id,
                func.count(),
                func.sum(case((joined_in_period, 1), else_=0)),
            )
            .where(scope.includes(Participant.id))
            .group_by(Participant.cohort_id)
        ).all()
    }
