"""The embedding layer measured on cases.yaml: cross-validated figures, and what it costs.

The patterns were written with every row of cases.yaml in view, so their figures there are a
fit, not a forecast. The layer's figures come from cross-validation (``training``): each row is
scored by weights and a threshold fitted without it. "Patterns + embeddings" is the check as
it would run with the layer on: a row counts as flagged if either flags it.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.evals.safety import GATES, RISK
from bot.safety.crisis import SecondOpinion, check, check_with_history
from bot.safety.semantic import Embed
from bot.safety.training import Labelled, cross_validate, fold_of


def labelled(cases: dict[str, list[str]], embed: Embed) -> tuple[list[str], Labelled]:
    """Every case, embedded once, with its category and fold."""
    texts = [text for texts in cases.values() for text in texts]
    categories = [category for category, texts in cases.items() for _ in texts]
    return texts, Labelled(
        vectors=embed(texts),
        categories=np.array(categories),
        folds=np.array([fold_of(text) for text in texts]),
    )


def cases_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class LayerRow:
    category: str
    total: int
    patterns: float  # recall, or false alarms for the safe categories
    embeddings: float  # the layer alone, cross-validated
    both: float  # either of them, cross-validated

    @property
    def measure(self) -> str:
        return "recall" if self.category in RISK else "false alarms"


def layer_rows(cases: dict[str, list[str]], embed: Embed) -> list[LayerRow]:
    """Per category: the patterns, the layer alone (out of fold), and the two together."""
    texts, data = labelled(cases, embed)
    by_layer, _ = cross_validate(data)
    by_patterns = np.array([check(text) is not None for text in texts])
    rows = []
    for category in GATES:
        mine = data.categories == category
        if not mine.any():
            continue
        rows.append(
            LayerRow(
                category,
                int(mine.sum()),
                float(by_patterns[mine].mean()),
                float(by_layer[mine].mean()),
                float((by_patterns | by_layer)[mine].mean()),
            )
        )
    return rows


def format_layer_rows(rows: list[LayerRow]) -> str:
    lines = [
        f"{'category':<18} {'n':>4}  {'measure':<13} {'patterns':>8} {'layer (CV)':>10} "
        f"{'both (CV)':>9}"
    ]
    for row in rows:
        lines.append(
            f"{row.category:<18} {row.total:>4}  {row.measure:<13} {row.patterns:>8.1%} "
            f"{row.embeddings:>10.1%} {row.both:>9.1%}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Latency:
    label: str
    messages: int
    p50_ms: float
    p95_ms: float
    mean_ms: float

    def line(self) -> str:
        return (
            f"{self.label}: {self.messages} messages, p50 {self.p50_ms:.3f} ms, "
            f"p95 {self.p95_ms:.3f} ms, mean {self.mean_ms:.3f} ms"
        )


def latency(
    texts: list[str],
    *,
    label: str,
    second: SecondOpinion | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Latency:
    """Per-message time of the check as the engine runs it (with the weak-cue trail)."""
    check_with_history(texts[0], [], second=second)  # compile and load outside the timing
    timings = []
    for text in texts:
        started = clock()
        check_with_history(text, [0, 1], second=second)
        timings.append((clock() - started) * 1000)
    timings.sort()
    return Latency(
        label,
        len(timings),
        statistics.median(timings),
        timings[min(len(timings) - 1, int(0.95 * len(timings)))],
        statistics.fmean(timings),
    )


def sample(texts: list[str], size: int) -> list[str]:
    """Every k-th text, so a timing sample spans every category."""
    if size >= len(texts):
        return texts
    step = len(texts) / size
    return [texts[int(i * step)] for i in range(size)]
