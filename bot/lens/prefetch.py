"""Reading an answer before its turn, off the thread that writes turns.

Under Telegram load every turn runs on one writer thread (``bot.store.group_commit``), so a few
milliseconds of embedding there would hold up everyone's turns. The conversation service hands
each typed message to ``prefetch`` on a worker thread first; when the engine then asks the lens
to read that answer, the reading is already there. Readings are kept by a hash of the text, in
memory only, a bounded few, and each is dropped once used. The result is the same either way
(the detector is deterministic), so the engine stays a pure function of its inputs.

Short messages (a button's number, "Done", a date) are not prefetched: they are seldom
free-text answers, and if one is, the engine reads it in the turn as usual.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from threading import Lock

from bot.lens.reading import Lens, LensReading

CAPACITY = 256
MIN_WORDS = 3


class PrefetchingLens:
    def __init__(self, lens: Lens, *, capacity: int = CAPACITY) -> None:
        self.lens = lens
        self._capacity = capacity
        self._ready: OrderedDict[str, LensReading] = OrderedDict()
        self._lock = Lock()
        self.hits = 0

    def prefetch(self, text: str) -> None:
        """Read ``text`` now if it looks like prose, and keep the reading for its turn."""
        if len(text.split()) < MIN_WORDS or not any(c.isalpha() for c in text):
            return
        reading = self.lens.read(text)
        with self._lock:
            self._ready[_key(text)] = reading
            while len(self._ready) > self._capacity:
                self._ready.popitem(last=False)

    def read(self, text: str) -> LensReading:
        with self._lock:
            ready = self._ready.pop(_key(text), None)
            if ready is not None:
                self.hits += 1
        return ready if ready is not None else self.lens.read(text)


def _key(text: str) -> str:
    # A hash, so the map holds no one's words as keys.
    return hashlib.sha256(text.encode()).hexdigest()
