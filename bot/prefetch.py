"""Work on a message done before its turn, off the thread that writes turns.

Under Telegram load every turn runs on one writer thread (``bot.store.group_commit``), so
milliseconds of embedding there would hold up everyone's turns. The conversation service hands
each typed message to ``prefetch`` on a worker thread first; when the turn then asks for the
result, it is already there. Results are kept by a hash of the text (so no one's words are
keys), in memory only, a bounded few, and each is dropped once used. The result is the same
either way (what is prefetched is deterministic), so the engine stays a pure function of its
inputs; a result that was never prefetched, or was evicted, is computed in the turn as usual.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Generic, TypeVar

T = TypeVar("T")
CAPACITY = 256


class Prefetched(Generic[T]):
    """``compute`` with its results for recently prefetched texts kept ready."""

    def __init__(
        self,
        compute: Callable[[str], T],
        *,
        worth: Callable[[str], bool] = lambda _text: True,
        capacity: int = CAPACITY,
    ) -> None:
        self.compute = compute
        self._worth = worth
        self._capacity = capacity
        self._ready: OrderedDict[str, T] = OrderedDict()
        self._lock = Lock()
        self.hits = 0

    def prefetch(self, text: str) -> None:
        """Compute for ``text`` now, when it is worth it, and keep the result for its turn."""
        if not self._worth(text):
            return
        result = self.compute(text)
        with self._lock:
            self._ready[_key(text)] = result
            while len(self._ready) > self._capacity:
                self._ready.popitem(last=False)

    def __call__(self, text: str) -> T:
        key = _key(text)
        with self._lock:
            found = key in self._ready
            if found:
                self.hits += 1
                result = self._ready.pop(key)
        return result if found else self.compute(text)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
