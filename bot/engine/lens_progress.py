"""The reasoning lens's lines in /progress: the person's own pattern over time, in plain words.

Only ever about the person themselves, in counts of their own reflections; the words that
triggered a label are not kept, so none are quoted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.lens.trend import trend
from bot.wording import Messages

DIRECTION = {
    "more": "progress_lens_more",
    "fewer": "progress_lens_fewer",
    "same": "progress_lens_same",
}


def describe_lens(
    reflections: Sequence[frozenset[str]], *, messages: Messages, names: Mapping[str, str]
) -> list[str]:
    """Lines comparing ownership in recent reflections with the first ones, and the pattern
    seen most often; a single line while there are too few reflections to compare."""
    seen = trend(reflections)
    lines = [messages.say("progress_lens_header")]
    if not seen.comparable:
        return [*lines, messages.say("progress_lens_early")]
    ownership = messages.say(
        "progress_lens_ownership",
        recent=seen.ownership_recent,
        first=seen.ownership_first,
        window=seen.window,
    )
    lines.append(f"{ownership} {messages.say(DIRECTION[seen.direction])}")
    if seen.patterns:
        label, count = seen.patterns[0]
        lines.append(
            messages.say(
                "progress_lens_pattern",
                pattern=names.get(label, label),
                count=count,
                total=seen.read,
            )
        )
    return lines
