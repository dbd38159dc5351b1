"""Risk spread over several messages: weaker cues counted over the last few messages.

"I can't cope", "I feel so alone", "it's all hopeless" are common in ordinary hard weeks, so none
of them shows the card alone; several of them within the last ``WEAK_WINDOW`` messages count as
an indirect signal. The trail is a list of counts, one per message, never the words.
"""

from __future__ import annotations

from bot.safety.patterns import PatternSet

WEAK_WINDOW = 5
WEAK_THRESHOLD = 3


def weak_count(normal: str, *, patterns: PatternSet) -> int:
    """How many weak cues the normalised message holds."""
    return sum(
        1 for n in patterns.weak_index.candidates(normal) if patterns.weak[n].pattern.search(normal)
    )


def extend_trail(recent: list[int], count: int) -> list[int]:
    """The trail with this message's count added, cut to the window."""
    return [*recent, count][-WEAK_WINDOW:]


def adds_up(trail: list[int]) -> bool:
    """Whether the cues in the window add up to a signal (this message must hold one of them)."""
    return sum(trail) >= WEAK_THRESHOLD and bool(trail) and trail[-1] > 0
