"""Misspelt key words, corrected by edit distance: "tabelts", "strangld", "overdoze".

A word is corrected only when it is not an English word itself (the shipped sentence model's
WordPiece vocabulary is the word list: 21,000 whole words, so "tables", "putting" and "changed"
are never turned into "tablets", "cutting" or "hanged") and is one edit (an insertion, a
deletion, a substitution or two letters swapped) from a word the patterns are written with.
The vocabulary lacks many inflected forms, so a word whose stem is in it ("blames", "stubbed",
"tearful") counts as English too, and so does any word the patterns use. Only words of five
letters or more are tried, against key words of six or more that start with the same letter
(typing rarely gets the first letter wrong, and "racket" is not a misspelt "packet"): shorter
words have too many neighbours to guess from.

Doubled letters are the commonest slip of all ("dissapear", "tommorow", "permanantly" aside), so
a word whose letters, with every run of a repeated letter taken as one, spell a key word the
same way is that key word, whatever the number of edits.

Candidates are found with a table of each key word's single-letter deletions (the "symmetric
delete" method), so a message costs a few dictionary look-ups per unknown word, not a scan of
every key word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parents[1] / "knowledge" / "model" / "tokenizer.json"
MIN_WORD = 5
MIN_KEY = 6
# A whole word written in a pattern: letters with no letter, backslash or "?" run into them.
_LITERAL_WORD = re.compile(r"(?<![a-z\\])[a-z]{3,}(?![a-z\\*+?{])")
_RUNS = re.compile(r"(.)\1+")
_SUFFIXES = ("ing", "ed", "es", "s", "er", "ers", "est", "ful", "ly", "d", "y")


@cache
def english_words(path: Path = VOCABULARY) -> frozenset[str]:
    """The whole lower-case words of the WordPiece vocabulary (its "##" pieces left out)."""
    vocabulary = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(word for word in vocabulary if word.isascii() and word.isalpha())


def pattern_words(patterns: list[str]) -> frozenset[str]:
    """The whole words that the (expanded) patterns are written with."""
    return frozenset(word for pattern in patterns for word in _LITERAL_WORD.findall(pattern))


def _stems(word: str) -> list[str]:
    """``word`` less each common ending, with a doubled last letter undone ("stubbed")."""
    stems = []
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems.append(stem)
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])
            if suffix in ("ed", "er", "ers", "est", "ing"):
                stems.append(stem + "e")  # "blamed", "hoping"
    return stems


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit(first: str, second: str) -> bool:
    """Whether two different words are one insertion, deletion, substitution or swap apart."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        diffs = [i for i in range(len(first)) if first[i] != second[i]]
        if len(diffs) == 1:
            return True
        if len(diffs) != 2:
            return False
        i, j = diffs
        return j == i + 1 and first[i] == second[j] and first[j] == second[i]
    short, long = sorted((first, second), key=len)
    return short in _deletions(long)


def _single(word: str) -> str:
    """``word`` with each run of a repeated letter cut to one: "dissapear" -> "disapear"."""
    return _RUNS.sub(r"\1", word)


@dataclass(frozen=True)
class Corrector:
    known: frozenset[str]  # words never corrected: English words and the patterns' own words
    by_deletion: dict[str, tuple[str, ...]]  # a key word's deletions -> the key words
    by_single: dict[str, str]  # a key word with its doubled letters single -> the key word

    @classmethod
    def of(
        cls, words: frozenset[str], english: frozenset[str], extra: frozenset[str] = frozenset()
    ) -> Corrector:
        table: dict[str, set[str]] = {}
        singles: dict[str, set[str]] = {}
        for key in (word for word in words if len(word) >= MIN_KEY):
            for variant in {key} | _deletions(key):
                table.setdefault(variant, set()).add(key)
            singles.setdefault(_single(key), set()).add(key)
        return cls(
            english | words | extra,
            {k: tuple(sorted(v)) for k, v in table.items()},
            {k: min(v) for k, v in singles.items() if len(v) == 1},
        )

    def correct(self, word: str) -> str:
        """The key word one edit from ``word``, or ``word`` itself if none or it is a word."""
        if len(word) < MIN_WORD or word in self.known or not word.isalpha():
            return word
        same_but_doubling = self.by_single.get(_single(word))
        if same_but_doubling is not None:
            return same_but_doubling
        found: set[str] = set()
        for variant in {word} | _deletions(word):
            found.update(self.by_deletion.get(variant, ()))
        matches = [k for k in found if k[0] == word[0] and one_edit(word, k)]
        if not matches or any(stem in self.known for stem in _stems(word)):
            return word
        # A dropped letter is the commonest slip ("strangld" is "strangled", not "strangle").
        return min(matches, key=lambda k: (-len(k), k))
