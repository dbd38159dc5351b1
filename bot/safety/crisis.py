"""The crisis check: deterministic, explainable, conservative, and first on every message.

Patterns over normalised text (``normalise``), grouped by category in data files
(``patterns``). Each pattern is first-person or otherwise specific, which is what keeps "the
council is killing this estate" or "I could murder a brew" quiet. A hit names its category and
the phrase that matched, so a reviewer can see why. Weaker signals are counted over the last
few messages (``accumulation``). An optional embedding layer (``semantic``) can add hits after
the patterns, never remove one.

The patterns are written for kinds of wording rather than for single messages: verb families with
their tenses, means and method phrases, hedged questions ("asking for a friend"), passive wishes,
farewells and putting affairs in order, abuse verbs with a first-person object. Where a kind also
has an everyday use, the pattern carries the narrow context that tells them apart; where the two
cannot be told apart the pattern stays on the side of showing the card.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.safety.accumulation import WEAK_THRESHOLD, WEAK_WINDOW, adds_up, extend_trail, weak_count
from bot.safety.categories import Category, Hit
from bot.safety.normalise import normalise
from bot.safety.patterns import PatternSet, default_patterns

__all__ = [
    "WEAK_THRESHOLD",
    "WEAK_WINDOW",
    "Category",
    "Hit",
    "SecondOpinion",
    "check",
    "check_normal",
    "check_with_history",
    "normalise",
    "weak_signals",
]

# A later layer asked only when the patterns found nothing: the raw text in, a hit or None out.
SecondOpinion = Callable[[str], Hit | None]
_LOOK_BACK = 80  # characters before a topic word searched for a "discussed" framing


def check_normal(normal: str, *, patterns: PatternSet | None = None) -> Hit | None:
    """The first pattern that matches normalised text, most serious category first."""
    if not normal:
        return None
    table = patterns or default_patterns()
    for number in table.index.candidates(normal):
        entry = table.entries[number]
        if not entry.topic:
            match = entry.pattern.search(normal)
            if match:
                return Hit(entry.category, match[0])
            continue
        for match in entry.pattern.finditer(normal):
            start = match.start()
            if not table.discussed.search(normal, max(0, start - _LOOK_BACK), start):
                return Hit(entry.category, match[0])
    return None


def check(text: str, *, second: SecondOpinion | None = None) -> Hit | None:
    """The first category whose patterns match, most serious first; then ``second``, if any."""
    hit = check_normal(normalise(text))
    if hit is None and second is not None:
        hit = second(text)
    return hit


def weak_signals(text: str) -> int:
    """How many weaker distress cues a message holds (counted over several messages)."""
    return weak_count(normalise(text), patterns=default_patterns())


def check_with_history(
    text: str, recent: list[int], *, second: SecondOpinion | None = None
) -> tuple[Hit | None, list[int]]:
    """``check``, plus weak cues accumulated over the last few messages; the updated trail."""
    patterns = default_patterns()
    normal = normalise(text)
    trail = extend_trail(recent, weak_count(normal, patterns=patterns))
    hit = check_normal(normal, patterns=patterns)
    if hit is None and adds_up(trail):
        hit = Hit(Category.INDIRECT, "several distress cues over recent messages", "history")
    if hit is None and second is not None:
        hit = second(text)
    if hit is not None:
        trail = []  # answered with a card: start counting afresh
    return hit, trail
