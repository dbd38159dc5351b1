"""Evaluator figures about what people did: reflections, where they stopped, commitments,
calls asked for and safety flags. Counts only, each with the number of different people behind
it (so the suppression can hide a large count that rests on a few people). The scope and the
privacy reasoning are ``bot.store.engagement``'s.

Each function is one GROUP BY over its own table, filtered to the period by the time the thing
began (a reflection by when it was started, a commitment by when it was made, a call by when it
was asked for), so a figure for a past period does not change as people carry on.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.store.engagement import Scope, Tally
from bot.store.models import CallRequest, LedgerItem, ReflectionSession, SafetyFlag
from bot.store.weeks import Period, month_start, week_start

COMPLETED = "completed"
# What a ledger item can be now: still open, done (kept), or closed as revised or dropped.
LEDGER_STATUSES = ("open", "done", "revised", "dropped")


def reflections_by_flow(
    *, session: Session, scope: Scope, period: Period
) -> dict[tuple[str, bool], Tally]:
    """(flow id, completed?) -> reflections started in the period."""
    sessions = ReflectionSession
    # Per person first, in the order of the (flow, participant, ...) index, so the database
    # neither sorts nor keeps a set of people per group; then per flow.
    per_person = (
        select(
            sessions.flow_id,
            func.sum(case((sessions.status == COMPLETED, 1), else_=0)).label("done"),
            func.count().label("started"),
        )
        .where(
            sessions.started_at >= period.start_at,
            sessions.started_at < period.end_at,
            scope.includes(sessions.participant_id),
        )
        .group_by(sessions.flow_id, sessions.participant_id)
        .subquery()
    )
    done, other = per_person.c.done, per_person.c.started - per_person.c.done
    rows = session.execute(
        select(
            per_person.c.flow_id,
            func.sum(done),
            func.sum(case((done > 0, 1), else_=0)),
            func.sum(other),
            func.sum(case((other > 0, 1), else_=0)),
        ).group_by(per_person.c.flow_id)
    ).all()
    totals: dict[tuple[str, bool], Tally] = {}
    for flow, completed, completers, unfinished, others in rows:
        totals[(flow, True)] = Tally(int(completed), int(completers))
        totals[(flow, False)] = Tally(int(unfinished), int(others))
    return totals


def stopping_points(
    *, session: Session, scope: Scope, period: Period
) -> dict[tuple[str, str, str], Tally]:
    """(flow id, status, step) -> unfinished reflections started in the period, by the step
    each stopped at: the question on screen when the person cancelled, started something else
    (abandoned) or went quiet (still open).

    That is the step after the last one answered. It is read from the reflection's own row
    (where the bot keeps the current step) rather than from its newest answer: one lookup per
    reflection among tens of thousands would cost more than the rest of the page.
    """
    sessions = ReflectionSession
    unfinished = (
        sessions.status != COMPLETED,
        sessions.started_at >= period.start_at,
        sessions.started_at < period.end_at,
        scope.includes(sessions.participant_id),
    )
    keys = (sessions.flow_id, sessions.status, sessions.step_id)
    if session.get_bind().dialect.name == "sqlite":
        query = (
            select(*keys, func.count(), func.count(sessions.participant_id.distinct()))
            .where(*unfinished)
            .group_by(*keys)
        )
    else:
        # Per person first, then per step: two hash aggregates, where counting distinct
        # people in one pass makes PostgreSQL sort every row (SQLite is the other way round).
        per_person = (
            select(*keys, func.count().label("n"))
            .where(*unfinished)
            .group_by(*keys, sessions.participant_id)
            .subquery()
        )
        c = per_person.c
        query = select(c.flow_id, c.status, c.step_id, func.sum(c.n), func.count()).group_by(
            c.flow_id, c.status, c.step_id
        )
    return {
        (flow, status, step): Tally(int(count), people)
        for flow, status, step, count, people in session.execute(query).all()
    }


def commitments(*, session: Session, scope: Scope, period: Period) -> dict[tuple[str, str], Tally]:
    """(kind, status now) -> ledger items made in the period. A revised commitment is closed
    as "revised" and its new wording counts again as a commitment made."""
    items = LedgerItem
    # Per person first, in the order of the (kind, participant, ...) index: see above.
    per_person = (
        select(
            items.kind,
            *(
                func.sum(case((items.status == status, 1), else_=0)).label(status)
                for status in LEDGER_STATUSES
            ),
        )
        .where(
            items.created_at >= period.start_at,
            items.created_at < period.end_at,
            scope.includes(items.participant_id),
        )
        .group_by(items.kind, items.participant_id)
        .subquery()
    )
    columns = [per_person.c[status] for status in LEDGER_STATUSES]
    rows = session.execute(
        select(
            per_person.c.kind,
            *(func.sum(column) for column in columns),
            *(func.sum(case((column > 0, 1), else_=0)) for column in columns),
        ).group_by(per_person.c.kind)
    ).all()
    totals: dict[tuple[str, str], Tally] = {}
    for kind, *figures in rows:
        counts, people = figures[: len(columns)], figures[len(columns) :]
        for status, count, persons in zip(LEDGER_STATUSES, counts, people, strict=True):
            totals[(kind, status)] = Tally(int(count), int(persons))
    return totals


def calls_by_week(
    *, session: Session, scope: Scope, period: Period
) -> dict[tuple[date, bool], Tally]:
    """(week asked for, marked done yet?) -> follow-up calls asked for with /callme."""
    calls = CallRequest
    week = week_start(calls.requested_at)
    done = case((calls.done_at.is_(None), 0), else_=1)
    rows = session.execute(
        select(week, done, func.count(), func.count(calls.participant_id.distinct()))
        .where(
            calls.requested_at >= period.start_at,
            calls.requested_at < period.end_at,
            scope.includes(calls.participant_id),
        )
        .group_by(week, done)
    ).all()
    return {(day, bool(is_done)): Tally(count, people) for day, is_done, count, people in rows}


def safety_flags_by_month(
    *, session: Session, scope: Scope, period: Period
) -> dict[tuple[date, str], Tally]:
    """(first day of the month, category) -> times the crisis card was shown. Never the words:
    the table holds none."""
    flags = SafetyFlag
    month = month_start(flags.raised_at)
    rows = session.execute(
        select(month, flags.category, func.count(), func.count(flags.participant_id.distinct()))
        .where(
            flags.raised_at >= period.start_at,
            flags.raised_at < period.end_at,
            scope.includes(flags.participant_id),
        )
        .group_by(month, flags.category)
    ).all()
    return {(day, category): Tally(count, people) for day, category, count, people in rows}
