"""Cutting an answer into sentences, and a sentence into the word n-grams the classifier weighs.

Answers are read sentence by sentence because one answer often holds two patterns ("It was the
contractor's fault. I'll ring him tomorrow."). Only the first ``MAX_SENTENCES`` are read, each cut
to ``MAX_SENTENCE_CHARS``: a 2,000-character answer must not cost twenty embeddings.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.lens.cues import normalise

MAX_SENTENCES = 8
MAX_SENTENCE_CHARS = 400
MIN_WORDS = 2

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=\S)|\s*\n+\s*")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def sentences(text: str) -> list[str]:
    """The answer's sentences (at most ``MAX_SENTENCES``), fragments of one word dropped."""
    found: list[str] = []
    for part in _BOUNDARY.split(text.strip()):
        part = part.strip()
        if len(part.split()) >= MIN_WORDS:
            found.append(part[:MAX_SENTENCE_CHARS])
        if len(found) == MAX_SENTENCES:
            break
    if not found and text.strip():
        found.append(text.strip()[:MAX_SENTENCE_CHARS])
    return found


def ngrams(text: str) -> list[str]:
    """Words of two letters or more, lower-cased, and each pair of neighbouring words."""
    tokens = _TOKEN.findall(normalise(text))
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
