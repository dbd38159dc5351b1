"""Weeks and months for evaluator figures: ISO weeks starting on Monday, in UTC.

Dates reach evaluators only as the week (or month) they fall in. Weeks are cut at Monday 00:00
UTC on SQLite and PostgreSQL alike, so both give the same figures (SQLite has no time zones);
in summer that is 1 am in London, which moves a Sunday-midnight message a week at most.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

WEEK = timedelta(days=7)


def monday(day: date) -> date:
    """The Monday that starts ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


@dataclass(frozen=True)
class Period:
    """Whole ISO weeks, from the Monday ``first`` to the week starting ``last`` inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first.weekday() or self.last.weekday() or self.last < self.first:
            raise ValueError("a period runs from one Monday to the same or a later Monday")

    @classmethod
    def covering(cls, start: date, end: date) -> Period:
        """The whole weeks from the one holding ``start`` to the one holding ``end``."""
        return cls(monday(start), monday(end))

    @property
    def start_at(self) -> datetime:
        return midnight(self.first)

    @property
    def end_at(self) -> datetime:
        """The instant after the period (exclusive)."""
        return midnight(self.last + WEEK)

    @property
    def week_count(self) -> int:
        return (self.last - self.first).days // 7 + 1

    def weeks(self) -> Iterator[date]:
        for n in range(self.week_count):
            yield self.first + n * WEEK

    def months(self) -> list[date]:
        """The first days of the months the period touches, in order."""
        months: list[date] = []
        for week in self.weeks():
            for day in (week, week + timedelta(days=6)):
                if month_of(day) not in months:
                    months.append(month_of(day))
        return months


class week_start(FunctionElement[date]):
    """SQL: the Monday (UTC) of a timestamp's week, as a date."""

    type = Date()
    inherit_cache = True


class month_start(FunctionElement[date]):
    """SQL: the first day (UTC) of a timestamp's month, as a date."""

    type = Date()
    inherit_cache = True


@compiles(week_start, "sqlite")
def _week_sqlite(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    # Stored as UTC text; 'weekday 0' moves on to Sunday (or stays), six days back is Monday.
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"


@compiles(week_start, "postgresql")
def _week_postgresql(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        f"CAST(date_trunc('week', ({compiler.process(element.clauses, **kw)}) "
        "AT TIME ZONE 'UTC') AS DATE)"
    )


@compiles(month_start, "sqlite")
def _month_sqlite(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(month_start, "postgresql")
def _month_postgresql(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        f"CAST(date_trunc('month', ({compiler.process(element.clauses, **kw)}) "
        "AT TIME ZONE 'UTC') AS DATE)"
    )
