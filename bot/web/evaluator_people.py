"""The evaluator tables about people: cohorts side by side, weekly activity, retention."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.store import engagement
from bot.store.weeks import WEEK
from bot.web.charts import heatmap
from bot.web.evaluator_tables import (
    Inputs,
    Row,
    Table,
    suppressed_rows,
    week_label,
    with_chart,
)
from bot.web.rendering import NOTHING
from bot.web.suppression import Cell, Count

RETENTION_WEEKS = 12


def cohorts_table(inputs: Inputs) -> Table:
    """Cohorts side by side: people enrolled now, first writing and active in the period."""
    lines = engagement.cohort_lines(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    labels = []
    for line in lines:
        start = (
            f"{week_label(line.start)}{' *' if line.start_is_enrolment else ''}"
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
    return with_chart(table, "People enrolled and active, by cohort", (0, 2))


def activity_table(inputs: Inputs) -> Table:
    """Each week of the period: people active, new and returning."""
    weeks = engagement.weekly_activity(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    days = list(inputs.period.weeks())
    empty = engagement.WeekActivity(0, 0)
    rows, _ = suppressed_rows(
        [(week_label(day),) for day in days],
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
    return with_chart(table, "New and returning participants each week", (0, 1))


def retention_table(inputs: Inputs) -> Table:
    """Each cohort starting in the period: its people active in each week since."""
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
        start = f"{week_label(line.start)}{' *' if line.start_is_enrolment else ''}"
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
