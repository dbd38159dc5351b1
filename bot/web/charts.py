"""Charts drawn on the server as SVG: geometry here, markup in ``_bar_chart.html`` and
``_heatmap.html``. No script and nothing fetched from anywhere.

A chart may not say more than its table. Its scale comes from the numbers shown only (a hidden
value could otherwise be read off the height of the axis), and a hidden cell is drawn as a
hatched stub of the same height whatever it holds, marked with the table's own mark.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from bot.web.rendering import NOTHING
from bot.web.suppression import Cell

WIDTH, HEIGHT = 760, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 14, 72
MAX_LABELS = 16
LABEL_CHARS = 18
STUB = 10  # the height of a hidden cell's hatched bar, in pixels
SERIES = 4  # colours in the stylesheet: series-0 .. series-3
LABEL_MIN_WIDTH = 22  # narrower bars have their mark turned on its side


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str  # the tooltip: category, series and the cell as shown
    hidden: bool
    mark: str  # a hidden bar's mark ("<10" or "[c]"), drawn above it; "" when shown
    upright: bool  # the bar is too narrow for the mark: it is drawn turned on its side


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    kind: ClassVar[str] = "bars"
    title: str
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[Label]
    legend: list[str]
    baseline: float
    left: int
    right: float


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    size_x: float
    size_y: float
    shade: float  # 0..1, the share of the row's people; 0 when hidden or not yet
    text: str
    title: str
    hidden: bool
    # Worked out when the chart is made rather than in the template: a chart can have
    # thousands of cells, and the template's arithmetic per cell adds up.
    opacity: float  # of the fill: never quite clear, so a 0% cell still shows as a cell
    text_x: float
    text_y: float
    dark: bool  # dark enough for light text


@dataclass(frozen=True)
class Heatmap:
    kind: ClassVar[str] = "heatmap"
    title: str
    width: int
    height: int
    cells: list[HeatCell]
    rows: list[tuple[float, str]]
    columns: list[tuple[float, str]]


def bar_chart(
    *, title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Cell]]]
) -> BarChart:
    """Grouped vertical bars: one group per category, one bar per series."""
    shown = [cell.value for _, cells in series for cell in cells if cell.value is not None]
    top = _nice(max(shown, default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    group = plot_width / max(len(categories), 1)
    bar_width = max(group * 0.8 / max(len(series), 1), 1.0)
    bars = []
    for s, (name, cells) in enumerate(series):
        for c, cell in enumerate(cells):
            x = LEFT + c * group + group * 0.1 + s * bar_width
            height = (
                float(STUB)
                if cell.value is None
                else plot_height * cell.value / top
                if top
                else 0.0
            )
            bars.append(
                Bar(
                    x=round(x, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    series=s % SERIES,
                    title=f"{categories[c]}, {name}: {cell.text}",
                    hidden=cell.value is None,
                    mark=cell.text if cell.value is None else "",
                    upright=bar_width < LABEL_MIN_WIDTH,
                )
            )
    step = max(1, math.ceil(len(categories) / MAX_LABELS))
    labels = [
        Label(round(LEFT + c * group + group / 2, 1), _short(text))
        for c, text in enumerate(categories)
        if c % step == 0
    ]
    ticks = [Tick(round(baseline - plot_height * n / 4, 1), f"{top * n // 4:,}") for n in range(5)]
    return BarChart(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        ticks=ticks if top else [Tick(baseline, "0")],
        labels=labels,
        legend=[name for name, _ in series],
        baseline=baseline,
        left=LEFT,
        right=WIDTH - RIGHT,
    )


def heatmap(
    *,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[Cell | None]],
    bases: Sequence[Cell],
) -> Heatmap:
    """A grid shaded by each cell's share of its row's base (e.g. active of enrolled); a None
    cell is one that has not happened yet and stays blank."""
    left, top, size_x, size_y = 170, 28, 42, 22
    drawn = []
    for r, row in enumerate(cells):
        base = bases[r].value
        for c, cell in enumerate(row):
            if cell is None:
                continue
            share = cell.value / base if cell.value is not None and base else 0.0
            text = cell.text if cell.value is None else f"{share:.0%}" if base else NOTHING
            x, y, shade = left + c * size_x, top + r * size_y, round(min(share, 1.0), 3)
            drawn.append(
                HeatCell(
                    x=x,
                    y=y,
                    size_x=size_x - 2,
                    size_y=size_y - 2,
                    shade=shade,
                    text=text,
                    title=f"{rows[r]}, {columns[c]}: {cell.text} of {bases[r].text}",
                    hidden=cell.value is None,
                    opacity=0.08 + 0.92 * shade,
                    text_x=x + (size_x - 2) / 2,
                    text_y=y + (size_y - 2) / 2 + 4,
                    dark=shade > 0.5 and cell.value is not None,
                )
            )
    return Heatmap(
        title=title,
        width=left + len(columns) * size_x + 8,
        height=top + len(rows) * size_y + 8,
        cells=drawn,
        rows=[(top + r * size_y + size_y / 2, name) for r, name in enumerate(rows)],
        columns=[(left + c * size_x + size_x / 2, name) for c, name in enumerate(columns)],
    )


def worth_drawing(cells: Sequence[Cell]) -> bool:
    """Whether a chart of these cells would show anything: a bar, or a hidden cell's stub."""
    return any(cell.value is None or cell.value > 0 for cell in cells)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _nice(value: int) -> int:
    """The axis maximum: four whole, round steps that reach ``value``."""
    if value <= 0:
        return 0
    quarter = value / 4
    power = 10 ** math.floor(math.log10(quarter)) if quarter >= 1 else 1
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        step = factor * power
        if step >= quarter and float(step).is_integer():
            return int(4 * step)
    return 40 * power
