"""A small, hand-built world of programmes, cohorts and participants for evaluator figures.

The rows go straight into the tables (as the bot would have left them) and the same facts are
kept here as plain Python lists, so tests can work out the expected figures themselves, with
sets and loops, instead of asking the code under test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.store.models import (
    CallRequest,
    Cohort,
    EngagementEvent,
    EventType,
    LedgerItem,
    Participant,
    Programme,
    ReflectionSession,
    SafetyFlag,
)

# A Friday; the default period is the 52 weeks up to the week holding it.
TODAY = date(2026, 11, 20)
FIRST_WEEK, LAST_WEEK = date(2025, 11, 24), date(2026, 11, 16)
FLOWS = ("defensive-reasoning", "assumption-test", "ability-to-respond", "check-in")
STEPS = {
    "defensive-reasoning": ("situation", "wanted", "said"),
    "assumption-test": ("facts", "story"),
    "ability-to-respond": ("problem", "own_part"),
    "check-in": ("happened",),
}


def at(day: date, hour: int = 12, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


def monday(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


@dataclass
class Person:
    id: int
    cohort: str | None  # the cohort's key in ``World.cohorts``
    created_at: datetime


@dataclass
class World:
    programmes: dict[str, int] = field(default_factory=dict)
    cohorts: dict[str, int] = field(default_factory=dict)
    programme_of: dict[str, str] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    activity: list[tuple[int, datetime]] = field(default_factory=list)  # everything they did
    sessions: list[tuple[int, str, str, datetime, str]] = field(default_factory=list)
    ledger: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    calls: list[tuple[int, datetime, bool]] = field(default_factory=list)
    flags: list[tuple[int, str, datetime]] = field(default_factory=list)

    def members(self, *, cohort: str | None = None, programme: str | None = None) -> set[int]:
        """The ids of the people in a cohort, a programme's cohorts, or (neither) everyone."""
        if cohort is not None:
            return {p.id for p in self.people if p.cohort == cohort}
        if programme is not None:
            return {
                p.id for p in self.people if p.cohort and self.programme_of[p.cohort] == programme
            }
        return {p.id for p in self.people}


COHORTS = {
    # key: (programme, name, workshop date or None, join day, people)
    "camden": ("leading", "Camden spring", date(2026, 3, 4), date(2026, 3, 3), 15),
    "hackney": ("leading", "Hackney autumn", None, date(2026, 6, 10), 12),
    "leeds": ("partners", "Leeds", date(2026, 9, 16), date(2026, 9, 16), 4),
}


def build_world(session: Session, *, seed: int = 7) -> World:
    """Write the world into the database; its facts come back for the tests' own sums."""
    rng = random.Random(seed)
    world = World()
    for key, name in (("leading", "Leading Together"), ("partners", "Partnerships")):
        programme = Programme(name=name, created_at=at(date(2025, 1, 6)))
        session.add(programme)
        session.flush()
        world.programmes[key] = programme.id
    for key, (programme_key, name, workshop, _, _) in COHORTS.items():
        cohort = Cohort(
            programme_id=world.programmes[programme_key],
            name=name,
            workshop_date=workshop,
            created_at=at(date(2025, 1, 6)),
        )
        session.add(cohort)
        session.flush()
        world.cohorts[key] = cohort.id
        world.programme_of[key] = programme_key
    joiners: list[tuple[str | None, datetime]] = []
    for key, (_, _, _, join_day, count) in COHORTS.items():
        joiners += [(key, at(join_day, 9, n)) for n in range(count)]
        if key == "hackney":  # its last member joins a week after the others
            joiners[-1] = (key, at(join_day + timedelta(days=7), 9))
    joiners += [(None, at(date(2026, 10, 1), 8, n)) for n in range(3)]  # joined without a code
    for n, (key, created) in enumerate(joiners):
        person = Participant(
            pseudonym=f"{n:064x}",
            cohort_id=world.cohorts[key] if key else None,
            created_at=created,
            last_active_at=created,
        )
        session.add(person)
        session.flush()
        world.people.append(Person(person.id, key, created))
    for person in world.people:
        _life(session, world, person, rng)
    session.flush()
    return world


def _life(session: Session, world: World, person: Person, rng: random.Random) -> None:
    cohort_id = world.cohorts[person.cohort] if person.cohort else None

    def event(kind: EventType, when: datetime, cohort: int | None = cohort_id) -> None:
        session.add(
            EngagementEvent(
                participant_id=person.id, cohort_id=cohort, type=kind.value, occurred_at=when
            )
        )
        if kind != EventType.REMINDER_SENT:
            world.activity.append((person.id, when))

    event(EventType.PARTICIPANT_JOINED, person.created_at, None)
    if cohort_id is not None:
        event(EventType.COHORT_JOINED, person.created_at + timedelta(minutes=1))
    weeks = rng.randint(0, 14)
    for week in sorted(rng.sample(range(1, 16), weeks)):
        when = person.created_at + timedelta(weeks=week, hours=rng.randint(0, 100))
        if when.date() < TODAY:
            event(EventType.COMMAND_USED, when)
    # Reminders are the bot's doing, not the person's: they must never count as activity.
    event(EventType.REMINDER_SENT, person.created_at + timedelta(weeks=20))
    if person.id % 5 == 0:  # either side of a week's edge (Sunday night / Monday, UTC)
        sunday = person.created_at.date() + timedelta(days=6 - person.created_at.weekday())
        event(EventType.COMMAND_USED, at(sunday, 23, 59, 59))
        event(EventType.COMMAND_USED, at(sunday + timedelta(days=1), 0, 0, 0))
    for number in range(1, rng.randint(1, 6) + 1):
        flow = rng.choice(FLOWS)
        started = person.created_at + timedelta(days=rng.randint(0, 45), minutes=number)
        status = rng.choice(
            ("completed", "completed", "completed", "cancelled", "abandoned", "active")
        )
        step = "end" if status == "completed" else rng.choice(STEPS[flow])
        row = ReflectionSession(
            participant_id=person.id,
            number=number,
            flow_id=flow,
            flow_version=1,
            step_id=step,
            status=status,
            started_at=started,
            updated_at=started,
            ended_at=None if status == "active" else started + timedelta(minutes=9),
            private=number % 3 == 0,  # private ones count too: they are only counted
        )
        session.add(row)
        world.sessions.append((person.id, flow, status, started, step))
        if status == "completed" and flow != "check-in":
            kind = {"defensive-reasoning": "experiment", "assumption-test": "assumption_test"}.get(
                flow, "commitment"
            )
            outcome = rng.choice(("open", "done", "done", "revised", "dropped"))
            made = started + timedelta(minutes=9)
            session.add(
                LedgerItem(
                    participant_id=person.id,
                    kind=kind,
                    text="a commitment",
                    status=outcome,
                    created_at=made,
                    updated_at=made,
                )
            )
            world.ledger.append((person.id, kind, outcome, made))
    if rng.random() < 0.6:
        asked = person.created_at + timedelta(days=rng.randint(1, 40))
        done = rng.random() < 0.6
        session.add(
            CallRequest(
                participant_id=person.id,
                requested_at=asked,
                done_at=asked + timedelta(days=2) if done else None,
            )
        )
        world.calls.append((person.id, asked, done))
    if person.id % 4 == 0:
        category = ("self_harm", "indirect", "explicit")[person.id % 3]
        raised = person.created_at + timedelta(days=person.id % 20)
        session.add(SafetyFlag(participant_id=person.id, category=category, raised_at=raised))
        world.flags.append((person.id, category, raised))
