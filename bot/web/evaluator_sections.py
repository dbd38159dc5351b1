"""Each evaluator table, built from the store's counts: labels, suppression, notes, charts.

``TABLES`` maps a table's key (its CSV name) to its builder; ``SECTIONS`` says which tables
each page shows. Every count passes through ``suppressed_rows`` before it reaches a ``Table``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from bot.flows.library import FlowLibrary
from bot.safety.crisis import Category
from bot.store import engagement, engagement_outcomes
from bot.store.weeks import WEEK, Period
from bot.web.charts import bar_chart, heatmap, worth_drawing
from bot.web.evaluator_filters import Filters
from bot.web.evaluator_tables import Row, Table, rate, suppressed_rows
from bot.web.rendering import NOTHING
from bot.web.suppression import Cell, Count

RETENTION_WEEKS = 12
KIND_LABELS = {
    "commitment": "Commitment",
    "experiment": "Experiment",
    "assumption_test": "Assumption test",
}
STATUS_LABELS = {"cancelled": "Cancelled", "abandoned": "Left for another", "active": "Still open"}
CATEGORY_LABELS = {
    Category.EXPLICIT.value: "Explicit risk",
    Category.SELF_HARM.value: "Self-harm",
    Category.INDIRECT.value: "Indirect signs",
    Category.HARM_FROM_OTHERS.value: "Harm from others",
}


@dataclass(frozen=True)
class Inputs:
    session: Session
    filters: Filters
    period: Period
    flows: FlowLibrary


Builder = Callable[[Inputs], Table]


def _count(tally: engagement.Tally | None) -> Count:
    return Count(tally.count, tally.people) if tally else Count(0, 0)


def _week(day: date) -> str:
    return f"{day:%d %b %Y}"


def _ordered(known: Iterable[str], found: Iterable[str]) -> list[str]:
    """The known keys in their order, then any others found in the data, sorted."""
    known = list(known)
    return known + sorted(set(found) - set(known))


def cohorts_table(inputs: Inputs) -> Table:
    lines = engagement.cohort_lines(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    labels = []
    for line in lines:
        start = (
            f"{_week(line.start)}{' *' if line.start_is_enrolment else ''}"
            if line.start
            else NOTHING
        )
        labels.append((line.name or "No cohort", line.programme or NOTHING, start))
    rows, totals = suppressed_rows(
        labels,
        [[Count(line.enrolled), Count(line.new), Count(line.active)] for line in lines],
        column_totals=True,
        totals_label=("All", "", ""),
    )
    table = Table(
        key="cohorts",
        title="Cohorts",
        label_header=("Cohort", "Programme", "Week of the workshop"),
        header=("Enrolled now", "First wrote in the period", "Active in the period"),
        rows=rows,
        totals=totals,
        notes=(
            "* No workshop date is recorded for this cohort: the week its first member joined "
            "stands in for it.",
            "Active: did anything with the coach in at least one week of the period.",
        ),
    )
    return _with_chart(table, "People enrolled and active, by cohort", (0, 2))


def activity_table(inputs: Inputs) -> Table:
    weeks = engagement.weekly_activity(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    days = list(inputs.period.weeks())
    empty = engagement.WeekActivity(0, 0)
    rows, _ = suppressed_rows(
        [(_week(day),) for day in days],
        [[Count(weeks.get(d, empty).new), Count(weeks.get(d, empty).returning)] for d in days],
        row_totals=True,
    )
    table = Table(
        key="activity",
        title="Weekly active participants",
        label_header=("Week beginning",),
        header=("New", "Returning", "Active"),
        rows=rows,
        notes=(
            "Active: did anything with the coach that week (a reminder sent by the coach does "
            "not count). New: the week they first wrote; returning: they had written before.",
        ),
    )
    return _with_chart(table, "New and returning participants each week", (0, 1))


def reflections_table(inputs: Inputs) -> Table:
    found = engagement_outcomes.reflections_by_flow(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    flow_ids = _ordered((flow.id for flow in inputs.flows), (key[0] for key in found))
    rows, totals = suppressed_rows(
        [(_flow_title(inputs.flows, flow_id),) for flow_id in flow_ids],
        [[_count(found.get((f, True))), _count(found.get((f, False)))] for f in flow_ids],
        row_totals=True,
        column_totals=True,
    )
    rows = tuple(Row(row.labels, (*row.cells, rate(row.cells[0], row.cells[2]))) for row in rows)
    if totals is not None:
        totals = Row(totals.labels, (*totals.cells, rate(totals.cells[0], totals.cells[2])))
    table = Table(
        key="reflections",
        title="Reflections started and completed",
        label_header=("Reflection",),
        header=("Completed", "Not completed", "Started", "Completion rate"),
        rows=rows,
        totals=totals,
        notes=(
            "Reflections started in the period, whether or not they have finished since. A "
            "completion rate is shown only where both of its counts are.",
        ),
    )
    return _with_chart(table, "Reflections started and completed, by reflection", (2, 0))


def stopping_points_table(inputs: Inputs) -> Table:
    found = engagement_outcomes.stopping_points(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    statuses = _ordered(STATUS_LABELS, (key[1] for key in found))
    labels: list[tuple[str, str]] = []
    counts: list[list[Count]] = []
    flows = _ordered((flow.id for flow in inputs.flows), (key[0] for key in found))
    for flow_id in flows:
        flow = inputs.flows.get(flow_id)
        steps = [step.id for step in flow.interactive_steps()] if flow else []
        named = {step: f"{n}. {step}" for n, step in enumerate(steps, start=1)}
        for step in _ordered(steps, (key[2] for key in found if key[0] == flow_id)):
            labels.append((_flow_title(inputs.flows, flow_id), named.get(step, step)))
            counts.append([_count(found.get((flow_id, status, step))) for status in statuses])
    rows, totals = suppressed_rows(
        labels, counts, row_totals=True, column_totals=True, totals_label=("All", "")
    )
    table = Table(
        key="stopping-points",
        title="Where unfinished reflections stopped",
        label_header=("Reflection", "Stopped at (question on screen)"),
        header=(*(STATUS_LABELS.get(status, status) for status in statuses), "All unfinished"),
        rows=rows,
        totals=totals,
        notes=(
            "Reflections started in the period and not completed, by the question on screen "
            "when they stopped: the one after the last answered. Left for another: the person "
            "began another reflection instead; still open: nothing since.",
        ),
    )
    charts = []
    for flow_id in flows:
        title = _flow_title(inputs.flows, flow_id)
        mine = [row for row in rows if row.labels[0] == title]
        if worth_drawing([row.cells[-1] for row in mine]):
            charts.append(
                bar_chart(
                    title=f"{title}: where unfinished reflections stopped",
                    categories=[row.labels[1] for row in mine],
                    series=[("Unfinished", [row.cells[-1] for row in mine])],
                )
            )
    return replace(table, charts=tuple(charts))


def retention_table(inputs: Inputs) -> Table:
    lines = engagement.retention(
        session=inputs.session,
        scope=inputs.filters.scope,
        period=inputs.period,
        horizon=RETENTION_WEEKS,
    )
    this_week = inputs.filters.today - timedelta(days=inputs.filters.today.weekday())
    labels, counts, future = [], [], []
    for line in lines:
        assert line.start is not None
        start = f"{_week(line.start)}{' *' if line.start_is_enrolment else ''}"
        labels.append((line.name or "", start))
        counts.append(
            [Count(line.enrolled)]
            + [Count(line.active_by_week.get(k, 0)) for k in range(RETENTION_WEEKS + 1)]
        )
        future.append([line.start + k * WEEK > this_week for k in range(RETENTION_WEEKS + 1)])
    rows, totals = suppressed_rows(labels, counts, column_totals=True, totals_label=("All", ""))
    # Weeks a cohort has not reached yet are 0 in every sum, and left blank rather than shown 0.
    rows = tuple(
        Row(
            row.labels,
            (
                row.cells[0],
                *(
                    Cell(None, "") if later else cell
                    for cell, later in zip(row.cells[1:], ahead, strict=True)
                ),
            ),
        )
        for row, ahead in zip(rows, future, strict=True)
    )
    weeks = [f"Week {k}" for k in range(RETENTION_WEEKS + 1)]
    table = Table(
        key="retention",
        title="Retention by cohort week since the workshop",
        label_header=("Cohort", "Week of the workshop"),
        header=("Enrolled now", *weeks),
        rows=rows,
        totals=totals,
        notes=(
            "Cohorts whose workshop week falls in the period. Week 0 is the workshop's week; "
            "each later column counts the cohort's people who did anything with the coach that "
            "week. Blank: that week has not come yet.",
            "* No workshop date is recorded for this cohort: the week its first member joined "
            "stands in for it.",
        ),
    )
    if not rows:
        return table
    chart = heatmap(
        title="Share of each cohort active, week by week",
        rows=[row.labels[0] for row in rows],
        columns=weeks,
        cells=[[None if c.text == "" else c for c in row.cells[1:]] for row in rows],
        bases=[row.cells[0] for row in rows],
    )
    return replace(table, charts=(chart,))


def commitments_table(inputs: Inputs) -> Table:
    found = engagement_outcomes.commitments(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    kinds = _ordered(KIND_LABELS, (kind for kind, _ in found))
    statuses = ("done", "revised", "dropped", "open")
    rows, totals = suppressed_rows(
        [(KIND_LABELS.get(kind, kind),) for kind in kinds],
        [[_count(found.get((kind, status))) for status in statuses] for kind in kinds],
        row_totals=True,
        column_totals=True,
    )
    table = Table(
        key="commitments",
        title="Commitments made, kept, revised and dropped",
        label_header=("Kind",),
        header=("Kept (done)", "Revised", "Dropped", "Still open", "Made"),
        rows=rows,
        totals=totals,
        notes=(
            "Commitments made in the period (at the end of a reflection, or as the new wording "
            "of a revised one), by what has become of them since.",
        ),
    )
    return _with_chart(table, "What became of commitments, by kind", (0, 1, 2, 3))


def calls_table(inputs: Inputs) -> Table:
    found = engagement_outcomes.calls_by_week(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    days = list(inputs.period.weeks())
    rows, totals = suppressed_rows(
        [(_week(day),) for day in days],
        [[_count(found.get((day, True))), _count(found.get((day, False)))] for day in days],
        row_totals=True,
        column_totals=True,
    )
    table = Table(
        key="calls",
        title="Follow-up calls asked for and done",
        label_header=("Week beginning",),
        header=("Done", "Not done yet", "Asked for"),
        rows=rows,
        totals=totals,
        notes=(
            "Calls asked for with /callme in each week, and whether a coach has marked them done.",
        ),
    )
    return _with_chart(table, "Calls asked for each week: done and not yet done", (0, 1))


def safety_table(inputs: Inputs) -> Table:
    found = engagement_outcomes.safety_flags_by_month(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    months = inputs.period.months()
    categories = _ordered(CATEGORY_LABELS, (category for _, category in found))
    rows, totals = suppressed_rows(
        [(f"{month:%b %Y}",) for month in months],
        [[_count(found.get((month, category))) for category in categories] for month in months],
        row_totals=True,
        column_totals=True,
    )
    table = Table(
        key="safety-flags",
        title="Safety flags per month",
        label_header=("Month",),
        header=(*(CATEGORY_LABELS.get(c, c) for c in categories), "All"),
        rows=rows,
        totals=totals,
        notes=(
            "Times the crisis card was shown, by the kind of risk the message suggested: counts "
            "only, never what was written. The first and last months may be partly outside the "
            "period, which runs in whole weeks.",
        ),
    )
    return _with_chart(table, "Safety flags each month", (len(categories),))


def _flow_title(flows: FlowLibrary, flow_id: str) -> str:
    flow = flows.get(flow_id)
    return flow.title if flow else flow_id


def _with_chart(table: Table, title: str, columns: tuple[int, ...]) -> Table:
    if not worth_drawing([cell for c in columns for cell in table.column(c)]):
        return table
    chart = bar_chart(
        title=title,
        categories=[row.labels[0] for row in table.rows],
        series=[(table.header[c], table.column(c)) for c in columns],
    )
    return replace(table, charts=(chart,))


TABLES: dict[str, Builder] = {
    "cohorts": cohorts_table,
    "activity": activity_table,
    "reflections": reflections_table,
    "stopping-points": stopping_points_table,
    "retention": retention_table,
    "commitments": commitments_table,
    "calls": calls_table,
    "safety-flags": safety_table,
}
# Tables read from the activity rollup, which is caught up before they are built.
FROM_ROLLUP = frozenset({"cohorts", "activity", "retention"})
