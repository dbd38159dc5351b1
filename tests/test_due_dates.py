"""Tests for bot.due_dates: free-text "When will you try this?" answers -> dates."""

import random
import string
import time
from datetime import date

import pytest

from bot.due_dates import describe_due_date, parse_due_date

SUNDAY = date(2026, 11, 22)  # the fixed "today" for most tables
FRIDAY = date(2026, 11, 27)
NEW_YEARS_EVE = date(2026, 12, 31)
END_OF_JANUARY = date(2026, 1, 31)
LEAP_END_OF_JANUARY = date(2028, 1, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 22)),
        ("Tonight", date(2026, 11, 22)),
        ("this evening after work", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 23)),
        ("tmrw", date(2026, 11, 23)),
        ("TOMORROW!!!", date(2026, 11, 23)),
        ("tomorrow at 10.30", date(2026, 11, 23)),
        ("day after tomorrow", date(2026, 11, 24)),
        ("the day after tomorrow", date(2026, 11, 24)),
        ("a week today", date(2026, 11, 29)),
        ("a week tomorrow", date(2026, 11, 30)),
    ],
)
def test_parse_due_date_relative_words(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by friday", date(2026, 11, 27)),
        ("  By   Friday.  ", date(2026, 11, 27)),
        ("on Tuesday please", date(2026, 11, 24)),
        ("fri", date(2026, 11, 27)),
        ("wed", date(2026, 11, 25)),
        ("thurs", date(2026, 11, 26)),
        ("monday", date(2026, 11, 23)),
        ("sunday", date(2026, 11, 29)),  # today is Sunday: a week today
        ("this friday", date(2026, 11, 27)),
        ("this coming friday", date(2026, 11, 27)),
        ("this sunday", date(2026, 11, 29)),
        ("on sat", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("friday week", date(2026, 12, 4)),
        ("a week on friday", date(2026, 12, 4)),
        ("friday next week", date(2026, 11, 27)),  # next week starts tomorrow
        ("Friday 27 November", date(2026, 11, 27)),
    ],
)
def test_parse_due_date_weekdays(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next thursday at the team meeting", date(2026, 11, 26)),  # 4 days away
        ("next wednesday", date(2026, 11, 25)),  # 3 days away: the coming one
        ("next tuesday", date(2026, 12, 1)),  # 2 days away: the one after
        ("next monday", date(2026, 11, 30)),  # tomorrow: the one after
        ("next sunday", date(2026, 11, 29)),
    ],
)
def test_parse_due_date_next_weekday_skips_when_two_days_or_less(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next week", date(2026, 11, 23)),
        ("some time next week", date(2026, 11, 23)),
        ("end of the week", date(2026, 11, 27)),
        ("by the end of this week", date(2026, 11, 27)),
        ("end of next week", date(2026, 11, 27)),
        ("this weekend", date(2026, 11, 22)),  # the weekend is in progress
        ("at the weekend", date(2026, 11, 22)),
        ("next weekend", date(2026, 11, 28)),
        ("this time next week", date(2026, 11, 29)),
        ("end of the month", date(2026, 11, 30)),
        ("next month", date(2026, 12, 1)),
        ("end of next month", date(2026, 12, 31)),
    ],
)
def test_parse_due_date_periods(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 3 days", date(2026, 11, 25)),
        ("in three days' time", date(2026, 11, 25)),
        ("in a week", date(2026, 11, 29)),
        ("in two weeks", date(2026, 12, 6)),
        ("in a fortnight", date(2026, 12, 6)),
        ("in 2 wks", date(2026, 12, 6)),
        ("within 10 days", date(2026, 12, 2)),
        ("in the next twelve days", date(2026, 12, 4)),
        ("in a month", date(2026, 12, 22)),
        ("in an hour", date(2026, 11, 22)),
        ("in 48 hours", date(2026, 11, 24)),
    ],
)
def test_parse_due_date_in_n_units(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("1/12", date(2026, 12, 1)),
        ("01/12/2026", date(2026, 12, 1)),
        ("1.12.26", date(2026, 12, 1)),
        ("1-12-2026", date(2026, 12, 1)),
        ("3/4", date(2027, 4, 3)),  # day-first, and April has passed this year
        ("12/1", date(2027, 1, 12)),
        ("22/11", date(2026, 11, 22)),  # today counts as on-or-after
        ("21/11", date(2027, 11, 21)),
        ("29/02", date(2028, 2, 29)),  # next 29 February that exists
        ("5/6/27", date(2027, 6, 5)),
    ],
)
def test_parse_due_date_numeric_day_first(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 December", date(2026, 12, 1)),
        ("1st Dec", date(2026, 12, 1)),
        ("the 1st of december", date(2026, 12, 1)),
        ("December 1", date(2026, 12, 1)),
        ("Dec 1st 2026", date(2026, 12, 1)),
        ("sept 14", date(2027, 9, 14)),
        ("3 January", date(2027, 1, 3)),
        ("on the 5th", date(2026, 12, 5)),
        ("the 30th", date(2026, 11, 30)),
        ("the 22nd", date(2026, 11, 22)),
    ],
)
def test_parse_due_date_day_and_month_names(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/1/2020", date(2020, 1, 1)),
        ("15 March 2025", date(2025, 3, 15)),
        ("2026-11-01", date(2026, 11, 1)),
    ],
)
def test_parse_due_date_past_explicit_year_is_returned(text: str, expected: date) -> None:
    assert parse_due_date(text, today=SUNDAY) == expected


