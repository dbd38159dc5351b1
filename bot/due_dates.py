"""Turn a free-text answer to "When will you try this?" into a calendar date.

Why: the coach schedules a follow-up, so it needs a real date, but people answer in their own
words ("by friday", "next thursday at the team meeting", "1/12"). ``today`` is always passed in
and the clock is never read, so the same words on the same day always give the same date.

Judgement calls (UK conventions):
* Numeric dates are day-first ("1/12" is 1 December). Without a year only "/" counts: "10.30"
  is a time, "1-2" a range, and "24/7" an idiom. A day and month without a year, or "the 5th",
  mean the next occurrence on or after today; an explicit past year is returned as it is.
* "friday" and "this friday" are the coming Friday, strictly after today (on a Friday: a week
  today). "next friday" is the coming one if more than two days away, else the one after.
* Weeks run Monday to Sunday: "next week" is next Monday (tomorrow, on a Sunday); "end of the
  week" is Friday on or after today; "the weekend" is today on a Saturday or Sunday, else the
  coming Saturday; "next weekend" is Saturday of next week.
* "next month" is the 1st; "in a month" is the same day next month, clamped (31 Jan -> 28/29
  Feb); "within 10 days" is the window's last day. Vague words give None ("a few", "a couple
  of", "a day or two", "2-3 days", "this week", "soon").
* Two different dates, or a date-shaped thing that cannot exist ("31/02"), give None: asking
  again beats a wrong reminder.

Standard library only. Text is lower-cased with whitespace collapsed, and each pattern is one
left-to-right scan with bounded repetition, so hostile input stays linear-time.
"""

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta

__all__ = ["describe_due_date", "parse_due_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july")
_MONTHS += ("august", "september", "october", "november", "december")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SKIP = object()  # a match that turned out not to be a date mention at all

Found = date | None | object


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "tmrw" is not read as "tmr"."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _next_monday(t: date) -> date:
    return t + timedelta(7 - t.weekday())


def _add_months(d: date, n: int) -> date:
    year, month = divmod(d.month - 1 + n, 12)
    year, month = d.year + year, month + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _weekend(t: date) -> date:
    return t if t.weekday() >= 5 else t + timedelta(5 - t.weekday())


_PHRASES: dict[str, Callable[[date], date]] = {
    "next week": _next_monday,
    "end of next week": lambda t: _next_monday(t) + timedelta(4),
    "next weekend": lambda t: _next_monday(t) + timedelta(5),
    "end of next month": lambda t: _month_end(_add_months(t.replace(day=1), 1)),
    "next month": lambda t: _add_months(t.replace(day=1), 1),
}
for _word in ("today", "tonight", "tonite", "this morning", "this afternoon", "this evening"):
    _PHRASES[_word] = lambda t: t
for _word in ("a week today", "this time next week", "same time next week"):
    _PHRASES[_word] = lambda t: t + timedelta(7)
for _word in ("tomorrow", "tomorow", "tmrw", "tmr", "tmw", "tomoz", "2moro", "2morrow"):
    _PHRASES[_word] = lambda t: t + timedelta(1)
    _PHRASES[f"day after {_word}"] = lambda t: t + timedelta(2)
    _PHRASES[f"a week {_word}"] = lambda t: t + timedelta(8)
for _word in ("end of the week", "end of this week", "end of week"):
    _PHRASES[_word] = lambda t: t + timedelta((4 - t.weekday()) % 7)
for _word in ("this weekend", "the weekend", "weekend"):
    _PHRASES[_word] = _weekend
for _word in ("end of the month", "end of this month", "end of month"):
    _PHRASES[_word] = _month_end

_WD = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD += r"|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun"
_MON = _alt([*_MONTHS, "sept"] + [m[:3] for m in _MONTHS])
_ORD = r"(?:st|nd|rd|th)"
_DAY, _HOUR = timedelta(days=1), timedelta(hours=1)
_UNITS = {"day": _DAY, "week": 7 * _DAY, "wk": 7 * _DAY, "fortnight": 14 * _DAY}
_UNITS |= {"hour": _HOUR, "hr": _HOUR, "minute": _HOUR / 60, "min": _HOUR / 60}
_MONTH_UNITS = {"month": 1, "mth": 1, "year": 12, "yr": 12}

_PHRASE_RE = re.compile(rf"\b(?:{_alt(_PHRASES)})\b")
_WEEKDAY_RE = re.compile(
    r"(?<!')\b(?:(?P<cue>on|by|before|until|till|a week on) )?"
    rf"(?:(?P<mod>this|next|coming) )?(?:coming )?(?P<wd>{_WD})\b(?P<tail> next week| week)?\b"
)
_RELATIVE_RE = re.compile(
    rf"\b(?:in|within) (?:the next )?(?P<n>[0-9]{{1,3}}|{_alt(_NUMBERS)}) "
    rf"(?P<unit>{_alt([*_UNITS, *_MONTH_UNITS])})s?\b(?! or\b)"
)
_ISO_RE = re.compile(r"(?<![0-9/.-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9]|[/.-][0-9])")
_NUMERIC_RE = re.compile(
    r"(?<![0-9/.-])([0-9]{1,2})([/.-])([0-9]{1,2})(?:\2([0-9]{4}|[0-9]{2}))?(?![0-9]|[/.-][0-9])"
)
_DAY_MONTH_RE = re.compile(
    rf"\b(?:the )?([0-9]{{1,2}}){_ORD}? ?(?:of )?({_MON})\b\.?(?:,? ([0-9]{{4}}))?(?![0-9])"
)
_MONTH_DAY_RE = re.compile(
    rf"\b({_MON})\.? (?:the )?([0-9]{{1,2}}){_ORD}?\b(?:,? ([0-9]{{4}}))?(?![0-9])"
)
_NTH_RE = re.compile(rf"\bthe ([0-9]{{1,2}}){_ORD}\b")


