"""Normalising a message before the crisis patterns see it.

Lower-case words separated by single spaces, with look-alike characters, accents, leetspeak,
stretched letters, dropped g's, misspellings, slang and a few emoji folded to the spellings the
patterns are written for. Normalising also cuts any run of a repeated phrase or emoji to two
copies, so a 100,000-character flood costs about what its distinct words cost.
"""

from __future__ import annotations

import re
import unicodedata

from bot.safety import spelling
from bot.safety.fuzzy import Corrector
from bot.safety.patterns import default_patterns

# A short run of characters (a letter, an emoji, "ha") repeated three or more times. Tried at
# each place with at most eight lengths and no nesting, so it stays one pass over any input.
_REPEATED = re.compile(r"(.{1,8}?)\1{2,}", re.DOTALL)
_DOUBLED = re.compile(r"(.)\1")
# Slang and spellings that span two words.
_PHRASES = re.compile(r"\bsewer ?slides?\b|\bsue ?icide\b|\bsooey ?side\b")


def normalise(text: str, *, corrector: Corrector | None = None) -> str:
    """Lower-case words separated by single spaces, with look-alikes and noise folded away.

    ``corrector`` puts misspelt key words right (by default, the shipped patterns' own).
    """
    if corrector is None:
        corrector = default_patterns().corrector
    text = _REPEATED.sub(r"\1\1", text)  # "💊💊💊💊" -> "💊💊", "hahaha" -> "haha", "sooo" -> "soo"
    for emoji, word in spelling.EMOJI.items():
        text = text.replace(emoji, word)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    # Leetspeak only inside words ("k1ll", "su1c1de"), so "116 123" and "2 pm" stay numbers; "!"
    # only between letters ("k!ll"), so "help!" stays a word and a mark. A run of digits is tried
    # from its start only, which keeps "1" * 100000 one scan rather than n squared.
    text = re.sub(
        r"(?<=[a-z])[013457@$]+|(?<![013457@$])[013457@$]+(?=[a-z])|(?<=[a-z])!+(?=[a-z])",
        lambda m: m[0].translate(spelling.LEET),
        text,
    )
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)  # "sooooo" -> "soo", "killlll" -> "kill"
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", " ")
    words = [spelling.MISSPELLINGS.get(word, _squashed(word)) for word in text.split()]
    text = " ".join(_without_repeats(words))
    text = spelling.G_DROPPED.sub(r"\1ing", text)
    text = " ".join(corrector.correct(word) for word in text.split())
    for phrase, replacement in spelling.PHRASES:
        text = phrase.sub(replacement, text)
    text = _PHRASES.sub("suicide", text)
    # "my self" is "myself", except in "my self-harm", "my self-esteem".
    return re.sub(
        r"\bmy self\b(?! (?:harm|injur|hate|hatred|loathing|worth|esteem|care|confidence|doubt))",
        "myself",
        text,
    )


def _without_repeats(words: list[str]) -> list[str]:
    """The words with any run of three or more copies of a phrase (up to eight words) cut to two.

    No pattern needs a phrase three times, and a flood of "he he he ..." or of emoji is otherwise
    the slowest input there is: every pattern is tried at every copy.
    """
    kept: list[str] = []
    for word in words:
        kept.append(word)
        for size in range(1, 9):
            if (
                len(kept) >= 3 * size
                and kept[-1] == kept[-1 - size] == kept[-1 - 2 * size]
                and kept[-size:] == kept[-2 * size : -size] == kept[-3 * size : -2 * size]
            ):
                del kept[-size:]
                break
    return kept


def _squashed(word: str) -> str:
    """A stretched risk word folded back ("diie" -> "die"); any other word unchanged."""
    if len(word) > 24 or not _DOUBLED.search(word):
        return word
    return spelling.SQUASHED.get(re.sub(r"(.)\1+", r"\1", word), word)