@pytest.mark.parametrize(
    "text",
    ["31/02", "32 Jan", "0/0", "31 June", "13/13", "29/02/2027", "the 32nd", "2026-13-01"],
)
def test_parse_due_date_invalid_dates_are_none(text: str) -> None:
    assert parse_due_date(text, today=SUNDAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "when I can",
        "asap",
        "😀",
        "this week",
        "in a few days",
        "in a day or two",
        "in 2-3 days",
        "at 10.30",
        "1.12",  # dotted without a year reads as a time
        "1-12",  # hyphen without a year reads as a range
        "I'll do it 24/7",
        "I sat down and thought about it",
        "c'mon",
        "I may",
    ],
)
def test_parse_due_date_no_date_is_none(text: str) -> None:
    assert parse_due_date(text, today=SUNDAY) is None


@pytest.mark.parametrize(
    "text",
    ["friday or monday", "today or tomorrow", "friday 28 november", "tuesday 1/12 or 2/12"],
)
def test_parse_due_date_conflicting_dates_are_none(text: str) -> None:
    assert parse_due_date(text, today=SUNDAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", date(2026, 12, 4)),
        ("this friday", date(2026, 12, 4)),
        ("next friday", date(2026, 12, 4)),
        ("saturday", date(2026, 11, 28)),
        ("next saturday", date(2026, 12, 5)),
        ("next sunday", date(2026, 12, 6)),
        ("next monday", date(2026, 11, 30)),
        ("end of the week", date(2026, 11, 27)),
        ("the weekend", date(2026, 11, 28)),
        ("next weekend", date(2026, 12, 5)),
        ("next week", date(2026, 11, 30)),
    ],
)
def test_parse_due_date_when_today_is_friday(text: str, expected: date) -> None:
    assert parse_due_date(text, today=FRIDAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (NEW_YEARS_EVE, "tomorrow", date(2027, 1, 1)),
        (NEW_YEARS_EVE, "next month", date(2027, 1, 1)),
        (NEW_YEARS_EVE, "in a month", date(2027, 1, 31)),
        (NEW_YEARS_EVE, "end of the month", date(2026, 12, 31)),
        (NEW_YEARS_EVE, "end of next month", date(2027, 1, 31)),
        (NEW_YEARS_EVE, "3 January", date(2027, 1, 3)),
        (NEW_YEARS_EVE, "the 1st", date(2027, 1, 1)),
        (NEW_YEARS_EVE, "31/12", date(2026, 12, 31)),
        (NEW_YEARS_EVE, "30/12", date(2027, 12, 30)),
        (END_OF_JANUARY, "in a month", date(2026, 2, 28)),
        (END_OF_JANUARY, "next month", date(2026, 2, 1)),
        (END_OF_JANUARY, "end of next month", date(2026, 2, 28)),
        (END_OF_JANUARY, "in 2 months", date(2026, 3, 31)),
        (END_OF_JANUARY, "the 31st", date(2026, 1, 31)),
        (END_OF_JANUARY, "the 30th", date(2026, 3, 30)),  # February has no 30th
        (LEAP_END_OF_JANUARY, "in a month", date(2028, 2, 29)),
    ],
)
def test_parse_due_date_month_and_year_edges(today: date, text: str, expected: date) -> None:
    assert parse_due_date(text, today=today) == expected


def test_parse_due_date_uses_the_given_today_not_the_clock() -> None:
    assert parse_due_date("tomorrow", today=date(2000, 2, 28)) == date(2000, 2, 29)


_RANDOM = random.Random(20261122)
HOSTILE = [
    "a" * 20_000,
    "1/" * 10_000,
    "1." * 10_000,
    "9" * 20_000,
    " " * 19_999 + "x",
    "in " * 6_667,
    "the 1" * 4_000,
    "end of " * 3_000,
    "😀" * 20_000,
    "".join(_RANDOM.choice(string.printable) for _ in range(20_000)),
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_parse_due_date_hostile_input_is_fast_and_none(text: str) -> None:
    started = time.perf_counter()
    assert parse_due_date(text, today=SUNDAY) is None
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        (date(2026, 11, 22), SUNDAY, "today"),
        (date(2026, 11, 23), SUNDAY, "tomorrow"),
        (date(2026, 11, 24), SUNDAY, "Tuesday 24 November"),
        (date(2026, 11, 27), SUNDAY, "Friday 27 November"),
        (date(2026, 11, 21), SUNDAY, "Saturday 21 November"),
        (date(2027, 1, 4), SUNDAY, "Monday 4 January 2027"),
        (date(2027, 1, 1), NEW_YEARS_EVE, "tomorrow"),
        (date(2027, 1, 2), NEW_YEARS_EVE, "Saturday 2 January 2027"),
        (date(2025, 12, 31), SUNDAY, "Wednesday 31 December 2025"),
    ],
)
def test_describe_due_date_wording(due: date, today: date, expected: str) -> None:
    assert describe_due_date(due, today=today) == expected


@pytest.mark.parametrize("text", ["by friday", "1/12", "next month", "in a fortnight"])
def test_describe_due_date_round_trips_parsed_dates(text: str) -> None:
    due = parse_due_date(text, today=SUNDAY)
    assert due is not None
    assert describe_due_date(due, today=SUNDAY).split()[-1] in {"November", "December"}
