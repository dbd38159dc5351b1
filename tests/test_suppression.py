"""Small-count suppression, checked against an attacker who solves the shown table.

The property tests draw many random tables (sparse and dense, with and without totals, some
counts resting on fewer people than their value) and, for each, ask a linear programme for the
smallest and largest value every hidden cell could have, given every number shown, every total
and the bounds the marks give ("<10" is 1 to 9, "[c]" 10 or more). Tables of counts with row and
column sums are network matrices, so those bounds are whole numbers and exact: a hidden cell is
safe when its smallest and largest possible values differ.
"""

from __future__ import annotations

import random

import pytest
from scipy.optimize import linprog

from bot.web.suppression import CONFIDENTIAL, SMALL, Count, SafeTable, protect

Grid = list[list[int]]


def _extended(cells: list[list[Count]]) -> Grid:
    """The true table with its row totals, column totals and grand total, summed here."""
    values = [[count.value for count in row] for row in cells]
    rows = [[*row, sum(row)] for row in values]
    return [*rows, [sum(column) for column in zip(*rows, strict=True)]]


def _shown(table: SafeTable, rows: int, columns: int) -> list[list[str | None]]:
    """The shown grid, same shape as ``_extended``; None where the table has no such total."""
    grid: list[list[str | None]] = [[cell.text for cell in row] for row in table.cells]
    for i in range(rows):
        grid[i].append(table.row_totals[i].text if table.row_totals else None)
    last: list[str | None] = (
        [cell.text for cell in table.column_totals] if table.column_totals else [None] * columns
    )
    last.append(table.total.text if table.total else None)
    grid.append(last)
    return grid


def _ranges(
    shown: list[list[str | None]], only: tuple[int, int] | None = None
) -> dict[tuple[int, int], tuple[float, float]]:
    """For every hidden cell (or only the one given), the least and greatest value consistent
    with what is shown."""
    rows, columns = len(shown) - 1, len(shown[0]) - 1
    unknown = [
        (i, j)
        for i in range(rows + 1)
        for j in range(columns + 1)
        if shown[i][j] in (SMALL, CONFIDENTIAL, None)
    ]
    index = {entry: n for n, entry in enumerate(unknown)}
    bounds = []
    for i, j in unknown:
        text = shown[i][j]
        bounds.append(
            (1, 9) if text == SMALL else (10, None) if text == CONFIDENTIAL else (None, None)
        )
    equations, constants = [], []
    lines = [[(i, j) for j in range(columns + 1)] for i in range(rows + 1)]
    lines += [[(i, j) for i in range(rows + 1)] for j in range(columns + 1)]
    for line in lines:
        *parts, total = line
        row = [0.0] * len(unknown)
        constant = 0.0
        for entry, sign in [*((p, 1.0) for p in parts), (total, -1.0)]:
            if entry in index:
                row[index[entry]] += sign
            else:
                constant -= sign * float(str(shown[entry[0]][entry[1]]).replace(",", ""))
        equations.append(row)
        constants.append(constant)
    result = {}
    for entry in unknown:
        if shown[entry[0]][entry[1]] is None:
            continue  # a total the table does not have: nothing to protect
        if only is not None and entry != only:
            continue
        objective = [0.0] * len(unknown)
        objective[index[entry]] = 1.0
        low = linprog(objective, A_eq=equations, b_eq=constants, bounds=bounds, method="highs")
        high = linprog(
            [-x for x in objective], A_eq=equations, b_eq=constants, bounds=bounds, method="highs"
        )
        assert low.status == 0, "the true values must satisfy what is shown"
        result[entry] = (low.fun, INFINITE if high.status == 3 else -high.fun)
    return result


INFINITE = float("inf")


def _random_table(rng: random.Random) -> list[list[Count]]:
    rows, columns = rng.randint(1, 5), rng.randint(1, 5)
    sparse = rng.random() < 0.5
    table = []
    for _ in range(rows):
        row = []
        for _ in range(columns):
            roll = rng.random()
            if roll < 0.15:
                value = 0
            elif roll < (0.6 if sparse else 0.25):
                value = rng.randint(1, 9)
            elif roll < 0.8:
                value = rng.randint(10, 14)  # near the threshold, where bounds bite
            else:
                value = rng.randint(15, 120)
            people = None if rng.random() < 0.7 else rng.randint(min(value, 1), value)
            row.append(Count(value, people))
        table.append(row)
    return table


