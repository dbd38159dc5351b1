"""The check-in's actions: walk the person's open ledger items one at a time, record each review.

The flow asks the questions; these two actions pick the next item and turn the answers into a
``LedgerReviewed`` effect. Items created during this same check-in (a revised commitment) are not
offered again, and neither is an item already reviewed in it.
"""

from __future__ import annotations

from datetime import date

from bot.due_dates import describe_due_date
from bot.engine.actions import ActionContext, ActionResult, ActionSpec
from bot.engine.effects import LedgerReviewed
from bot.engine.state import SlotValue
from bot.redaction import Redacted

ITEM_SLOTS = frozenset(
    {"item_id", "item_text", "item_kind", "item_due", "item_detail", "item_position", "reviewed"}
)
ANSWER_SLOTS = (
    "happened",
    "what_happened",
    "what_stopped",
    "learned",
    "belief_now",
    "decision",
    "revised_text",
    "next_step",
    "next_due",
)
KIND_WORDS = {"experiment": "experiment", "assumption_test": "assumption test", "action": "action"}


def next_item(context: ActionContext) -> ActionResult:
    """Choose the next open item not yet reviewed in this check-in, soonest due first."""
    reviewed = _reviewed(context)
    candidates = [
        item
        for item in context.facts.open_ledger()
        if str(item.id) not in reviewed and item.session_number != context.number
    ]
    if not candidates:
        return ActionResult(result="none" if reviewed else "empty")
    candidates.sort(key=lambda item: (item.due or date.max, item.created_at))
    item = candidates[0]
    # Clear the previous item's answers so none of them is quoted or recorded against this one.
    slots: dict[str, SlotValue] = dict.fromkeys(ANSWER_SLOTS)
    slots.update(
        item_id=str(item.id),
        item_text=item.text,
        item_kind=KIND_WORDS.get(item.kind, item.kind),
        item_due=describe_due_date(item.due, today=context.today) if item.due else "no date set",
        item_detail=item.detail or "",
        item_position=f"{len(reviewed) + 1} of {len(reviewed) + len(candidates)}",
    )
    return ActionResult(result=item.kind, slots=slots)


def record_review(context: ActionContext) -> ActionResult:
    """Turn this item's answers into a ledger review."""
    slots = context.slots
    item_id = slots.get("item_id")
    if not isinstance(item_id, str):
        return ActionResult(result="skipped")

    def text(*names: str) -> Redacted | None:
        for name in names:
            value = slots.get(name)
            if isinstance(value, str) and value:
                return context.redact(value)
        return None

    next_due = slots.get("next_due")
    review = LedgerReviewed(
        number=context.number,
        item_id=int(item_id),
        happened=str(slots.get("happened") or "unknown"),
        outcome=text("what_happened", "what_stopped"),
        learning=text("learned"),
        revised_belief=text("belief_now"),
        decision=str(slots.get("decision") or "keep"),
        revised_text=text("revised_text"),
        next_step=text("next_step"),
        next_due=date.fromisoformat(next_due) if isinstance(next_due, str) else None,
        at=context.at,
    )
    return ActionResult(
        result="recorded",
        slots={"reviewed": [*_reviewed(context), item_id]},
        effects=[review],
    )


def _reviewed(context: ActionContext) -> list[str]:
    value = context.slots.get("reviewed")
    return list(value) if isinstance(value, list) else []


CHECKIN_ACTIONS = (
    ActionSpec(
        name="checkin.next_item",
        provides=ITEM_SLOTS | set(ANSWER_SLOTS),
        results=frozenset({"empty", "none", "experiment", "assumption_test", "action"}),
        run=next_item,
    ),
    ActionSpec(
        name="checkin.record",
        provides=frozenset({"reviewed"}),
        results=frozenset({"recorded", "skipped"}),
        run=record_review,
    ),
)
