"""Which patterns could match a text, read off the strings each pattern cannot match without.

Most patterns need a word ("myself", a medicine's name) that a given message does not contain;
checking a few hundred such strings with ``in`` is far cheaper than running every pattern. The
needs are read off the parsed pattern, keeping only what every match must contain, so skipping a
pattern for want of its needs can never skip a match.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

MIN_NEED = 3  # shorter strings are in nearly every message and would save nothing


def needs(pattern: str) -> tuple[str, ...]:
    """Strings at least one of which is in any text ``pattern`` matches; empty if none found."""
    with warnings.catch_warnings():
        # sre_parse is the stdlib's own parser; it is deprecated as a public name only.
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_constants
        import sre_parse
    found = _needed(sre_parse.parse(pattern), sre_constants)
    return tuple(found) if found and min(map(len, found)) >= MIN_NEED else ()


def _needed(items: Any, op_codes: Any) -> list[str] | None:
    """What a sequence of parsed items needs: a run of literal characters, or the needs of a
    group, of a repeat that happens at least once, or of every branch of an alternation."""
    best: list[str] | None = None
    run = ""
    for op, arg in items:
        if op == op_codes.LITERAL:
            run += chr(arg)
            continue
        best, run = _better(best, [run] if run else None), ""
        found: list[str] | None = None
        if op == op_codes.SUBPATTERN:
            found = _needed(arg[-1], op_codes)
        elif op == op_codes.BRANCH:
            branches = [_needed(branch, op_codes) for branch in arg[1]]
            if all(branches):
                found = [need for branch in branches if branch for need in branch]
        elif op in (op_codes.MAX_REPEAT, op_codes.MIN_REPEAT) and arg[0] >= 1:
            found = _needed(arg[2], op_codes)
        best = _better(best, found)  # anything else (\b, lookarounds, classes) needs nothing
    return _better(best, [run] if run else None)


def _better(first: list[str] | None, second: list[str] | None) -> list[str] | None:
    """Of two sets of needs (both hold), the cheaper useful one: fewest strings of 3+ letters."""
    if not first or not second:
        return first or second

    def score(needs: list[str]) -> tuple[bool, int, int]:
        shortest = min(map(len, needs))
        return shortest >= MIN_NEED, -len(needs) if shortest >= MIN_NEED else shortest, shortest

    return max(first, second, key=score)


@dataclass(frozen=True)
class NeedIndex:
    """Patterns by the strings they need. Checking each need once per message and taking the
    union is far cheaper than asking, pattern by pattern, whether any of its needs is present."""

    always: tuple[int, ...]  # patterns with no usable need: always tried
    by_need: tuple[tuple[str, tuple[int, ...]], ...]

    @classmethod
    def of(cls, patterns: tuple[str, ...]) -> NeedIndex:
        always: list[int] = []
        by_need: dict[str, list[int]] = {}
        for number, pattern in enumerate(patterns):
            found = needs(pattern)
            if not found:
                always.append(number)
            for need in found:
                by_need.setdefault(need, []).append(number)
        return cls(tuple(always), tuple((k, tuple(v)) for k, v in by_need.items()))

    def candidates(self, normal: str) -> list[int]:
        """The patterns worth running on ``normal``, in their original order."""
        found = set(self.always)
        for need, numbers in self.by_need:
            if need in normal:
                found.update(numbers)
        return sorted(found)
