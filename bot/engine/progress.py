"""The person's own history for ``/progress``: reflections done, and their ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

from bot.due_dates import describe_due_date
from bot.engine.facts import Progress
from bot.engine.lens_progress import describe_lens
from bot.flows.library import FlowLibrary
from bot.wording import Messages

RECENT_CLOSED = 5
STATUS_WORDS = {"done": "done", "dropped": "dropped", "revised": "revised"}


def describe_progress(
    progress: Progress,
    *,
    flows: FlowLibrary,
    messages: Messages,
    today: date,
    lens_names: Mapping[str, str] | None = None,
) -> str:
    """Plain words summarising a person's reflections and commitments."""
    if not progress.sessions and not progress.ledger:
        return messages.say("progress_empty")
    completed = Counter(s.flow_id for s in progress.sessions if s.status == "completed")
    lines = [
        messages.say(
            "progress_header", completed=sum(completed.values()), started=len(progress.sessions)
        )
    ]
    for flow in flows:
        if completed[flow.id]:
            lines.append(
                messages.say("progress_flow_line", flow_title=flow.title, count=completed[flow.id])
            )
    open_items = [item for item in progress.ledger if item.status == "open"]
    if open_items:
        lines += ["", messages.say("progress_open_header")]
        open_items.sort(key=lambda item: (item.due or date.max, item.created_at))
        for item in open_items:
            due = (
                describe_due_date(item.due, today=today)
                if item.due
                else messages.say("no_due_date")
            )
            overdue = item.due is not None and item.due < today
            name = "progress_overdue_line" if overdue else "progress_open_line"
            lines.append(messages.say(name, text=item.text, due=due))
    closed = [item for item in progress.ledger if item.status != "open"]
    if closed:
        lines += ["", messages.say("progress_closed_header")]
        closed.sort(key=lambda item: item.created_at, reverse=True)
        for item in closed[:RECENT_CLOSED]:
            status = STATUS_WORDS.get(item.status, item.status)
            lines.append(messages.say("progress_closed_line", text=item.text, status=status))
    if lens_names is not None and progress.lens:
        lines += ["", *describe_lens(progress.lens, messages=messages, names=lens_names)]
    lines += ["", messages.say("progress_footer")]
    return "\n".join(lines)
