"""The pre-call brief: one printable page of what happened since the last call.

"Since the last call" is since a call request was last marked done; before any, everything
shared. It is built from the coach's ``Record`` only, so it shows nothing the timeline would
not (no reflections or commitments the person keeps from the coach, no note when they do not
share). The suggested questions are chosen by what happened, from
``prompts/coaching_questions.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.coaching_questions import CoachingQuestions
from bot.flows.library import FlowLibrary
from bot.store.calls import CallView
from bot.store.caseload import OPEN, Record, is_late
from bot.store.models import LedgerItem
from bot.web.timeline import ReflectionView, reflection_views

DROPPED = frozenset({"cancelled", "abandoned"})


@dataclass(frozen=True)
class Brief:
    since: datetime | None
    reflections: Sequence[ReflectionView]  # started since, newest first
    made: Sequence[LedgerItem]  # commitments made since, with their outcomes so far
    open_items: Sequence[LedgerItem]  # everything still open, soonest due first
    late: frozenset[int]
    calls: Sequence[CallView]  # requests not yet marked done
    questions: Sequence[str]


def build_brief(
    *,
    record: Record,
    since: datetime | None,
    today: date,
    flows: FlowLibrary,
    questions: CoachingQuestions,
) -> Brief:
    def recent(at: datetime) -> bool:
        return since is None or at > since

    reflections = [
        view
        for view in reflection_views(
            reflections=record.reflections, answers=record.answers, flows=flows
        )
        if recent(view.started_at)
    ]
    made = [item for item in record.ledger if recent(item.created_at)]
    open_items = sorted(
        (item for item in record.ledger if item.status == OPEN),
        key=lambda item: (item.due_on is None, item.due_on or today, item.id),
    )
    late = frozenset(item.id for item in open_items if is_late(item, today=today))
    calls = [call for call in record.calls if call.done_at is None]
    situations = _situations(record, reflections, late=late, calls=calls, recent=recent)
    return Brief(
        since=since,
        reflections=reflections,
        made=made,
        open_items=open_items,
        late=late,
        calls=calls,
        questions=questions.pick(situations),
    )


def _situations(
    record: Record,
    reflections: Sequence[ReflectionView],
    *,
    late: frozenset[int],
    calls: Sequence[CallView],
    recent: Callable[[datetime], bool],
) -> list[str]:
    """What happened, as the question file's situation names."""
    found = []
    if late:
        found.append("late_items")
    revised = any(item.revised_belief and recent(item.updated_at) for item in record.ledger) or any(
        review.decision == "revise" and recent(review.reviewed_at)
        for reviews in record.reviews.values()
        for review in reviews
    )
    if revised:
        found.append("revised_beliefs")
    if any(view.status in DROPPED for view in reflections):
        found.append("drop_offs")
    if any(
        item.status == "done" and item.closed_at and recent(item.closed_at)
        for item in record.ledger
    ):
        found.append("kept")
    if any(call.note for call in calls):
        found.append("call_note")
    if not reflections:
        found.append("quiet")
    return found
