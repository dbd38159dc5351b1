"""A person's pattern over time, from the labels of their reflections: for /progress and the coach.

Reflections are compared in two equal groups, the first ones and the most recent ones (up to
``WINDOW`` each, never overlapping), by how many of each group showed a label at least once. Counts
of reflections, not of sentences: one long answer should not outweigh three short reflections.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.lens.labels import DEFENSIVE, OWNERSHIP

WINDOW = 5
# Fewer reflections than this read by the lens and there is no "before and after" to compare.
MIN_FOR_TREND = 2


@dataclass(frozen=True)
class Trend:
    read: int  # reflections the lens has read
    window: int  # reflections in each group compared
    ownership_first: int
    ownership_recent: int
    # Defensive patterns by how many reflections showed them, most frequent first.
    patterns: tuple[tuple[str, int], ...]

    @property
    def comparable(self) -> bool:
        return self.window > 0

    @property
    def direction(self) -> str:
        """ "more", "fewer" or "same": ownership in recent reflections against the first ones."""
        if self.ownership_recent > self.ownership_first:
            return "more"
        if self.ownership_recent < self.ownership_first:
            return "fewer"
        return "same"


def trend(reflections: Sequence[frozenset[str]]) -> Trend:
    """From each reflection's set of labels (oldest first; only reflections the lens read)."""
    window = min(WINDOW, len(reflections) // 2) if len(reflections) >= MIN_FOR_TREND else 0
    first = reflections[:window]
    recent = reflections[len(reflections) - window :] if window else []
    counts: Counter[str] = Counter(label for labels in reflections for label in labels)
    patterns = tuple(
        (label, counts[label])
        for label in sorted(DEFENSIVE, key=lambda lb: (-counts[lb], DEFENSIVE.index(lb)))
        if counts[label]
    )
    return Trend(
        read=len(reflections),
        window=window,
        ownership_first=sum(OWNERSHIP in labels for labels in first),
        ownership_recent=sum(OWNERSHIP in labels for labels in recent),
        patterns=patterns,
    )
