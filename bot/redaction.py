"""Privacy redaction: all free text passes through here before anything is stored.

Why it is built this way:

* One choke point, enforced by a type. Storage accepts only `Redacted`, a `str` subclass
  that only this module hands out, so a forgotten redaction is a type error, not a leak.
* Recognisers are data: a label plus a function that yields spans. Names ("[PERSON 1]",
  via `numbered`) and street addresses live in `bot/redaction_names.py`; each was added
  without touching `Redactor`. Recognisers never edit text; the `Redactor` settles overlaps
  in one place:
  longest span wins, then earliest, then the recogniser listed first. Longest-first
  covers the most text, the safe choice when spans disagree.
* A regex finds candidates; a small Python check decides (e.g. `_phone_ok` counts UK
  digits). That keeps the regexes simple and linear: a match may only start at a token
  boundary (lookbehind), and repeats that cannot give anything back are possessive, so
  hostile input like "a" * 20000 is one scan, not n squared.
* We lean towards redacting (over-redaction blurs a reflection; under-redaction leaks),
  except for known false-positive traps in housing text: dates, times, money, flat
  numbers, "A1"/"M1 1st", "e.g.", and "end.Next" with a missing space.
* Idempotent: placeholders hold no digits, dots or "@", spans inside an existing "[LABEL]"
  or "[LABEL n]" are ignored, and new numbered placeholders continue after existing ones.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

Span = tuple[int, int]
Finder = Callable[[str], Iterable[Span]]


class Redacted(str):
    """Text that has been through the redactor. Storage functions accept only this type."""

    __slots__ = ()


@dataclass(frozen=True)
class Redaction:
    text: Redacted  # the redacted text
    counts: Mapping[str, int]  # e.g. {"EMAIL": 1, "PHONE": 2}; only labels that occurred


_LABEL = re.compile(r"[A-Z][A-Z_]*")
_PLACEHOLDER = re.compile(r"\[([A-Z][A-Z_]*)(?: ([0-9]+))?\]")


@dataclass(frozen=True)
class Recogniser:
    """A kind of personal data: `find(text)` yields (start, end) spans to replace.

    The placeholder is "[LABEL]", or "[LABEL n]" when `numbered` is set. With numbering,
    the same text (ignoring case and spacing) gets the same n within one message.
    """

    label: str
    find: Finder
    numbered: bool = False

    def __post_init__(self) -> None:
        if not _LABEL.fullmatch(self.label):
            raise ValueError(f"label must be upper-case letters/underscores: {self.label!r}")


Numbering = dict[tuple[str, str], int]


class Redact(Protocol):
    """What the engine is given to redact with (a ``Redactor`` is one)."""

    def __call__(self, text: str, *, numbering: Numbering | None = None) -> Redacted: ...


class Redactor:
    def __init__(self, recognisers: Sequence[Recogniser]) -> None:
        self._recognisers = tuple(recognisers)
        # Placeholders are numbered per label, so one label cannot be both numbered and not.
        self._numbered = {r.label for r in self._recognisers if r.numbered}
        mixed = self._numbered & {r.label for r in self._recognisers if not r.numbered}
        if mixed:
            raise ValueError(f"labels both numbered and not: {sorted(mixed)}")

    def __call__(self, text: str, *, numbering: Numbering | None = None) -> Redacted:
        return self.redact(text, numbering=numbering).text

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """The spans ``redact`` replaces, as (start, end, label), in order and disjoint.

        Overlaps are settled here: longest wins, then earliest, then the recogniser listed
        first. Spans inside an existing placeholder are ignored, which keeps redaction
        idempotent."""
        kept_starts: list[int] = []  # existing placeholders, sorted and disjoint
        kept_ends: list[int] = []
        for m in _placeholders(text):
            kept_starts.append(m.start())
            kept_ends.append(m.end())

        candidates: list[tuple[int, int, int]] = []
        for order, recogniser in enumerate(self._recognisers):
            for start, end in recogniser.find(text):
                k = bisect_right(kept_starts, start) - 1
                if start < end and not (k >= 0 and end <= kept_ends[k]):
                    candidates.append((start, end, order))

        chosen: list[tuple[int, int, int]] = []
        starts: list[int] = []
        for start, end, order in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
            i = bisect_right(starts, start)
            if (i and chosen[i - 1][1] > start) or (i < len(chosen) and chosen[i][0] < end):
                continue
            starts.insert(i, start)
            chosen.insert(i, (start, end, order))
        return [(start, end, self._recognisers[order].label) for start, end, order in chosen]

    def redact(self, text: str, *, numbering: Numbering | None = None) -> Redaction:
        """Redact ``text``. Pass the same ``numbering`` for every message of one reflection
        and "Derek" stays [PERSON 1] throughout it; it maps the people's words to numbers, so
        the caller keeps it in memory only."""
        chosen = self.spans(text)
        if not chosen:
            return Redaction(Redacted(text), MappingProxyType({}))

        # New numbers continue after those already used, in the numbering or in the text.
        next_number: dict[str, int] = {}
        numbers: Numbering = {} if numbering is None else numbering
        for (label, _), n in numbers.items():
            next_number[label] = max(next_number.get(label, 0), n)
        for m in _placeholders(text):
            if m.group(2):
                n = int(m.group(2))
                next_number[m.group(1)] = max(next_number.get(m.group(1), 0), n)

        out: list[str] = []
        counts: dict[str, int] = {}
        pos = 0
        for start, end, label in chosen:
            if label in self._numbered:
                key = (label, " ".join(text[start:end].split()).casefold())
                if key not in numbers:
                    next_number[label] = numbers[key] = next_number.get(label, 0) + 1
                placeholder = f"[{label} {numbers[key]}]"
            else:
                placeholder = f"[{label}]"
            out += (text[pos:start], placeholder)
            counts[label] = counts.get(label, 0) + 1
            pos = end
        out.append(text[pos:])
        return Redaction(Redacted("".join(out)), MappingProxyType(counts))


def _placeholders(text: str) -> Iterable[re.Match[str]]:
    """Placeholders already in ``text`` ("[EMAIL]", "[PERSON 2]"), left to right."""
    return _PLACEHOLDER.finditer(text) if "[" in text else ()


def _regex_finder(
    pattern: re.Pattern[str], accept: Callable[[re.Match[str]], Span | None]
) -> Finder:
    def find(text: str) -> Iterable[Span]:
        for m in pattern.finditer(text):
            span = accept(m)
            if span is not None:
                yield span

    return find


# --- EMAIL ------------------------------------------------------------------------------
# The local part may contain an apostrophe (o'brien@...) but may not start with one. The
# part cannot start in the middle of a word, which keeps "a" * 20000 linear.
_EMAIL = re.compile(
    r"(?<![\w.%+-])(?<!\w')[\w%+-][\w.%+'-]*+@"
    r"(?:[^\W_][\w-]*+\.)+[^\W\d_]{2,63}+(?![\w-])"
)


def email_recogniser() -> Recogniser:
    find = _regex_finder(_EMAIL, lambda m: m.span())
    return Recogniser("EMAIL", lambda text: find(text) if "@" in text else ())


# --- PHONE ------------------------------------------------------------------------------
# +44/0044 international, "(0xxx) ..." bracketed area code, or national numbers starting
# "0" plus two digits with no break (so dates like 01.03.2024 never start one). One
# separator (space, dot, dash, NBSP) may precede each digit; `_phone_ok` counts digits.
_SEP = r"[ .\-\u00a0]"
_PHONE = re.compile(
    r"(?<![\w+])(?<![0-9][.\-])(?:"
    rf"(?:\+|00)44{_SEP}?(?:\(0\){_SEP}?|0{_SEP}?)?[1-9](?:{_SEP}?[0-9]){{8,9}}"
    rf"|\(0[0-9]{{2,5}}\){_SEP}?[0-9](?:{_SEP}?[0-9]){{4,8}}"
    rf"|0[0-9]{{2}}(?:{_SEP}?[0-9]){{7,8}}"
    r")(?![0-9])"
)
_NON_DIGIT = re.compile(r"[^0-9]")


def _phone_ok(m: re.Match[str]) -> Span | None:
    raw = m.group()
    digits = _NON_DIGIT.sub("", raw)
    if raw[0] in "+0" and digits.startswith(("44", "0044")):
        nsn = digits[2:] if raw[0] == "+" else digits[4:]
        digits = "0" + nsn.removeprefix("0")  # drop a "(0)" or a wrongly kept trunk 0
    if len(digits) == 11 and digits[1] in "1235789":
        return m.span()
    if len(digits) == 10 and digits.startswith(("01", "0800", "0500")):
        return m.span()
    return None


def phone_recogniser() -> Recogniser:
    return Recogniser("PHONE", _regex_finder(_PHONE, _phone_ok))


# --- POSTCODE ---------------------------------------------------------------------------
# Full postcodes only (outward + inward). Case and the space are optional ("nw18ln"). The
# letter rules (no Q/V/X first, no I/J/Z second, no C/I/K/M/O/V inward) cut false
# positives. "M1 1st" and "A1 2nd" are road names followed by ordinals, so a postcode whose
# outward letters are upper case and whose inward letters are lower case is skipped.
_POSTCODE = re.compile(
    r"(?<![^\W_])([A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?)[ \u00a0]{0,2}"
    r"([0-9][ABD-HJLNP-UW-Z]{2})(?![^\W_])",
    re.IGNORECASE,
)


def _postcode_ok(m: re.Match[str]) -> Span | None:
    outward = "".join(c for c in m.group(1) if c.isalpha())
    inward = m.group(2)[1:]
    if outward.isupper() and inward.islower():
        return None
    return m.span()


def postcode_recogniser() -> Recogniser:
    return Recogniser("POSTCODE", _regex_finder(_POSTCODE, _postcode_ok))


# --- URL --------------------------------------------------------------------------------
# A scheme or "www." is always a URL. A bare domain is a URL when it has a path
# (example.org/page). Without a path it must end in a common TLD, so "e.g.", "etc." and
# "end.Next" (a missing space) are left alone.
_SCHEME_URL = re.compile(r"(?<![\w.@-])(?:https?://|www[0-9]{0,3}\.)[^\s<>\"]+", re.IGNORECASE)
_BARE_URL = re.compile(
    r"(?<![\w@.\-])(?:[a-z0-9][a-z0-9-]*+\.)+([a-z]{2,63}+)(?![\w@-])"
    r"((?::[0-9]{1,5})?/[^\s<>\"]*+)?",
    re.IGNORECASE,
)
_COMMON_TLD = re.compile(r"com|org|net|uk|io|info|gov|edu|eu|scot|wales|cymru|london|nhs|ac|co")
_TRAILING = ".,;:!?'\"\u2019\u201d\u2026*]}>"  # closing quotes, ellipsis, brackets


def _trim_url(m: re.Match[str]) -> Span | None:
    start, end = m.span()
    text = m.string
    unmatched = text.count(")", start, end) - text.count("(", start, end)
    while end > start and (text[end - 1] in _TRAILING or (text[end - 1] == ")" and unmatched > 0)):
        unmatched -= text[end - 1] == ")"
        end -= 1
    url = text[start:end].casefold()
    if m.re is _SCHEME_URL:
        head = "www" if url.startswith("www") else "://"
        if len(url) - url.find(head) - len(head) < 2:  # "http://" or "www." with nothing after
            return None
    elif not m.group(2) and not _COMMON_TLD.fullmatch(m.group(1).casefold()):
        return None
    return start, end


def url_recogniser() -> Recogniser:
    scheme, bare = _regex_finder(_SCHEME_URL, _trim_url), _regex_finder(_BARE_URL, _trim_url)
    return Recogniser("URL", lambda text: [*scheme(text), *bare(text)])


# --- NATIONAL INSURANCE AND NHS NUMBERS ---------------------------------------------------
# NI: two prefix letters (never D, F, I, Q, U, V; second never O; not the reserved pairs), six
# digits in pairs, a suffix A-D. NHS: ten digits (3-3-4 or run together) whose last digit is the
# mod-11 check digit, which keeps ordinary ten-digit numbers out.
_NI = re.compile(
    r"(?<![^\W_])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ \u00a0]?[0-9]{2}[ \u00a0]?[0-9]{2}"
    r"[ \u00a0]?[0-9]{2}[ \u00a0]?[A-D](?![^\W_])",
    re.IGNORECASE,
)
_NI_RESERVED = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})
_NHS = re.compile(r"(?<![0-9])[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4}(?![0-9])")


def _ni_ok(m: re.Match[str]) -> Span | None:
    return None if m.group(1).upper() in _NI_RESERVED else m.span()


def _nhs_ok(m: re.Match[str]) -> Span | None:
    digits = [int(c) for c in m.group() if c.isdigit()]
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return m.span() if check != 10 and check == digits[9] else None


def ni_number_recogniser() -> Recogniser:
    return Recogniser("NI_NUMBER", _regex_finder(_NI, _ni_ok))


def nhs_number_recogniser() -> Recogniser:
    return Recogniser("NHS_NUMBER", _regex_finder(_NHS, _nhs_ok))


def default_redactor() -> Redactor:
    """Email, URL, NHS and NI numbers, phone, postcode, address, person.

    Email comes before URL so ties go to the email; NHS numbers before phones, since a valid
    check digit is the stronger evidence.
    """
    from bot.redaction_names import address_recogniser, person_recogniser

    return Redactor(
        [
            email_recogniser(),
            url_recogniser(),
            nhs_number_recogniser(),
            ni_number_recogniser(),
            phone_recogniser(),
            postcode_recogniser(),
            address_recogniser(),
            person_recogniser(),
        ]
    )