@pytest.mark.parametrize("seed", range(4))
def test_no_hidden_count_can_be_worked_out_from_what_is_shown(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        cells = _random_table(rng)
        row_totals, column_totals = rng.random() < 0.8, rng.random() < 0.6
        table = protect(cells, row_totals=row_totals, column_totals=column_totals)
        truth = _extended(cells)
        shown = _shown(table, len(cells), len(cells[0]))
        for i, row in enumerate(shown):
            for j, text in enumerate(row):
                if text not in (SMALL, CONFIDENTIAL, None):
                    assert text == f"{truth[i][j]:,}", "a shown number must be the true one"
                if text == SMALL:
                    assert 1 <= truth[i][j] <= 9
                if text == CONFIDENTIAL:
                    assert truth[i][j] >= 10
        for (i, j), (low, high) in _ranges(shown).items():
            assert high - low >= 1, f"cell {(i, j)} of {truth} is pinned to {low} by {shown}"


def _worked_out_slowly(
    cells: list[list[Count]], *, row_totals: bool, column_totals: bool
) -> list[list[str | None]]:
    """What ``protect`` should show, found the slow way: the rule as the module describes it,
    with the linear programme deciding whether a hidden cell could be worked out."""
    rows, columns = len(cells), len(cells[0])
    truth = _extended(cells)
    people: dict[tuple[int, int], int | None] = {
        (i, j): cells[i][j].people for i in range(rows) for j in range(columns)
    }
    for i in range(rows):  # totals: exact when every part counts people, else a floor
        parts = [cells[i][j] for j in range(columns)]
        people[(i, columns)] = _people_behind(parts)
    for j in range(columns + 1):
        parts = [
            cells[i][j] if j < columns else Count(truth[i][j], people[(i, j)]) for i in range(rows)
        ]
        people[(rows, j)] = _people_behind(parts)
    shown: list[list[str | None]] = [[None] * (columns + 1) for _ in range(rows + 1)]
    order = [(i, j) for i in range(rows) for j in range(columns)]
    order += [(i, columns) for i in range(rows)] + [(rows, j) for j in range(columns + 1)]
    for i, j in order:
        if (j == columns and not row_totals) or (i == rows and not column_totals):
            continue  # stays None: a total the table does not have
        value = truth[i][j]
        count = Count(value, people[(i, j)])
        hidden = 0 < value < 10 or 0 < (value if count.people is None else count.people) < 10
        shown[i][j] = (SMALL if value < 10 else CONFIDENTIAL) if hidden else f"{value:,}"
    if not (row_totals or column_totals):
        return shown
    changed = True
    while changed:
        changed = False
        for i, j in [e for e in order if shown[e[0]][e[1]] in (SMALL, CONFIDENTIAL)]:
            low, high = _ranges(shown, only=(i, j))[(i, j)]
            if high > low:
                continue
            line = [(i, other) for other in range(columns + 1)]
            line += [(other, j) for other in range(rows + 1)]
            for pool in (line, order):
                candidates = [
                    (e[0] == rows or e[1] == columns, truth[e[0]][e[1]], e)
                    for e in pool
                    if shown[e[0]][e[1]] not in (SMALL, CONFIDENTIAL, None) and truth[e[0]][e[1]]
                ]
                if candidates:
                    _, _, (a, b) = min(candidates)
                    shown[a][b] = CONFIDENTIAL
                    changed = True
                    break
            else:
                return shown  # nothing left to hide
    return shown


def _people_behind(parts: list[Count]) -> int | None:
    if all(part.people is None for part in parts):
        return None
    return max((p.value if p.people is None else p.people for p in parts), default=0)


@pytest.mark.parametrize("seed", range(3))
def test_the_fast_search_hides_exactly_what_the_rule_asks(seed: int) -> None:
    # protect decides which hidden cell could be worked out by a search for cycles in a graph
    # of the table's lines; here a linear programme decides instead, cell by cell, in the
    # same order, and the two tables shown must be the same.
    rng = random.Random(1000 + seed)
    for _ in range(20):
        cells = _random_table(rng)
        row_totals, column_totals = rng.random() < 0.8, rng.random() < 0.6
        table = protect(cells, row_totals=row_totals, column_totals=column_totals)
        expected = _worked_out_slowly(cells, row_totals=row_totals, column_totals=column_totals)
        assert _shown(table, len(cells), len(cells[0])) == expected, cells


def test_every_count_from_one_to_nine_is_hidden_and_zero_is_shown() -> None:
    rng = random.Random(99)
    for _ in range(40):
        cells = _random_table(rng)
        table = protect(cells, row_totals=True, column_totals=True)
        for row, shown_row in zip(cells, table.cells, strict=True):
            for count, shown in zip(row, shown_row, strict=True):
                if 1 <= count.value <= 9:
                    assert shown.text == SMALL and shown.value is None
                if count.people is not None and 1 <= count.people <= 9:
                    assert shown.hidden
                if count.value == 0:
                    assert shown.text == "0" and shown.value == 0


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    table = protect([[Count(4), Count(25), Count(12), Count(40)]], row_totals=True)
    assert [cell.text for cell in table.cells[0]] == [SMALL, "25", CONFIDENTIAL, "40"]
    assert table.row_totals is not None and table.row_totals[0].text == "81"


def test_a_total_that_would_pin_the_hidden_cells_by_their_bounds_is_not_enough() -> None:
    # 1 + 10 = 11 = 61 - 50: hiding the 10 beside the 1 would still give both away.
    table = protect([[Count(1), Count(10), Count(50)]], row_totals=True)
    assert [cell.hidden for cell in table.cells[0]] == [True, True, True]
    assert table.row_totals is not None and table.row_totals[0].text == "61"


def test_several_totals_together_cannot_give_a_cell_away() -> None:
    # Two 2 x 2 blocks of small counts joined through one cell: hiding a second cell in each
    # line is not enough when the line sums can be combined (the joining cell is a bridge).
    cells = [
        [Count(3), Count(4), Count(50), Count(60)],
        [Count(5), Count(6), Count(2), Count(70)],
        [Count(80), Count(90), Count(7), Count(8)],
        [Count(85), Count(95), Count(9), Count(3)],
    ]
    table = protect(cells, row_totals=True, column_totals=True)
    shown = _shown(table, 4, 4)
    for entry, (low, high) in _ranges(shown).items():
        assert high > low, entry


def test_a_count_resting_on_few_people_is_hidden_as_confidential() -> None:
    table = protect([[Count(12, people=3), Count(30, people=20)]])
    assert [cell.text for cell in table.cells[0]] == [CONFIDENTIAL, "30"]


def test_without_totals_nothing_beyond_the_small_counts_is_hidden() -> None:
    table = protect([[Count(3), Count(11)], [Count(0), Count(12)]])
    assert [[cell.text for cell in row] for row in table.cells] == [[SMALL, "11"], ["0", "12"]]
    assert table.row_totals is None and table.column_totals is None and table.total is None


def test_counts_must_be_sensible() -> None:
    with pytest.raises(ValueError):
        Count(-1)
    with pytest.raises(ValueError):
        Count(3, people=4)