def _on_or_after(today: date, month: int, day: int, year: str | None) -> date | None:
    if year is not None:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    for y in range(today.year, today.year + 9):  # nine years always includes a 29 February
        try:
            if (found := date(y, month, day)) >= today:
                return found
        except ValueError:
            continue
    return None


def _weekday(m: re.Match[str], today: date, text: str) -> Found:
    wd, cue, mod, tail = m["wd"], m["cue"], m["mod"], m["tail"]
    if wd in ("sat", "sun") and not (cue or mod or tail or text.strip(" .!?") == wd):
        return _SKIP  # "I sat down", "the sun came out"
    target = _WEEKDAYS.index(next(w for w in _WEEKDAYS if w.startswith(wd[:3])))
    if tail == " next week":
        return _next_monday(today) + timedelta(target)
    days = (target - today.weekday()) % 7 or 7
    if mod == "next" and days <= 2:
        days += 7
    return today + timedelta(days + (7 if tail == " week" or cue == "a week on" else 0))


def _relative(m: re.Match[str], today: date, text: str) -> Found:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    if m["unit"] in _MONTH_UNITS:
        return _add_months(today, n * _MONTH_UNITS[m["unit"]])
    return today + n * _UNITS[m["unit"]]  # a date ignores the hours: "in an hour" is today


def _numeric(m: re.Match[str], today: date, text: str) -> Found:
    if m[4] is None and (m[2] != "/" or m[0] == "24/7"):
        return _SKIP  # "10.30" is a time, "1-2" a range, "24/7" an idiom
    return _on_or_after(today, int(m[3]), int(m[1]), m[4])


def _nth(m: re.Match[str], today: date, text: str) -> Found:
    day = int(m[1])
    for k in range(12):  # "the 31st" may skip short months; "the 0th" raises, read as None
        month = _add_months(today.replace(day=1), k)
        last = calendar.monthrange(month.year, month.month)[1]
        if day <= last and (found := month.replace(day=day)) >= today:
            return found
    return None


def _month(name: str) -> int:
    return next(i for i, full in enumerate(_MONTHS, 1) if full.startswith(name[:3]))


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date, str], Found]], ...] = (
    (_PHRASE_RE, lambda m, today, text: _PHRASES[m[0]](today)),
    (_WEEKDAY_RE, _weekday),
    (_RELATIVE_RE, _relative),
    (_ISO_RE, lambda m, today, text: date(int(m[1]), int(m[2]), int(m[3]))),
    (_NUMERIC_RE, _numeric),
    (_DAY_MONTH_RE, lambda m, today, text: _on_or_after(today, _month(m[2]), int(m[1]), m[3])),
    (_MONTH_DAY_RE, lambda m, today, text: _on_or_after(today, _month(m[1]), int(m[2]), m[3])),
    (_NTH_RE, _nth),
)


def parse_due_date(text: str, *, today: date) -> date | None:
    """Return the date the text names, or None when it names none we can be sure of."""
    text = " ".join(text.lower().replace("\u2019", "'").split())
    mentions: list[tuple[int, int, Found]] = []
    for pattern, interpret in _RULES:
        for m in pattern.finditer(text):
            try:
                found = interpret(m, today, text)
            except (ValueError, OverflowError):
                found = None  # date-shaped but impossible, e.g. "31/02" or "32 jan"
            if found is not _SKIP:
                mentions.append((m.start(), -m.end(), found))
    mentions.sort(key=lambda mention: (mention[0], mention[1]))  # earliest, then longest
    covered_to, dates = -1, set()
    for start, neg_end, found in mentions:
        if start >= covered_to:  # skip one inside a longer one ("tomorrow" in "a week tomorrow")
            covered_to = -neg_end
            dates.add(found)
    only = dates.pop() if len(dates) == 1 else None
    return only if isinstance(only, date) else None


def describe_due_date(due: date, *, today: date) -> str:
    """Plain UK wording for a due date: 'today', 'tomorrow', 'Friday 27 November',
    'Monday 4 January 2027' (year only when not this year)."""
    if due == today:
        return "today"
    if due == today + timedelta(1):
        return "tomorrow"
    words = f"{_WEEKDAYS[due.weekday()].title()} {due.day} {_MONTHS[due.month - 1].title()}"
    return words if due.year == today.year else f"{words} {due.year}"
