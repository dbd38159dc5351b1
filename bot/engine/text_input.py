"""Cleaning what people type before the engine looks at it.

Control characters and the invisible bidi overrides used to disguise text are removed (ordinary
right-to-left writing needs neither); the text is NFC-normalised so the same words always compare
equal; and answers are capped at a configurable length, telling the person where the cut fell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# C0/C1 controls except tab and newline, DEL, and the bidi embedding/override/isolate marks.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_BLANK_RUNS = re.compile(r"[ \t]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class CleanText:
    text: str
    truncated: bool


def clean(raw: str, *, limit: int) -> CleanText:
    """Normalise, strip unwanted characters and whitespace, and cap at ``limit`` characters."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _UNWANTED.sub("", text)
    text = _BLANK_RUNS.sub(" ", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    text = "\n".join(line.strip() for line in text.split("\n")).strip()
    if len(text) <= limit:
        return CleanText(text, truncated=False)
    cut = text[:limit]
    # Prefer to cut at a word boundary if one is near the end.
    space = cut.rfind(" ", limit - 80)
    if space > 0:
        cut = cut[:space]
    return CleanText(cut.rstrip(), truncated=True)


def tail(text: str, words: int = 6) -> str:
    """The last few words of ``text``, to show where a cut fell."""
    return " ".join(text.split()[-words:])


def normalise_label(text: str) -> str:
    """Case- and space-insensitive form used to match typed text against button labels."""
    return " ".join(text.casefold().replace("✓", " ").split()).strip(" .!")
