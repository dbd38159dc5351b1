"""What the crisis check can find, and what it says about a finding."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    EXPLICIT = "explicit"
    SELF_HARM = "self_harm"
    INDIRECT = "indirect"
    HARM_FROM_OTHERS = "harm_from_others"


# Most serious first: the first category that matches is the one reported.
ORDER = (Category.EXPLICIT, Category.SELF_HARM, Category.HARM_FROM_OTHERS, Category.INDIRECT)


@dataclass(frozen=True)
class Hit:
    category: Category
    matched: str  # the normalised words that triggered it (never stored or logged)
    source: str = "patterns"  # "patterns", "history" (weak cues over messages) or "embeddings"
