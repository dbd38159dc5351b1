"""The evaluator pages' filter: programme, cohort and a date range, read from the query string.

Every value is checked; anything wrong becomes a sentence for the page (and a 400), never an
exception. Dates are coarsened at once to whole ISO weeks, so no figure is ever cut at a day
finer than a week.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.engagement import Scope
from bot.store.models import Cohort, Programme
from bot.store.weeks import Period, monday

DEFAULT_WEEKS = 52
MAX_WEEKS = 104
EARLIEST = date(2020, 1, 1)
FIELDS = ("programme", "cohort", "from", "to")


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    programme_id: int | None = None


@dataclass(frozen=True)
class Filters:
    """What the form says: the raw values (to show back), and when valid, what they mean."""

    values: dict[str, str]
    programmes: list[Choice]
    cohorts: list[Choice]
    errors: list[str] = field(default_factory=list)
    scope: Scope = field(default_factory=Scope)
    period: Period | None = None
    today: date = date.min

    @property
    def valid(self) -> bool:
        return not self.errors and self.period is not None

    @property
    def query(self) -> str:
        """The query string for links (the CSV downloads) with the same filter."""
        given = {name: value for name, value in self.values.items() if value}
        return f"?{urlencode(given)}" if given else ""

    @property
    def description(self) -> str:
        """The filter in words, for the page and the CSV's first line."""
        where = "All participants"
        if self.scope.cohort_id is not None:
            where = next(c.label for c in self.cohorts if c.id == self.scope.cohort_id)
        elif self.scope.programme_id is not None:
            where = next(p.label for p in self.programmes if p.id == self.scope.programme_id)
        if self.period is None:
            return where
        last_day = self.period.last + timedelta(days=6)
        return (
            f"{where}, weeks of {self.period.first:%d %b %Y} to {self.period.last:%d %b %Y} "
            f"(to Sunday {last_day:%d %b %Y}), {self.period.week_count} weeks"
        )


def read_filters(*, session: Session, query: Mapping[str, str], today: date) -> Filters:
    """The filter the query string asks for, checked against the programmes and cohorts."""
    values = {name: query.get(name, "").strip() for name in FIELDS}
    programmes = [
        Choice(pid, name)
        for pid, name in session.execute(
            select(Programme.id, Programme.name).order_by(Programme.name)
        ).all()
    ]
    cohorts = [
        Choice(cid, f"{programme} · {name}", programme_id)
        for cid, name, programme_id, programme in session.execute(
            select(Cohort.id, Cohort.name, Cohort.programme_id, Programme.name)
            .join(Programme, Programme.id == Cohort.programme_id)
            .order_by(Programme.name, Cohort.name)
        ).all()
    ]
    errors: list[str] = []
    programme_id = _choice(values["programme"], programmes, "programme", errors)
    cohort_id = _choice(values["cohort"], cohorts, "cohort", errors)
    if programme_id is not None and cohort_id is not None:
        cohort = next(c for c in cohorts if c.id == cohort_id)
        if cohort.programme_id != programme_id:
            errors.append("That cohort is not part of that programme.")
    end = _day(values["to"], "to", errors) or today
    start = _day(values["from"], "from", errors) or monday(end) - (DEFAULT_WEEKS - 1) * timedelta(
        weeks=1
    )
    period = None
    if not errors:
        if start > end:
            errors.append("The “from” date must not be after the “to” date.")
        else:
            period = Period.covering(start, end)
            if period.week_count > MAX_WEEKS:
                errors.append(f"Choose at most {MAX_WEEKS} weeks (two years) at a time.")
                period = None
    return Filters(
        values=values,
        programmes=programmes,
        cohorts=cohorts,
        errors=errors,
        scope=Scope(programme_id=programme_id, cohort_id=cohort_id),
        period=period,
        today=today,
    )


def _choice(raw: str, choices: list[Choice], what: str, errors: list[str]) -> int | None:
    if not raw:
        return None
    if (
        raw.isascii()
        and raw.isdigit()
        and len(raw) <= 9
        and any(choice.id == int(raw) for choice in choices)
    ):
        return int(raw)
    errors.append(f"There is no such {what}; choose one from the list.")
    return None


def _day(raw: str, which: str, errors: list[str]) -> date | None:
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        errors.append(f"The “{which}” date must be a date such as 2026-03-02 (year-month-day).")
        return None
    if not EARLIEST <= day <= date(2100, 1, 1):
        errors.append(f"The “{which}” date must be between 2020 and 2100.")
        return None
    return day
