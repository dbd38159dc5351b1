"""Which patterns could match a text, read off the strings each pattern cannot match without.

Most patterns need a word ("myself", a medicine's name) that a given message does not contain;
checking a few hundred such strings with ``in`` is far cheaper than running every pattern. The
needs are read off the parsed pattern, keeping only what every match must contain, so skipping a
pattern for want of its needs can never skip a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MIN_NEED = 3  # shorter strings are in nearly every message and would save nothing
# The standard library's own regular-expression parser and compiler: parsing once and compiling
# the parsed form saves a second parse of several hundred long patterns at start-up.
_parser: Any = re._parser  # type: ignore[attr-defined]
_compiler: Any = re._compiler  # type: ignore[attr-defined]
_constants: Any = re._constants  # type: ignore[attr-defined]


def parse_and_compile(pattern: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """``pattern`` compiled, and the strings at least one of which any match contains."""
    parsed = _parser.parse(pattern)
    found = _needs_of(parsed)
    compiled: re.Pattern[str] = _compiler.compile(parsed)
    return compiled, found


def needs(pattern: str) -> tuple[str, ...]:
    """Strings at least one of which is in any text ``pattern`` matches; empty if none found."""
    return _needs_of(_parser.parse(pattern))


def _needs_of(parsed: Any) -> tuple[str, ...]:
    found = _needed(parsed, _constants)
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
    """Patterns by the strings they need, found in one pass over the message.

    Needs are filed under their first three characters; each place in the message looks up
    the three characters that start there and checks only the needs filed under them. That is
    one dictionary look-up per character, instead of a scan of the message for every need.
    """

    always: tuple[int, ...]  # patterns with no usable need: always tried
    by_start: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]

    @classmethod
    def of(cls, needs_by_pattern: list[tuple[str, ...]]) -> NeedIndex:
        """The index of patterns whose needs are given in order (empty: always tried)."""
        always: list[int] = []
        by_need: dict[str, list[int]] = {}
        for number, found in enumerate(needs_by_pattern):
            if not found:
                always.append(number)
            for need in found:
                by_need.setdefault(need, []).append(number)
        by_start: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for need, numbers in by_need.items():
            by_start.setdefault(need[:MIN_NEED], []).append((need, tuple(numbers)))
        return cls(tuple(always), {k: tuple(v) for k, v in by_start.items()})

    def candidates(self, normal: str) -> list[int]:
        """The patterns worth running on ``normal``, in their original order."""
        found = set(self.always)
        by_start = self.by_start
        for place in range(len(normal) - MIN_NEED + 1):
            filed = by_start.get(normal[place : place + MIN_NEED])
            if filed:
                for need, numbers in filed:
                    if normal.startswith(need, place):
                        found.update(numbers)
        return sorted(found)
