"""One invented participant's whole history, from joining to their last message.

Each person gets a share of ``--events`` (``budget``) and spends exactly that many: joining and
consent first, then what they chose to do (reminders, a change of mind about sharing, a call
asked for, a crisis card shown), then reflections spread over the weeks they stayed engaged,
most of them early on, and finally small things (commands, reminders sent) for whatever is left.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.demo.care import call, safety_flag
from bot.demo.reflections import plan_reflection
from bot.demo.rows import Person, event, write_reflection
from bot.demo.shapes import FlowShape
from bot.demo.writer import BulkWriter
from bot.store.audit import AuditAction
from bot.store.consent import PURPOSES
from bot.store.invites import ALPHABET, CODE_LENGTH
from bot.store.models import EventType

SHARE = 0.82  # say yes to their coach seeing their reflections
MODEL = 0.6
REMINDERS = 0.4
CHANGE_MIND = 0.06
SAFETY = 0.025
CALLS = 0.12
PRIVATE = 0.07  # of finished reflections, kept from the coach
EVENTS_PER_REFLECTION = 14  # roughly, to space them out before knowing their cost
FLOW_WEIGHTS = {"defensive-reasoning": 25, "assumption-test": 20, "ability-to-respond": 30}
COMMANDS = ("progress", "help", "ask", "reflect", "privacy")


@dataclass(frozen=True)
class Joining:
    """Who joins when, where, and how much they will do."""

    pseudonym: str
    cohort_id: int | None
    coach_id: int | None
    joined: datetime
    active_until: datetime
    budget: int


@dataclass(frozen=True)
class World:
    """What every participant shares: the flows, the notice, the clock's end, the admin."""

    shapes: Sequence[FlowShape]
    notice_version: str
    end: datetime
    admin_id: int
    invite_hash: Callable[[str], str]


def fixed_cost(joining: Joining) -> int:
    """Events every participant has: joining and consent, and joining a cohort if they did."""
    return 2 + (joining.cohort_id is not None)


