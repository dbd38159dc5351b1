"""The lens's reading of an answer, made before its turn (see ``bot.prefetch``).

Short messages (a button's number, "Done", a date) are not prefetched: they are seldom
free-text answers, and if one is, the engine reads it in the turn as usual.
"""

from __future__ import annotations

from bot.lens.reading import Lens, LensReading
from bot.prefetch import CAPACITY, Prefetched

MIN_WORDS = 3


def looks_like_prose(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS and any(c.isalpha() for c in text)


class PrefetchingLens:
    def __init__(self, lens: Lens, *, capacity: int = CAPACITY) -> None:
        self.lens = lens
        self._readings = Prefetched(lens.read, worth=looks_like_prose, capacity=capacity)

    @property
    def hits(self) -> int:
        return self._readings.hits

    def prefetch(self, text: str) -> None:
        """Read ``text`` now if it looks like prose, and keep the reading for its turn."""
        self._readings.prefetch(text)

    def read(self, text: str) -> LensReading:
        return self._readings(text)
