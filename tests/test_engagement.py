"""Evaluator figures from the store, against sums worked out here from the world's own facts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import func, select

from bot.services import Services
from bot.store import engagement, engagement_outcomes
from bot.store.activity_weeks import catch_up
from bot.store.engagement import Scope, Tally
from bot.store.models import ActivityWeek, EngagementEvent, EventType
from bot.store.participants import erase_participant
from bot.store.weeks import Period

from engagement_world import FIRST_WEEK, LAST_WEEK, TODAY, World, at, build_world, monday

YEAR = Period(FIRST_WEEK, LAST_WEEK)
SPRING = Period(date(2026, 3, 2), date(2026, 4, 27))


@pytest.fixture
def world(services: Services) -> World:
    with services.database.transaction() as session:
        built = build_world(session)
        catch_up(session=session)
    return built


def _scopes(world: World) -> list[tuple[Scope, set[int]]]:
    return [
        (Scope(), world.members()),
        (Scope(programme_id=world.programmes["leading"]), world.members(programme="leading")),
        (Scope(cohort_id=world.cohorts["leeds"]), world.members(cohort="leeds")),
    ]


def _inside(moment, period: Period) -> bool:
    return period.first <= monday(moment) <= period.last


def _tallies(facts: list[tuple[object, int]]) -> dict[object, Tally]:
    """key -> (how many facts, how many different people), from (key, person) pairs."""
    counts: dict[object, int] = defaultdict(int)
    people: dict[object, set[int]] = defaultdict(set)
    for key, person in facts:
        counts[key] += 1
        people[key].add(person)
    return {key: Tally(counts[key], len(people[key])) for key in counts}


def test_weekly_activity_counts_each_person_once_a_week(services: Services, world: World) -> None:
    created = {person.id: monday(person.created_at) for person in world.people}
    for (scope, members), period in product(_scopes(world), (YEAR, SPRING)):
        weeks: dict[date, set[int]] = defaultdict(set)
        for person, when in world.activity:
            if person in members and _inside(when, period):
                weeks[monday(when)].add(person)
        expected = {
            week: (len(people), sum(created[p] == week for p in people))
            for week, people in weeks.items()
        }
        with services.database.transaction() as session:
            found = engagement.weekly_activity(session=session, scope=scope, period=period)
        assert {week: (a.active, a.new) for week, a in found.items()} == expected
        assert all(a.returning == a.active - a.new for a in found.values())


def test_the_rollup_catches_up_on_new_events_and_forgets_erased_people(
    services: Services, world: World
) -> None:
    person = next(p for p in world.people if p.cohort == "leeds")
    later = at(date(2026, 11, 18))  # a week the person was not active in yet
    assert monday(later) not in {monday(when) for who, when in world.activity if who == person.id}
    with services.database.transaction() as session:
        rows = session.scalar(select(func.count()).select_from(ActivityWeek))
        catch_up(session=session)  # nothing new since the fixture's: nothing changes
        assert session.scalar(select(func.count()).select_from(ActivityWeek)) == rows
        before = engagement.weekly_activity(session=session, scope=Scope(), period=YEAR)
        session.add(
            EngagementEvent(
                participant_id=person.id,
                cohort_id=world.cohorts["leeds"],
                type=EventType.COMMAND_USED.value,
                occurred_at=later,
            )
        )
        session.flush()
        catch_up(session=session)
        assert session.scalar(select(func.count()).select_from(ActivityWeek)) == rows + 1
        after = engagement.weekly_activity(session=session, scope=Scope(), period=YEAR)
    week = monday(later)
    assert after[week].active == (before[week].active if week in before else 0) + 1
    with services.database.transaction() as session:
        erase_participant(session=session, participant_id=person.id)
    with services.database.transaction() as session:
        left = session.scalar(select(func.count()).where(ActivityWeek.participant_id == person.id))
        assert left == 0
        gone = engagement.weekly_activity(session=session, scope=Scope(), period=YEAR)
    assert gone[week].active == after[week].active - 1


def test_cohorts_have_their_people_enrolled_new_active_and_retained(
    services: Services, world: World
) -> None:
    with services.database.transaction() as session:
        lines = engagement.cohort_lines(session=session, scope=Scope(), period=SPRING)
    by_name = {line.name: line for line in lines}
    assert [line.name for line in lines] == ["Camden spring", "Hackney autumn", "Leeds", None]
    for key, name in (
        ("camden", "Camden spring"),
        ("hackney", "Hackney autumn"),
        ("leeds", "Leeds"),
        (None, None),
    ):
        people = [p for p in world.people if p.cohort == key]
        active = {who for who, when in world.activity if _inside(when, SPRING)}
        line = by_name[name]
        assert line.enrolled == len(people)
        assert line.new == sum(_inside(p.created_at, SPRING) for p in people)
        assert line.active == len({p.id for p in people} & active)
    # A recorded workshop gives the start; without one, the week of the first enrolment.
    assert by_name["Camden spring"].start == date(2026, 3, 2)
    assert not by_name["Camden spring"].start_is_enrolment
    assert by_name["Hackney autumn"].start == date(2026, 6, 8)
    assert by_name["Hackney autumn"].start_is_enrolment
    assert by_name["Leeds"].start == date(2026, 9, 14)
    with services.database.transaction() as session:
        lines = engagement.cohort_lines(
            session=session, scope=Scope(programme_id=world.programmes["partners"]), period=YEAR
        )
    assert [(line.name, line.enrolled) for line in lines] == [("Leeds", 4)]
    # Retention: each cohort's people, week by week since its start.
    with services.database.transaction() as session:
        lines = engagement.retention(session=session, scope=Scope(), period=YEAR, horizon=12)
    starts = {
        "Camden spring": date(2026, 3, 2),
        "Hackney autumn": date(2026, 6, 8),
        "Leeds": date(2026, 9, 14),
    }
    assert [line.name for line in lines] == list(starts)
    for line in lines:
        key = next(k for k, c in world.cohorts.items() if c == line.cohort_id)
        members = world.members(cohort=key)
        expected: dict[int, set[int]] = defaultdict(set)
        for person, when in world.activity:
            offset = (monday(when) - starts[line.name]).days // 7
            if person in members and 0 <= offset <= 12:
                expected[offset].add(person)
        assert line.active_by_week == {k: len(v) for k, v in expected.items()}
        assert line.enrolled == len(members)
    with services.database.transaction() as session:
        later = engagement.retention(
            session=session, scope=Scope(), period=Period(date(2026, 6, 1), LAST_WEEK), horizon=12
        )
    assert [line.name for line in later] == ["Hackney autumn", "Leeds"]  # by start week


def test_reflections_stopping_points_commitments_calls_and_flags_are_counted(
    services: Services, world: World
) -> None:
    for scope, members in _scopes(world):
        for period in (YEAR, SPRING):
            expected = _tallies(
                [
                    ((flow, status == "completed"), person)
                    for person, flow, status, started, _ in world.sessions
                    if person in members and _inside(started, period)
                ]
            )
            with services.database.transaction() as session:
                found = engagement_outcomes.reflections_by_flow(
                    session=session, scope=scope, period=period
                )
            assert {k: v for k, v in found.items() if v.count} == expected
    for scope, members in _scopes(world):
        expected = _tallies(
            [
                ((flow, status, step), person)
                for person, flow, status, started, step in world.sessions
                if person in members and status != "completed" and _inside(started, YEAR)
            ]
        )
        with services.database.transaction() as session:
            found = engagement_outcomes.stopping_points(session=session, scope=scope, period=YEAR)
        assert found == expected
    for scope, members in _scopes(world):
        commitments = _tallies(
            [
                ((kind, status), person)
                for person, kind, status, made in world.ledger
                if person in members and _inside(made, YEAR)
            ]
        )
        calls = _tallies(
            [
                ((monday(asked), done), person)
                for person, asked, done in world.calls
                if person in members and _inside(asked, YEAR)
            ]
        )
        flags = _tallies(
            [
                ((raised.date().replace(day=1), category), person)
                for person, category, raised in world.flags
                if person in members and _inside(raised, YEAR)
            ]
        )
        with services.database.transaction() as session:
            found = engagement_outcomes.commitments(session=session, scope=scope, period=YEAR)
            assert {k: v for k, v in found.items() if v.count} == commitments
            assert (
                engagement_outcomes.calls_by_week(session=session, scope=scope, period=YEAR)
                == calls
            )
            assert (
                engagement_outcomes.safety_flags_by_month(session=session, scope=scope, period=YEAR)
                == flags
            )
    assert world.flags and world.calls and world.ledger  # the world has some of each


def test_periods_are_whole_weeks_and_know_their_months() -> None:
    period = Period.covering(date(2026, 1, 28), date(2026, 3, 1))  # a Wednesday, a Sunday
    assert (period.first, period.last, period.week_count) == (
        date(2026, 1, 26),
        date(2026, 2, 23),
        5,
    )
    assert period.end_at == at(date(2026, 3, 2), 0)
    assert period.months() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    with pytest.raises(ValueError):
        Period(date(2026, 1, 27), date(2026, 2, 23))  # not a Monday
    assert TODAY - timedelta(days=TODAY.weekday()) == LAST_WEEK
