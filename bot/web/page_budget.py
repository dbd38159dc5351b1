"""A rough count of the printed lines each part of the pre-call brief takes, so that the digest
of reflections gets only the room the rest of the page leaves.

The figures follow ``static/print.css``: 10pt type at 1.2 line height on A4 with 10mm top and
bottom margins is about 65 lines; a full line holds some 100 characters, one beside a label
column about 85. Text is rounded up to whole lines, headings count what their size and spacing
take, and a couple of lines are kept back; the browser test prints a busy brief to check that
the page holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import ceil

from bot.web.themes import Themes

PAGE = 63.0  # lines of 10pt on the page, less a little kept back
FULL = 100  # characters on a full-width line
BESIDE = 85  # characters beside a label column (themes, digest answers)
SECTION = 1.8  # a section heading (11pt) with its rule and spacing
SUBHEADING = 1.3  # a 10pt heading with its spacing
TOP = 1.4 + 2  # the title (14pt), and the facts beneath it (two lines when they wrap)
FIXED = TOP + 5 * SECTION
ONE_REFLECTION = SUBHEADING + 2 + 2  # the digest's least: one reflection, two long answers


def lines(text: str | None, *, width: int = FULL, extra: int = 0) -> int:
    """Whole lines taken by ``text`` with ``extra`` characters of labels around it; none
    without a text (its labels are not printed either)."""
    return ceil((len(text) + extra) / width) if text else 0


def listed(texts: Iterable[str | None], *, width: int = FULL, extra: int = 0) -> int:
    """Lines for a list of items, each starting on its own line."""
    return sum(max(1, lines(text, width=width, extra=extra)) for text in texts)


def joined(names: Sequence[str], *, extra: int = 14) -> int:
    """Lines for names run together beside a label, each followed by ``extra`` characters
    (its count, "(3 of 4)")."""
    return lines("; ".join(names), width=BESIDE, extra=extra * len(names)) if names else 0


def fit(costs: Iterable[float], room: float) -> int:
    """How many of the leading items, costing ``costs`` lines each, fit in ``room``; always
    one at least, when there is one (a section is never left empty for want of space)."""
    used = 0.0
    count = 0
    for cost in costs:
        used += cost
        if count and used > room:
            break
        count += 1
    return count


def commitment(text: str, outcome: str | None, believes: str | None) -> int:
    """A commitment with its kind, due date and status after it, and what came of it."""
    return lines(text, extra=45) + lines(outcome, extra=9) + lines(believes, extra=14)


def themes(found: Themes) -> int:
    """The recurring themes: one line or more for each kind found."""
    kinds = (found.labels, found.roles, found.words, found.flows, found.picked)
    total = sum(joined([theme.name for theme in kind]) for kind in kinds)
    total += joined([f"{t.name} ({t.flow}): {t.values} out of 10, falling" for t in found.ratings])
    total += joined([p.text or p.kind for p in found.commitments], extra=40)
    return max(1, total)
