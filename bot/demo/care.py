"""The coach's side of an invented participant: crisis cards shown, calls asked for, notes.

A safety flag keeps a category and a time, never words, as the product does. A call is often
marked done by the person's coach within days, and the coach usually writes a note after it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from bot.demo import phrases
from bot.demo.rows import Person, event
from bot.demo.writer import BulkWriter
from bot.store.models import EventType

CALL_DONE = 0.65
COACH_NOTE = 0.8
CALL_NOTE = 0.7
CATEGORIES = {"indirect": 45, "self_harm": 20, "explicit": 20, "harm_from_others": 15}


def safety_flag(writer: BulkWriter, rng: random.Random, person: Person, at: datetime) -> None:
    category = rng.choices(list(CATEGORIES), weights=list(CATEGORIES.values()))[0]
    writer.add(
        "safety_flags",
        {"participant_id": person.id, "category": category, "raised_at": at, "reviewed_at": None},
    )
    event(writer, person, EventType.SAFETY_FLAG, at, detail=category)
    person.active_at(at)


def call(
    writer: BulkWriter,
    rng: random.Random,
    person: Person,
    *,
    coach_id: int | None,
    end: datetime,
    at: datetime,
) -> None:
    """/callme with a note, often marked done by the coach, who then writes a note."""
    scene = phrases.scene(rng)
    done_at = at + timedelta(days=rng.uniform(1, 10))
    done = coach_id is not None and done_at < end and rng.random() < CALL_DONE
    writer.add(
        "call_requests",
        {
            "participant_id": person.id,
            "note": phrases.call_note(rng, scene) if rng.random() < CALL_NOTE else None,
            "requested_at": at,
            "done_at": done_at if done else None,
            "done_by": coach_id if done else None,
        },
    )
    event(writer, person, EventType.COMMAND_USED, at, detail="callme")
    event(writer, person, EventType.CALL_REQUESTED, at)
    person.active_at(at)
    if done and coach_id is not None and rng.random() < COACH_NOTE:
        writer.add(
            "coach_notes",
            {
                "participant_id": person.id,
                "staff_id": coach_id,
                "text": phrases.coach_note(rng, scene),
                "created_at": min(end, done_at + timedelta(minutes=30)),
            },
        )
