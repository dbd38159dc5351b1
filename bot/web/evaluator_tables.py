"""An evaluator table as shown: labels, protected cells, totals, notes and charts; its CSV; and
what the builders of the tables (``evaluator_people``, ``evaluator_outcomes``) share.

The page and the CSV are both written from the same ``Table``, so a download holds exactly the
cells the page shows, hidden ones as their marks. Every count passes through
``suppressed_rows`` before it reaches a ``Table``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.orm import Session

from bot.flows.library import FlowLibrary
from bot.store.engagement import Tally
from bot.store.weeks import Period
from bot.web.charts import BarChart, Heatmap, bar_chart, worth_drawing
from bot.web.evaluator_filters import Filters
from bot.web.rendering import NOTHING
from bot.web.suppression import CONFIDENTIAL, SMALL, Cell, Count, SafeTable, protect

LEGEND = (
    f"{SMALL}: between 1 and 9. {CONFIDENTIAL}: 10 or more, hidden because it rests on fewer "
    "than 10 people or because, with the totals, it would give away a count under 10."
)
# A spreadsheet takes a cell starting with one of these as a formula; a name could.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    labels: tuple[str, ...]
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    key: str  # its CSV is /evaluator/<key>.csv
    title: str
    label_header: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    totals: Row | None = None
    notes: tuple[str, ...] = ()
    charts: tuple[BarChart | Heatmap, ...] = field(default=())

    def column(self, index: int) -> list[Cell]:
        return [row.cells[index] for row in self.rows]


@dataclass(frozen=True)
class Inputs:
    """What every table is built from: the request's transaction and its checked filter."""

    session: Session
    filters: Filters
    period: Period
    flows: FlowLibrary


def suppressed_rows(
    labels: Sequence[tuple[str, ...]],
    counts: Sequence[Sequence[Count]],
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    totals_label: tuple[str, ...] = ("All",),
) -> tuple[tuple[Row, ...], Row | None]:
    """Rows of protected cells (a row's total last, when asked for) and the totals row."""
    if not counts:
        return (), None
    safe: SafeTable = protect(counts, row_totals=row_totals, column_totals=column_totals)
    rows = tuple(
        Row(label, cells + ((safe.row_totals[i],) if safe.row_totals else ()))
        for i, (label, cells) in enumerate(zip(labels, safe.cells, strict=True))
    )
    totals = None
    if safe.column_totals is not None:
        end = (safe.total,) if safe.total is not None else ()
        totals = Row(totals_label, safe.column_totals + end)
    return rows, totals


def rate(part: Cell, whole: Cell) -> Cell:
    """A share shown only when both its counts are: a rate must not reveal a hidden count."""
    if part.value is None or whole.value is None:
        return Cell(None, CONFIDENTIAL)
    if whole.value == 0:
        return Cell(None, NOTHING)
    share = round(100 * part.value / whole.value)
    return Cell(share, f"{share}%")


def csv_text(table: Table) -> str:
    """The table as CSV: its header, every row and its totals, cells exactly as shown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*table.label_header, *table.header])
    for row in (*table.rows, *((table.totals,) if table.totals else ())):
        writer.writerow([*(_plain(label) for label in row.labels), *(c.text for c in row.cells)])
    return out.getvalue()


def _plain(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def count_of(tally: Tally | None) -> Count:
    return Count(tally.count, tally.people) if tally else Count(0, 0)


def week_label(day: date) -> str:
    return f"{day:%d %b %Y}"


def ordered(known: Iterable[str], found: Iterable[str]) -> list[str]:
    """The known keys in their order, then any others found in the data, sorted."""
    known = list(known)
    return known + sorted(set(found) - set(known))


def with_chart(table: Table, title: str, columns: tuple[int, ...]) -> Table:
    """The table with a bar chart of some of its columns (when they hold anything to draw)."""
    if not worth_drawing([cell for c in columns for cell in table.column(c)]):
        return table
    chart = bar_chart(
        title=title,
        categories=[row.labels[0] for row in table.rows],
        series=[(table.header[c], table.column(c)) for c in columns],
    )
    return replace(table, charts=(chart,))
