"""Turning a planned reflection into rows, shaped as ``bot.store.recording`` writes them.

The same columns, statuses, event types and step ids as a real turn leaves behind (a command,
the session's start, one event per answer, its end, the commitment), so the dashboard and the
evaluators' figures read demo data exactly as they would read the real thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.demo.reflections import Plan, Review
from bot.demo.writer import BulkWriter
from bot.flows import templates
from bot.store.models import EventType
from bot.store.recording import CLOSING_DECISIONS, ENDED_EVENT

ELSEWHERE = "…"
Reflection = tuple[int, str, int]  # session id, flow id, flow version


@dataclass
class Person:
    """One invented participant while their history is being written."""

    id: int
    joined: datetime
    cohort_id: int | None = None  # set once they have joined their cohort
    sessions: int = 0
    open_items: list[dict[str, Any]] = field(default_factory=list)
    last_active: datetime | None = None
    events: int = 0

    def active_at(self, at: datetime) -> None:
        if self.last_active is None or at > self.last_active:
            self.last_active = at


def event(
    writer: BulkWriter,
    person: Person,
    kind: EventType,
    at: datetime,
    *,
    reflection: Reflection | None = None,
    step_id: str | None = None,
    detail: str | None = None,
) -> None:
    session_id, flow_id, flow_version = reflection or (None, None, None)
    writer.add(
        "engagement_events",
        {
            "participant_id": person.id,
            "cohort_id": person.cohort_id,
            "type": str(kind),
            "flow_id": flow_id,
            "flow_version": flow_version,
            "session_id": session_id,
            "step_id": step_id,
            "detail": detail,
            "occurred_at": at,
        },
    )
    person.events += 1


def write_reflection(writer: BulkWriter, person: Person, plan: Plan, *, private: bool) -> None:
    """Every row the plan stands for, its events included (``plan.cost`` of them)."""
    shape = plan.shape
    person.sessions += 1
    event(writer, person, EventType.COMMAND_USED, plan.started, detail=shape.command)
    session_id = writer.add(
        "reflection_sessions",
        {
            "participant_id": person.id,
            "number": person.sessions,
            "flow_id": shape.id,
            "flow_version": shape.version,
            "step_id": plan.step_id,
            "status": plan.status,
            "started_at": plan.started,
            "updated_at": plan.ended or plan.last_at,
            "ended_at": plan.ended,
            "private": private,
        },
    )
    reflection = (session_id, shape.id, shape.version)
    event(writer, person, EventType.SESSION_STARTED, plan.started, reflection=reflection)
    for given in plan.given:
        writer.add(
            "answers",
            {
                "session_id": session_id,
                "step_id": given.question.id,
                "step_kind": "skipped" if given.skipped else given.question.kind,
                "text": given.text,
                "value": given.value,
                "skipped": given.skipped,
                "answered_at": given.at,
            },
        )
        kind = EventType.STEP_SKIPPED if given.skipped else EventType.STEP_ANSWERED
        event(writer, person, kind, given.at, reflection=reflection, step_id=given.question.id)
    for review in plan.reviews:
        _write_review(writer, person, review, reflection)
    if plan.commits:
        _write_commitment(writer, person, plan, reflection)
    person.active_at(plan.last_at)
    if plan.ended is None:
        return
    if plan.status == "cancelled":
        event(writer, person, EventType.COMMAND_USED, plan.ended, detail="cancel")
        person.active_at(plan.ended)
    event(
        writer,
        person,
        ENDED_EVENT[plan.status],
        plan.ended,
        reflection=reflection,
        step_id=plan.step_id,
    )


def _write_commitment(
    writer: BulkWriter, person: Person, plan: Plan, reflection: Reflection
) -> None:
    ending = plan.shape.ending
    assert ending is not None and plan.ended is not None
    slots = {g.question.id: str(g.value) for g in plan.given if not g.skipped}
    due = slots.get(ending.due) if ending.due else None
    row = _item(
        person,
        session_id=reflection[0],
        kind=ending.kind,
        text=templates.fill(ending.text, lambda name: slots.get(name, ELSEWHERE)),
        detail=templates.fill(ending.detail, lambda name: slots.get(name, ELSEWHERE))
        if ending.detail
        else None,
        due=date.fromisoformat(due) if due else None,
        at=plan.ended,
    )
    writer.add("ledger_items", row)
    made = EventType.COMMITMENT_MADE
    event(writer, person, made, plan.ended, reflection=reflection, detail=ending.kind)


def _write_review(
    writer: BulkWriter, person: Person, review: Review, reflection: Reflection
) -> None:
    """The review row, the item's new state, and a revised item when it was changed."""
    answers, item, at = review.answers, review.item, review.at

    def said(step_id: str) -> str | None:
        given = answers.get(step_id)
        return given.text if given is not None and not given.skipped else None

    decision = str(answers["decision"].value)
    outcome = said("what_happened") or said("what_stopped")
    due = answers.get("next_due")
    next_due = date.fromisoformat(str(due.value)) if due is not None and not due.skipped else None
    writer.add(
        "ledger_reviews",
        {
            "item_id": item["id"],
            "session_id": reflection[0],
            "happened": str(answers["happened"].value) if "happened" in answers else "yes",
            "outcome": outcome,
            "learning": said("learned"),
            "decision": decision,
            "next_step": said("next_step"),
            "next_due": next_due,
            "reviewed_at": at,
        },
    )
    item["outcome"] = outcome or item["outcome"]
    item["learning"] = said("learned") or item["learning"]
    item["revised_belief"] = said("belief_now") or item["revised_belief"]
    item["updated_at"] = at
    if decision == "keep":
        item["due_on"] = next_due or item["due_on"]
    else:
        item["status"] = CLOSING_DECISIONS.get(decision, item["status"])
        item["closed_at"] = at
        person.open_items.remove(item)
        revised = said("revised_text")
        if decision == "revise" and revised:
            row = _item(
                person,
                session_id=reflection[0],
                kind=item["kind"],
                text=revised,
                detail=said("next_step"),
                due=next_due,
                at=at,
                parent_id=item["id"],
            )
            writer.add("ledger_items", row)
    event(writer, person, EventType.COMMITMENT_REVIEWED, at, reflection=reflection, detail=decision)


def _item(
    person: Person,
    *,
    session_id: int,
    kind: str,
    text: str,
    detail: str | None,
    due: date | None,
    at: datetime,
    parent_id: int | None = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "participant_id": person.id,
        "session_id": session_id,
        "parent_id": parent_id,
        "kind": kind,
        "text": text,
        "detail": detail,
        "due_on": due,
        "status": "open",
        "outcome": None,
        "learning": None,
        "revised_belief": None,
        "created_at": at,
        "updated_at": at,
        "closed_at": None,
    }
    person.open_items.append(row)
    return row
