"""``$name`` / ``${name}`` placeholders in flow wording.

Flows quote earlier answers back (``$situation``). Which names a text uses is known when the file
loads, so a misspelt name is a load-time error naming the step, never a blank in a live chat.
``$$`` is a literal dollar sign.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_PLACEHOLDER = re.compile(
    r"\$(?:(?P<escaped>\$)|(?P<named>[a-z_][a-z0-9_]*)|\{(?P<braced>[a-z_][a-z0-9_]*)\})"
)


def placeholders(text: str) -> Iterator[str]:
    """Yield every placeholder name used in ``text``, in order."""
    for match in _PLACEHOLDER.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            yield name


def stray_dollar(text: str) -> bool:
    """True when a ``$`` is neither a placeholder nor an escaped ``$$`` (a likely typo)."""
    stripped = _PLACEHOLDER.sub("", text)
    return "$" in stripped


def fill(text: str, value_of: Callable[[str], str]) -> str:
    """Replace each placeholder with ``value_of(name)``."""

    def _replace(match: re.Match[str]) -> str:
        if match.group("escaped"):
            return "$"
        return value_of(match.group("named") or match.group("braced"))

    return _PLACEHOLDER.sub(_replace, text)
