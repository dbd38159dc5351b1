"""Small-count suppression: every number an evaluator sees, on a page or in a CSV, passes here.

Primary suppression. A count of 1 to 9 is hidden and shown as "<10". So is a count that rests on
fewer than ten people (twelve reflections by three people says something about those three):
when such a count is 10 or more it is shown as "[c]" (the mark UK official statistics use for a
confidential cell), which says no more than "10 or more". A 0 is shown: that nobody did
something in a week or a cohort describes no one, and hiding zeros would leave most of a sparse
table blank for no protection.

Secondary suppression. Totals are summed from the true values, so a hidden cell could be worked
out from a shown total minus the cells shown beside it, or, less obviously, from several totals
at once, or from the bounds "<10" puts on its neighbours (a row of "<10", "[c]" and 50 whose total
is 61 can only be 1 and 10). Each hidden cell is therefore checked: can its value change while
every shown number, every total and every bound stays as shown? If not, the smallest non-zero
cell shown in its row or column (a total only when no cell will do) is hidden too, and the check
runs again until every hidden cell could take at least two values.

The check is exact. With row and column totals the table's equations are those of a network:
every line's cells sum to its total. A hidden value can move only along a closed alternating
path of hidden (or unconstrained) cells, up, down, up, down, each move allowed by that cell's
bounds; so "can this cell change" is "is there a directed cycle through it" in a small graph
whose vertices are the table's lines. ``tests/test_suppression.py`` checks the result on many
random tables against a linear-programming attacker. The choice of the smallest cell is
itself a hint (a "[c]" cell is no larger than the cells shown beside it); like most published
tables, this does not guard against an attacker who reasons from the method's choices, nor
against differencing two different tables (two date ranges, a programme and its cohorts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

THRESHOLD = 10
SMALL = "<10"
CONFIDENTIAL = "[c]"
INFINITY = float("inf")


@dataclass(frozen=True)
class Count:
    """A true count, and how many different people it rests on when that is not the count
    itself (``None``: the count is of people, so ``value`` people)."""

    value: int
    people: int | None = None

    def __post_init__(self) -> None:
        if self.value < 0 or (self.people is not None and not 0 <= self.people <= self.value):
            raise ValueError("counts are non-negative, and people no more than the count")


@dataclass(frozen=True)
class Cell:
    """A number as shown: its value, or ``None`` and a mark when it is hidden."""

    value: int | None
    text: str

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class SafeTable:
    """A table fit to show: ``cells`` by row, and the totals the table was asked for."""

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...] | None
    column_totals: tuple[Cell, ...] | None
    total: Cell | None


class _State(Enum):
    SHOWN = 0
    SMALL = 1  # hidden, known to be 1..9
    CONFIDENTIAL = 2  # hidden, known to be 10 or more
    FREE = 3  # a total the table does not have: any value at all


def is_small(count: Count) -> bool:
    """Whether a count must be hidden for its own sake (primary suppression)."""
    people = count.value if count.people is None else count.people
    return 0 < count.value < THRESHOLD or 0 < people < THRESHOLD


def protect(
    cells: Sequence[Sequence[Count]], *, row_totals: bool = False, column_totals: bool = False
) -> SafeTable:
    """The table with small counts hidden, and whatever else would give them away."""
    grid = _Grid(cells, row_totals=row_totals, column_totals=column_totals)
    if row_totals or column_totals:  # with no totals, no cell can be worked out from others
        grid.secure()
    rows, columns = grid.rows, grid.columns
    return SafeTable(
        cells=tuple(tuple(grid.cell(i, j) for j in range(columns)) for i in range(rows)),
        row_totals=tuple(grid.cell(i, columns) for i in range(rows)) if row_totals else None,
        column_totals=(
            tuple(grid.cell(rows, j) for j in range(columns)) if column_totals else None
        ),
        total=grid.cell(rows, columns) if row_totals and column_totals else None,
    )


class _Grid:
    """The table with its totals as one (rows + 1) x (columns + 1) grid: entry (i, columns) is
    row i's total, (rows, j) column j's, (rows, columns) the grand total."""

    def __init__(
        self, cells: Sequence[Sequence[Count]], *, row_totals: bool, column_totals: bool
    ) -> None:
        self.rows = len(cells)
        self.columns = len(cells[0]) if cells else 0
        if any(len(row) != self.columns for row in cells):
            raise ValueError("every row needs the same number of cells")
        r, c = self.rows, self.columns
        counts: dict[tuple[int, int], Count] = {
            (i, j): cells[i][j] for i in range(r) for j in range(c)
        }
        for i in range(r):
            counts[(i, c)] = _sum([counts[(i, j)] for j in range(c)])
        for j in range(c + 1):
            counts[(r, j)] = _sum([counts[(i, j)] for i in range(r)])
        self.counts = counts
        self.state: dict[tuple[int, int], _State] = {}
        for (i, j), count in counts.items():
            absent = (j == c and not row_totals) or (i == r and not column_totals)
            if absent:
                self.state[(i, j)] = _State.FREE
            elif is_small(count):
                small = count.value < THRESHOLD
                self.state[(i, j)] = _State.SMALL if small else _State.CONFIDENTIAL
            else:
                self.state[(i, j)] = _State.SHOWN

    def cell(self, i: int, j: int) -> Cell:
        state, value = self.state[(i, j)], self.counts[(i, j)].value
        if state == _State.SHOWN:
            return Cell(value, f"{value:,}")
        return Cell(None, SMALL if value < THRESHOLD else CONFIDENTIAL)

    def secure(self) -> None:
        """Hide more cells until no hidden one can be worked out (secondary suppression)."""
        # Rows are one side of a graph, columns the other. Raising an entry's term is an arc
        # from its row to its column, lowering it an arc back; a closed path of such arcs is a
        # way to change hidden values that keeps every line's sum, so a hidden entry can be
        # worked out exactly when neither of its arcs lies on such a cycle. Arcs are kept as
        # bitmasks of rows per column: a table has few columns and may have hundreds of rows,
        # and a search then costs a few integer operations per column instead of a step per arc.
        self.raising = [0] * (self.columns + 1)  # column j: rows with an arc row -> j
        self.lowering = [0] * (self.columns + 1)  # column j: rows with an arc j -> row
        for entry in self.state:
            self._add_arcs(entry)
        # Arcs are only ever added, so a cell found free to change stays so: not asked again.
        movable: set[tuple[int, int]] = set()
        changed = True
        while changed:
            changed = False
            hidden = [e for e, s in self.state.items() if s in (_State.SMALL, _State.CONFIDENTIAL)]
            for entry in hidden:
                if entry in movable:
                    continue
                if not self._pinned(entry):
                    movable.add(entry)
                    continue
                extra = self._complement(entry)
                if extra is None:  # nothing left to hide: every cell is hidden or 0
                    return
                self.state[extra] = _State.CONFIDENTIAL  # never 1..9: those are hidden
                self._add_arcs(extra)
                changed = True

    def _add_arcs(self, entry: tuple[int, int]) -> None:
        i, j = entry
        up, down = self._moves(entry)
        if up:
            self.raising[j] |= 1 << i
        if down:
            self.lowering[j] |= 1 << i

    def _moves(self, entry: tuple[int, int]) -> tuple[bool, bool]:
        """Whether the entry's term in its lines' equations may go up, and down.

        Totals stand on the other side of their equation from the cells, so a total's term
        goes up when the total goes down.
        """
        state = self.state[entry]
        if state == _State.SHOWN:
            return False, False
        if state == _State.FREE:
            return True, True
        value = self.counts[entry].value
        low, high = (1, THRESHOLD - 1) if state == _State.SMALL else (THRESHOLD, INFINITY)
        up, down = value < high, value > low
        i, j = entry
        total = (i == self.rows) != (j == self.columns)  # a row or column total, not the grand
        return (down, up) if total else (up, down)

    def _pinned(self, entry: tuple[int, int]) -> bool:
        """Whether neither of the entry's arcs lies on a cycle of arcs other than its own."""
        i, j = entry
        up, down = self._moves(entry)
        if not (up or down):
            return True
        # The entry's own arcs would close a cycle with each other: leave them out.
        raising, lowering = list(self.raising), list(self.lowering)
        raising[j] &= ~(1 << i)
        lowering[j] &= ~(1 << i)
        # Raising it is undone by a path from its column back to its row; lowering it, by one
        # from its row to its column.
        if up and self._reach(raising, lowering, rows=0, columns=1 << j, goal_row=i):
            return False
        return not (down and self._reach(raising, lowering, rows=1 << i, columns=0, goal_column=j))

    def _reach(
        self,
        raising: list[int],
        lowering: list[int],
        *,
        rows: int,
        columns: int,
        goal_row: int | None = None,
        goal_column: int | None = None,
    ) -> bool:
        """Whether the goal can be reached from the rows and columns given (as bitmasks)."""
        seen_rows, seen_columns = rows, columns
        while rows or columns:
            reached_rows = 0
            for j in range(self.columns + 1):
                if columns >> j & 1:
                    reached_rows |= lowering[j]
            reached_columns = 0
            for j in range(self.columns + 1):
                if raising[j] & rows:
                    reached_columns |= 1 << j
            rows = reached_rows & ~seen_rows
            columns = reached_columns & ~seen_columns
            seen_rows |= rows
            seen_columns |= columns
            if goal_row is not None and seen_rows >> goal_row & 1:
                return True
            if goal_column is not None and seen_columns >> goal_column & 1:
                return True
        return False

    def _complement(self, entry: tuple[int, int]) -> tuple[int, int] | None:
        """The cell to hide beside a give-away one: the smallest non-zero shown cell in its
        row or column, a total only if no cell will do; failing those, anywhere."""
        i, j = entry
        lines = [(i, other) for other in range(self.columns + 1)]
        lines += [(other, j) for other in range(self.rows + 1)]
        for pool in (lines, list(self.state)):
            candidates = [
                e for e in pool if self.state[e] == _State.SHOWN and self.counts[e].value > 0
            ]
            if candidates:
                return min(
                    candidates,
                    key=lambda e: (self._is_total(e), self.counts[e].value, e),
                )
        return None

    def _is_total(self, entry: tuple[int, int]) -> bool:
        return entry[0] == self.rows or entry[1] == self.columns


def _sum(counts: Sequence[Count]) -> Count:
    """A total and a floor on the people behind it: when the parts count people, the parts are
    different people and their sum is exact; otherwise the largest part's people is all that
    is certain."""
    value = sum(count.value for count in counts)
    if all(count.people is None for count in counts):
        return Count(value)
    people = max(
        (count.value if count.people is None else count.people for count in counts), default=0
    )
    return Count(value, people)
