"""The evaluator tables about what people did: reflections and where unfinished ones stopped,
commitments, calls asked for and safety flags."""

from __future__ import annotations

from dataclasses import replace

from bot.flows.library import FlowLibrary
from bot.safety.crisis import Category
from bot.store import engagement_outcomes
from bot.web.charts import bar_chart, worth_drawing
from bot.web.evaluator_tables import (
    Inputs,
    Row,
    Table,
    count_of,
    ordered,
    rate,
    suppressed_rows,
    week_label,
    with_chart,
)
from bot.web.suppression import Count

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


def reflections_table(inputs: Inputs) -> Table:
    """Per reflection: started, completed and not, and the completion rate."""
    found = engagement_outcomes.reflections_by_flow(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    flow_ids = ordered((flow.id for flow in inputs.flows), (key[0] for key in found))
    rows, totals = suppressed_rows(
        [(_flow_title(inputs.flows, flow_id),) for flow_id in flow_ids],
        [[count_of(found.get((f, True))), count_of(found.get((f, False)))] for f in flow_ids],
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
    return with_chart(table, "Reflections started and completed, by reflection", (2, 0))


def stopping_points_table(inputs: Inputs) -> Table:
    """Unfinished reflections by the question they stopped at, and how they ended."""
    found = engagement_outcomes.stopping_points(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    statuses = ordered(STATUS_LABELS, (key[1] for key in found))
    labels: list[tuple[str, str]] = []
    counts: list[list[Count]] = []
    flows = ordered((flow.id for flow in inputs.flows), (key[0] for key in found))
    for flow_id in flows:
        flow = inputs.flows.get(flow_id)
        steps = [step.id for step in flow.interactive_steps()] if flow else []
        named = {step: f"{n}. {step}" for n, step in enumerate(steps, start=1)}
        for step in ordered(steps, (key[2] for key in found if key[0] == flow_id)):
            labels.append((_flow_title(inputs.flows, flow_id), named.get(step, step)))
            counts.append([count_of(found.get((flow_id, status, step))) for status in statuses])
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


def commitments_table(inputs: Inputs) -> Table:
    """Commitments made in the period by kind, and what has become of them."""
    found = engagement_outcomes.commitments(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    kinds = ordered(KIND_LABELS, (kind for kind, _ in found))
    statuses = ("done", "revised", "dropped", "open")
    rows, totals = suppressed_rows(
        [(KIND_LABELS.get(kind, kind),) for kind in kinds],
        [[count_of(found.get((kind, status))) for status in statuses] for kind in kinds],
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
    return with_chart(table, "What became of commitments, by kind", (0, 1, 2, 3))


def calls_table(inputs: Inputs) -> Table:
    """Calls asked for each week, done or not yet."""
    found = engagement_outcomes.calls_by_week(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    days = list(inputs.period.weeks())
    rows, totals = suppressed_rows(
        [(week_label(day),) for day in days],
        [[count_of(found.get((day, True))), count_of(found.get((day, False)))] for day in days],
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
    return with_chart(table, "Calls asked for each week: done and not yet done", (0, 1))


def safety_table(inputs: Inputs) -> Table:
    """Safety flags per month by category: counts only."""
    found = engagement_outcomes.safety_flags_by_month(
        session=inputs.session, scope=inputs.filters.scope, period=inputs.period
    )
    months = inputs.period.months()
    categories = ordered(CATEGORY_LABELS, (category for _, category in found))
    rows, totals = suppressed_rows(
        [(f"{month:%b %Y}",) for month in months],
        [[count_of(found.get((month, category))) for category in categories] for month in months],
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
    return with_chart(table, "Safety flags each month", (len(categories),))


def _flow_title(flows: FlowLibrary, flow_id: str) -> str:
    flow = flows.get(flow_id)
    return flow.title if flow else flow_id
