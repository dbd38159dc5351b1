"""Reminder schedules: which weekdays and what local time, read from what a person types.

``/remind mon wed 18:30``, ``/remind weekdays 6pm``, ``/remind every day 8.15am``. Pure: no
clock, no database. Times are local to the person (Europe/London unless told otherwise) and
turned into UTC instants only when a reminder is armed, so a nudge set for 18:30 stays at 18:30
across the clock changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS = {
    **{name.lower(): i for i, name in enumerate(DAY_NAMES)},
    **{name.lower()[:3]: i for i, name in enumerate(DAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_GROUPS = {
    "weekdays": (0, 1, 2, 3, 4),
    "weekday": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
    "daily": (0, 1, 2, 3, 4, 5, 6),
    "everyday": (0, 1, 2, 3, 4, 5, 6),
}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")
DUE_REMINDER_TIME = time(9, 0)


@dataclass(frozen=True)
class Schedule:
    weekdays: tuple[int, ...]  # 0 = Monday
    at: time

    @property
    def stored_days(self) -> str:
        return ",".join(str(d) for d in self.weekdays)

    @property
    def stored_time(self) -> str:
        return self.at.strftime("%H:%M")

    @classmethod
    def from_stored(cls, days: str, at: str) -> Schedule:
        hours, minutes = at.split(":")
        return cls(tuple(int(d) for d in days.split(",") if d), time(int(hours), int(minutes)))


def parse_schedule(text: str) -> Schedule | None:
    """A schedule from free text, or None when the days or the time cannot be read."""
    words = re.sub(r"[,;&+/]|\band\b", " ", text.lower()).replace("every day", "everyday").split()
    days: set[int] = set()
    moment: time | None = None
    for index, word in enumerate(words):
        if word in ("at", "on", "every"):
            continue
        if word in ("am", "pm") and index and moment is not None:
            continue  # "6 pm": taken with the number before it
        if word in _GROUPS:
            days.update(_GROUPS[word])
        elif word.rstrip("s") in _DAYS:
            days.add(_DAYS[word.rstrip("s")])
        elif word in _DAYS:
            days.add(_DAYS[word])
        else:
            following = words[index + 1] if index + 1 < len(words) else ""
            candidate = word + (following if following in ("am", "pm") else "")
            parsed = _parse_time(candidate)
            if parsed is None or moment is not None:
                return None
            moment = parsed
    if not days or moment is None:
        return None
    return Schedule(tuple(sorted(days)), moment)


def _parse_time(word: str) -> time | None:
    match = _TIME.match(word)
    if not match:
        return None
    hours, minutes, suffix = int(match[1]), int(match[2] or 0), match[3]
    if suffix:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if suffix == "pm" else 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


def describe_schedule(schedule: Schedule) -> str:
    """'weekdays at 18:30', 'Mondays and Thursdays at 09:00', 'every day at 20:00'."""
    days = schedule.weekdays
    if days == _GROUPS["daily"]:
        when = "every day"
    elif days == _GROUPS["weekdays"]:
        when = "weekdays"
    elif days == _GROUPS["weekends"]:
        when = "weekends"
    else:
        names = [DAY_NAMES[d] + "s" for d in days]
        when = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{when} at {schedule.stored_time}"


def next_nudge(schedule: Schedule, *, after: datetime, zone: ZoneInfo) -> datetime:
    """The first scheduled moment strictly after ``after``, as an aware datetime in ``zone``."""
    local = after.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        if day.weekday() not in schedule.weekdays:
            continue
        candidate = _local(day, schedule.at, zone)
        if candidate > after:
            return candidate
    raise ValueError("a schedule needs at least one weekday")


def due_reminder_at(due: date, *, zone: ZoneInfo) -> datetime:
    """When to remind someone of a commitment: the morning of the day before it is due."""
    return _local(due - timedelta(days=1), DUE_REMINDER_TIME, zone)


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    # A time that does not exist (the spring clock change) is moved on by the gap, not dropped.
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone)
    return round_trip if round_trip.replace(tzinfo=None) != naive else aware
