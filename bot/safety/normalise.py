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
_SQUASH_STARTS = frozenset(word[0] for word in spelling.SQUASHED)
_LEETSPEAK = re.compile(
    r"(?<=[a-z])[013457@$]+|(?<![013457@$])[013457@$]+(?=[a-z])|(?<=[a-z])!+(?=[a-z])"
)
_STRETCHED = re.compile(r"(.)\1{2,}")
_NOT_A_WORD = re.compile(r"[^a-z0-9' ]+")
_MY_SELF = re.compile(
    r"\bmy self\b(?! (?:harm|injur|hate|hatred|loathing|worth|esteem|care|confidence|doubt))"
)
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
    if not text.isascii():  # accents off, full-width letters folded, curly quotes straightened
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.lower()
    # Leetspeak only inside words ("k1ll", "su1c1de"), so "116 123" and "2 pm" stay numbers; "!"
    # only between letters ("k!ll"), so "help!" stays a word and a mark. A run of digits is tried
    # from its start only, which keeps "1" * 100000 one scan rather than n squared.
    text = _LEETSPEAK.sub(lambda m: m[0].translate(spelling.LEET), text)
    text = _STRETCHED.sub(r"\1\1", text)  # "sooooo" -> "soo", "killlll" -> "kill"
    text = _NOT_A_WORD.sub(" ", text).replace("'", " ")
    text = " ".join(_without_repeats([_word(word, corrector) for word in text.split()]))
    for triggers, phrase, replacement in spelling.PHRASES:
        if any(trigger in text for trigger in triggers):
            text = phrase.sub(replacement, text)
    if "side" in text or "icide" in text or "slide" in text:
        text = _PHRASES.sub("suicide", text)
    return (
        _MY_SELF.sub("myself", text) if "my self" in text else text
    )  # "my self", but not "my self-harm", "my self-esteem"


def _word(word: str, corrector: Corrector) -> str:
    """One word as the patterns spell it: slang and misspellings, stretching, dropped g's."""
    known = spelling.MISSPELLINGS.get(word)
    if known is not None:
        return known
    word = _squashed(word)
    if word.endswith("in") and word[:-2] in spelling.G_DROPPED:
        return word + "g"
    return corrector.correct(word)


def _without_repeats(words: list[str]) -> list[str]:
    """The words with any run of three or more copies of a phrase (up to eight words) cut to two.

    No pattern needs a phrase three times, and a flood of "he he he ..." or of emoji is otherwise
    the slowest input there is: every pattern is tried at every copy.
    """
    kept: list[str] = []
    for word in words:
        kept.append(word)
        count = len(kept)
        for size in range(1, min(8, count // 3) + 1):
            if (
                kept[count - 1 - size] == word
                and kept[count - 1 - 2 * size] == word
                and kept[count - size :] == kept[count - 2 * size : count - size]
                and kept[count - size :] == kept[count - 3 * size : count - 2 * size]
            ):
                del kept[-size:]
                break
    return kept


def _squashed(word: str) -> str:
    """A stretched risk word folded back ("diie" -> "die"); any other word unchanged."""
    if (
        len(word) < 4
        or len(word) > 24
        or word[0] not in _SQUASH_STARTS
        or not _DOUBLED.search(word)
    ):
        return word
    return spelling.SQUASHED.get(re.sub(r"(.)\1+", r"\1", word), word)
