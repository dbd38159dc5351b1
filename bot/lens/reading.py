"""What the lens reports about an answer, and the one method the engine needs of it.

The engine depends only on ``Lens`` (a Protocol), so its tests run with a fake or with
``NullLens``; the real detector (``bot.lens.detector``) is built in the composition root.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Finding:
    """One label in one sentence of an answer.

    ``words`` are the cue phrases (or, failing those, the most telling words) behind it; empty
    when no single word carried it and the sentence's meaning as a whole did.
    """

    label: str
    confidence: float
    words: tuple[str, ...]
    sentence: int


@dataclass(frozen=True)
class LensReading:
    findings: tuple[Finding, ...] = ()

    def labels(self) -> dict[str, float]:
        """Each label found, with its highest confidence in the answer, strongest first."""
        best: dict[str, float] = {}
        for finding in self.findings:
            best[finding.label] = max(best.get(finding.label, 0.0), finding.confidence)
        return dict(sorted(best.items(), key=lambda item: (-item[1], item[0])))

    def top(self) -> Finding | None:
        """The strongest finding, or None when the answer reads as plain description."""
        return max(self.findings, key=lambda f: f.confidence, default=None)


class Lens(Protocol):
    def read(self, text: str) -> LensReading: ...


class NullLens:
    """A lens that sees nothing: the coach with the lens switched off, and tests not about it."""

    def read(self, text: str) -> LensReading:
        return LensReading()