def write_participant(
    writer: BulkWriter, rng: random.Random, joining: Joining, world: World
) -> Person:
    joined = joining.joined
    row = {
        "pseudonym": joining.pseudonym,
        "cohort_id": joining.cohort_id,
        "timezone": "Europe/London",
        "created_at": joined,
        "last_active_at": joined,
    }
    person = Person(writer.add("participants", row), joined)
    person.active_at(joined)
    sharing = rng.random() < SHARE
    _join(writer, rng, person, joining, world, sharing=sharing)
    left = joining.budget - fixed_cost(joining)
    span = joining.active_until - joined
    reminders = rng.random() < REMINDERS and left >= 2
    if reminders:
        at = joined + span * rng.random() * 0.3
        event(writer, person, EventType.COMMAND_USED, at, detail="remind")
        event(writer, person, EventType.REMINDERS_CHANGED, at, detail="on")
        person.active_at(at)
        left -= 2
    if rng.random() < CHANGE_MIND and left >= 2:
        sharing = _change_mind(writer, rng, person, world, joined + span * rng.random(), sharing)
        left -= 2
    while rng.random() < (SAFETY if left >= 1 else 0):
        safety_flag(writer, rng, person, joined + span * rng.random())
        left -= 1
    calls = rng.randint(1, 2) if rng.random() < CALLS else 0
    for _ in range(min(calls, left // 2)):
        call(
            writer,
            rng,
            person,
            coach_id=joining.coach_id,
            end=world.end,
            at=joined + span * rng.random(),
        )
        left -= 2
    left = _reflections(writer, rng, person, joining, world, left, sharing=sharing)
    _fill(writer, rng, person, joining, left, reminders=reminders)
    row["last_active_at"] = person.last_active
    return person


def _join(
    writer: BulkWriter,
    rng: random.Random,
    person: Person,
    joining: Joining,
    world: World,
    *,
    sharing: bool,
) -> None:
    """Created, consent given, then the invite code spent (the cohort is known only after)."""
    at = joining.joined
    event(writer, person, EventType.PARTICIPANT_JOINED, at)
    choices = {"keep": True, "share": sharing, "model": rng.random() < MODEL}
    consented = at + timedelta(minutes=1)
    for purpose in PURPOSES:
        _consent(writer, person, purpose, choices[purpose], world, consented)
    detail = f"share={int(choices['share'])} model={int(choices['model'])}"
    event(writer, person, EventType.CONSENT_GIVEN, consented, detail=detail)
    if joining.cohort_id is not None:
        code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
        issued = at - timedelta(days=rng.randint(1, 10))
        writer.add(
            "invite_codes",
            {
                "code_hash": world.invite_hash(code),
                "cohort_id": joining.cohort_id,
                "created_at": issued,
                "expires_at": issued + timedelta(days=30),
                "used_at": consented,
                "used_by": person.id,
            },
        )
        person.cohort_id = joining.cohort_id
        event(writer, person, EventType.COHORT_JOINED, consented)
    if joining.coach_id is not None:
        assigned = min(world.end, at + timedelta(hours=rng.randint(2, 72)))
        writer.add(
            "coach_assignments",
            {"participant_id": person.id, "staff_id": joining.coach_id, "assigned_at": assigned},
        )
        writer.add(
            "audit_log",
            {
                "at": assigned,
                "staff_id": world.admin_id,
                "action": str(AuditAction.PARTICIPANT_ASSIGNED),
                "participant_id": person.id,
                "erased_ref": None,
                "target_staff_id": joining.coach_id,
                "detail": None,
            },
        )


def _consent(
    writer: BulkWriter, person: Person, purpose: str, granted: bool, world: World, at: datetime
) -> None:
    writer.add(
        "consent_records",
        {
            "participant_id": person.id,
            "purpose": purpose,
            "granted": granted,
            "notice_version": world.notice_version,
            "recorded_at": at,
        },
    )


def _change_mind(
    writer: BulkWriter,
    rng: random.Random,
    person: Person,
    world: World,
    at: datetime,
    sharing: bool,
) -> bool:
    """/consent: sharing turned the other way (the model choice restated as it was)."""
    model = rng.random() < MODEL
    _consent(writer, person, "share", not sharing, world, at)
    _consent(writer, person, "model", model, world, at)
    event(writer, person, EventType.COMMAND_USED, at, detail="consent")
    detail = f"share={int(not sharing)} model={int(model)}"
    event(writer, person, EventType.CONSENT_CHANGED, at, detail=detail)
    person.active_at(at)
    return not sharing


def _reflections(
    writer: BulkWriter,
    rng: random.Random,
    person: Person,
    joining: Joining,
    world: World,
    left: int,
    *,
    sharing: bool,
) -> int:
    """Reflections while they fit in what is left of the budget; what is left after them."""
    span = joining.active_until - joining.joined
    count = left // EVENTS_PER_REFLECTION
    # Most activity comes soon after joining and tails off.
    starts = sorted(
        joining.joined + timedelta(minutes=10) + span * rng.random() ** 1.6 for _ in range(count)
    )
    review = next((shape for shape in world.shapes if shape.review), None)
    others = [shape for shape in world.shapes if not shape.review]
    weights = [FLOW_WEIGHTS.get(shape.id, 20) for shape in others]
    previous_end = joining.joined
    for index, start in enumerate(starts):
        start = max(start, previous_end + timedelta(minutes=10))
        if review is not None and person.open_items and rng.random() < 0.45:
            shape = review
        else:
            shape = rng.choices(others, weights=weights)[0]
        following = starts[index + 1] if index + 1 < len(starts) else world.end
        plan = plan_reflection(
            rng,
            shape,
            started=start,
            open_items=person.open_items,
            next_start=min(following, world.end),
            may_stay_open=index + 1 == len(starts),
        )
        if plan.cost > left:
            break
        private = plan.status == "completed" and rng.random() < PRIVATE
        write_reflection(writer, person, plan, private=private)
        left -= plan.cost
        previous_end = plan.ended or plan.last_at
    return left


def _fill(
    writer: BulkWriter,
    rng: random.Random,
    person: Person,
    joining: Joining,
    left: int,
    *,
    reminders: bool,
) -> None:
    """The rest of the budget: reminders sent to them, and commands they used."""
    span = joining.active_until - joining.joined
    for _ in range(left):
        at = joining.joined + span * rng.random()
        if reminders and rng.random() < 0.7:
            kind = "due" if rng.random() < 0.3 else "nudge"
            event(writer, person, EventType.REMINDER_SENT, at, detail=kind)
        else:
            event(writer, person, EventType.COMMAND_USED, at, detail=rng.choice(COMMANDS))
            person.active_at(at)
