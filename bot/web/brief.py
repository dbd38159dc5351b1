"""The pre-call brief: one printable page, in the order the coach needs it on the call.

What the person wants to talk about comes first, then their commitments and what came of them,
the themes that keep recurring, a short digest of their reflections (the full text stays on the
timeline), and last the suggested questions. "Since the last call" is since a call request was
last marked done; before any, everything shared. Every list is capped, the commitments and the
digest get only the printed lines the rest leaves (``page_budget``), and whatever is left out is
counted and pointed to on the timeline, so the page stays one page however busy the person is.

It is built from the coach's ``Record`` only, so it shows nothing the timeline would not (no
reflections or commitments the person keeps from the coach, no note when they do not share).
The suggested questions are chosen by what happened, from ``prompts/coaching_questions.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.coaching_questions import CoachingQuestions
from bot.flows.library import FlowLibrary
from bot.lens.content import LensContent
from bot.store.calls import CallView
from bot.store.caseload import OPEN, Record, is_late
from bot.store.models import LedgerItem
from bot.web import page_budget
from bot.web.digest import Digest, digest, shorten
from bot.web.theme_sources import commitments, shared_reflections
from bot.web.themes import Themes, recurring_themes
from bot.web.timeline import ReflectionView, reflection_views

DROPPED = frozenset({"cancelled", "abandoned"})
MOST_CALLS = 3
MOST_OUTCOMES = 5
MOST_OPEN = 6
TEXT_LIMIT = 150
NOTE_LIMIT = 240  # a call note may run to thousands of characters; the rest is on the timeline


@dataclass(frozen=True)
class CommitmentLine:
    text: str  # shortened for the page, like the outcome and belief
    kind: str
    due_on: date | None
    status: str
    new: bool  # made since the last call
    late: bool
    outcome: str | None
    believes: str | None


@dataclass(frozen=True)
class CallLine:
    requested_at: datetime
    note: str | None  # shortened for the page
    note_cut: bool
    note_withheld: bool  # a note the coach may not read (the person does not share)


@dataclass(frozen=True)
class Brief:
    since: datetime | None
    calls: Sequence[CallLine]  # requests not yet marked done, newest first
    calls_left_out: int
    outcomes: Sequence[CommitmentLine]  # closed since the last call: done, changed or dropped
    outcomes_left_out: int
    open_items: Sequence[CommitmentLine]  # still open, late and soonest due first
    open_left_out: int
    themes: Themes
    digest: Digest  # the reflections started since the last call
    questions: Sequence[str]


def build_brief(
    *,
    record: Record,
    since: datetime | None,
    today: date,
    flows: FlowLibrary,
    questions: CoachingQuestions,
    lens_content: LensContent | None = None,
) -> Brief:
    """With ``lens_content``, the reasoning lens's patterns (read from the reflections the
    coach may see) count as themes too, under the same rule as the others."""

    def recent(at: datetime) -> bool:
        return since is None or at > since

    views = reflection_views(
        reflections=record.reflections,
        answers=record.answers,
        flows=flows,
        lens=record.lens if lens_content else None,
        lens_content=lens_content,
    )
    labelled: dict[str, set[int]] = {}
    if lens_content is not None:
        for view in views:
            for label in view.label_set:
                labelled.setdefault(lens_content.name(label), set()).add(view.number)
    reflections = [view for view in views if recent(view.started_at)]
    closed = [
        item
        for item in record.ledger
        if item.status != OPEN and item.closed_at is not None and recent(item.closed_at)
    ]
    closed.sort(key=lambda item: item.closed_at or item.updated_at, reverse=True)
    still_open = sorted(
        (item for item in record.ledger if item.status == OPEN),
        key=lambda item: (not is_late(item, today=today), item.due_on or date.max, item.id),
    )
    calls = [call for call in record.calls if call.done_at is None]
    themes = recurring_themes(
        reflections=shared_reflections(record=record, flows=flows, recent=recent),
        commitments=commitments(record=record, recent=recent),
        labelled=labelled,
    )
    situations = _situations(record, reflections, today=today, calls=calls, recent=recent)
    picked = questions.pick(situations)
    call_lines = [_call(call) for call in calls[:MOST_CALLS]]

    # Everything but the commitments and the digest is short and always shown; each note
    # line starts "Asked <when>:". A line is kept for each "N more on the timeline" (calls,
    # closed and open commitments, reflections).
    used = (
        page_budget.FIXED
        + sum(max(1, page_budget.lines(c.note, extra=60 if c.note_cut else 32)) for c in call_lines)
        + page_budget.themes(themes)
        + page_budget.listed(picked)
        + 4
    )
    # Commitments take what they need, in order of need (late ones, then what came of those
    # closed, then the rest open), keeping room for one reflection; the digest gets the rest.
    late = [item for item in still_open if is_late(item, today=today)]
    candidates = [*late, *closed[:MOST_OUTCOMES], *still_open[len(late) : MOST_OPEN]]
    shown = {item.id: _line(item, today=today, new=recent(item.created_at)) for item in candidates}
    costs = [page_budget.commitment(x.text, x.outcome, x.believes) for x in shown.values()]
    room = page_budget.PAGE - used - 2 * page_budget.SUBHEADING
    if reflections:
        room -= page_budget.ONE_REFLECTION
    kept = {item.id for item in candidates[: page_budget.fit(costs, room)]}
    outcomes = [shown[item.id] for item in closed if item.id in kept]
    open_items = [shown[item.id] for item in still_open if item.id in kept]
    used += sum(costs[: len(kept)]) + page_budget.SUBHEADING * (1 + bool(outcomes))
    return Brief(
        since=since,
        calls=call_lines,
        calls_left_out=max(0, len(calls) - MOST_CALLS),
        outcomes=outcomes,
        outcomes_left_out=len(closed) - len(outcomes),
        open_items=open_items,
        open_left_out=len(still_open) - len(open_items),
        themes=themes,
        digest=digest(views=reflections, flows=flows, room=page_budget.PAGE - used),
        questions=picked,
    )


def _call(call: CallView) -> CallLine:
    note, cut = shorten(call.note, limit=NOTE_LIMIT) if call.note else (None, False)
    return CallLine(
        requested_at=call.requested_at,
        note=note,
        note_cut=cut,
        note_withheld=call.note_withheld,
    )


def _line(item: LedgerItem, *, today: date, new: bool) -> CommitmentLine:
    def short(text: str | None) -> str | None:
        return shorten(text, limit=TEXT_LIMIT)[0] if text else None

    return CommitmentLine(
        text=short(item.text) or "",
        kind=item.kind.replace("_", " "),
        due_on=item.due_on,
        status=item.status,
        new=new,
        late=is_late(item, today=today),
        outcome=short(item.outcome),
        believes=short(item.revised_belief),
    )


def _situations(
    record: Record,
    reflections: Sequence[ReflectionView],
    *,
    today: date,
    calls: Sequence[CallView],
    recent: Callable[[datetime], bool],
) -> list[str]:
    """What happened, as the question file's situation names."""
    found = []
    if any(is_late(item, today=today) for item in record.ledger):
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
