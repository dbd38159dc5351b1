"""Evaluator pages: aggregates only, never a participant, every number through suppression.

Each page shows one or two tables for the filter in its query string (programme, cohort, from,
to), each with its charts and a CSV of exactly the cells shown. A bad filter gets the form back
with what is wrong (400), not a page of figures. A page costs a fixed handful of GROUP BY
queries whatever the number of participants, plus a catch-up of the activity rollup for the
tables that read it (``bot.store.activity_weeks``).

Nothing here is audited per view: no participant's data is shown or exported, only counts for
groups, small ones hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from bot.store.activity_weeks import catch_up
from bot.web import evaluator_outcomes as outcomes
from bot.web import evaluator_people as people
from bot.web.access import Staff
from bot.web.context import Web
from bot.web.evaluator_filters import Filters, read_filters
from bot.web.evaluator_tables import LEGEND, Inputs, Table, csv_text

router = APIRouter(prefix="/evaluator")

# A table's key (its CSV is /evaluator/<key>.csv) -> how it is built.
TABLES: dict[str, Callable[[Inputs], Table]] = {
    "cohorts": people.cohorts_table,
    "activity": people.activity_table,
    "retention": people.retention_table,
    "reflections": outcomes.reflections_table,
    "stopping-points": outcomes.stopping_points_table,
    "commitments": outcomes.commitments_table,
    "calls": outcomes.calls_table,
    "safety-flags": outcomes.safety_table,
}
# Tables read from the activity rollup, which is caught up before they are built.
FROM_ROLLUP = frozenset({"cohorts", "activity", "retention"})


@dataclass(frozen=True)
class Page:
    path: str
    label: str
    template: str
    tables: tuple[str, ...]


PAGES = (
    Page("/evaluator", "Cohorts", "evaluator/home.html", ("cohorts",)),
    Page("/evaluator/activity", "Weekly activity", "evaluator/activity.html", ("activity",)),
    Page(
        "/evaluator/reflections",
        "Reflections",
        "evaluator/reflections.html",
        ("reflections", "stopping-points"),
    ),
    Page("/evaluator/retention", "Retention", "evaluator/retention.html", ("retention",)),
    Page("/evaluator/commitments", "Commitments", "evaluator/commitments.html", ("commitments",)),
    Page("/evaluator/calls", "Calls", "evaluator/calls.html", ("calls",)),
    Page("/evaluator/safety", "Safety flags", "evaluator/safety.html", ("safety-flags",)),
)


@router.get("")
def evaluator_home(request: Request, web: Web, staff: Staff) -> Response:
    """Cohorts side by side: people enrolled, new and active in the period."""
    return _page(request, web, PAGES[0])


@router.get("/activity")
def evaluator_activity(request: Request, web: Web, staff: Staff) -> Response:
    """Weekly active participants, new and returning."""
    return _page(request, web, PAGES[1])


@router.get("/reflections")
def evaluator_reflections(request: Request, web: Web, staff: Staff) -> Response:
    """Reflections started and completed per flow, and where unfinished ones stopped."""
    return _page(request, web, PAGES[2])


@router.get("/retention")
def evaluator_retention(request: Request, web: Web, staff: Staff) -> Response:
    """Each cohort's people active week by week after its workshop."""
    return _page(request, web, PAGES[3])


@router.get("/commitments")
def evaluator_commitments(request: Request, web: Web, staff: Staff) -> Response:
    """Commitments made, and how many were kept, revised or dropped."""
    return _page(request, web, PAGES[4])


@router.get("/calls")
def evaluator_calls(request: Request, web: Web, staff: Staff) -> Response:
    """Follow-up calls asked for and done, week by week."""
    return _page(request, web, PAGES[5])


@router.get("/safety")
def evaluator_safety(request: Request, web: Web, staff: Staff) -> Response:
    """Safety flags per month, by category: counts only."""
    return _page(request, web, PAGES[6])


@router.get("/cohorts.csv")
def evaluator_cohorts_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The cohorts table as CSV."""
    return _csv(request, web, "cohorts")


@router.get("/activity.csv")
def evaluator_activity_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The weekly activity table as CSV."""
    return _csv(request, web, "activity")


@router.get("/reflections.csv")
def evaluator_reflections_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The reflections per flow table as CSV."""
    return _csv(request, web, "reflections")


@router.get("/stopping-points.csv")
def evaluator_stopping_points_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The table of where unfinished reflections stopped, as CSV."""
    return _csv(request, web, "stopping-points")


@router.get("/retention.csv")
def evaluator_retention_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The retention table as CSV."""
    return _csv(request, web, "retention")


@router.get("/commitments.csv")
def evaluator_commitments_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The commitments table as CSV."""
    return _csv(request, web, "commitments")


@router.get("/calls.csv")
def evaluator_calls_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The calls table as CSV."""
    return _csv(request, web, "calls")


@router.get("/safety-flags.csv")
def evaluator_safety_flags_csv(request: Request, web: Web, staff: Staff) -> Response:
    """The safety flags table as CSV."""
    return _csv(request, web, "safety-flags")


def _page(request: Request, web: Web, page: Page) -> Response:
    filters, tables = _tables(request, web, page.tables)
    return web.templates.render(
        request,
        page.template,
        status_code=200 if filters.valid else 400,
        page=page,
        pages=PAGES,
        filters=filters,
        tables=tables,
        legend=LEGEND,
    )


def _csv(request: Request, web: Web, key: str) -> Response:
    filters, tables = _tables(request, web, (key,))
    if not filters.valid or filters.period is None:
        raise HTTPException(status_code=400, detail=filters.errors[0])
    period = filters.period
    name = f"{key}_{period.first.isoformat()}_{period.last.isoformat()}.csv"
    return Response(
        csv_text(tables[0]),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _tables(request: Request, web: Web, keys: tuple[str, ...]) -> tuple[Filters, list[Table]]:
    """The filter the request asks for and, when it is valid, the tables built for it."""
    if FROM_ROLLUP.intersection(keys):
        # In a short write of its own, so that building the tables holds no lock.
        with web.transaction() as session:
            catch_up(session=session)
    with web.reading() as session:
        filters = read_filters(session=session, query=request.query_params, today=web.today())
        if not filters.valid or filters.period is None:
            return filters, []
        inputs = Inputs(session, filters, filters.period, web.services.content.flows)
        return filters, [TABLES[key](inputs) for key in keys]
