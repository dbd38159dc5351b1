"""Turning flow steps and answers into words and buttons.

Quoted answers come from two places: the person's own words from the in-memory recall when this
process still has them, else the stored (redacted) slot. Stored text is built only from stored
slots, so nothing unredacted can leak into a ledger entry through a template.
"""

from __future__ import annotations

from datetime import date

from bot.due_dates import describe_due_date
from bot.engine.replies import Button, Reply
from bot.engine.turn import Turn
from bot.flows import templates
from bot.flows.schema import (
    ChoiceStep,
    Flow,
    InteractiveStep,
    MultiChoiceStep,
    QuestionStep,
    ScaleStep,
)
from bot.wording import Messages

DONE = "_done"
SKIP = "_skip"
SUGGESTION = "_s"
RECAP_LIMIT = 160


class Renderer:
    def __init__(self, *, messages: Messages) -> None:
        self.messages = messages

    def value(self, flow: Flow, turn: Turn, name: str, *, own_words: bool) -> str:
        """How an answer reads when quoted back."""
        if name == "flow_title":
            return flow.title
        if name == "today":
            return describe_due_date(turn.today, today=turn.today)
        active = turn.active
        value = active.slots.get(name)
        if value is None or value == []:
            return self.messages.say("skipped_answer")
        step = flow._index.get(name)
        if isinstance(step, ChoiceStep | MultiChoiceStep):
            labels = {option.value: option.label for option in step.options}
            picked = value if isinstance(value, list) else [str(value)]
            return _join([labels.get(v, v) for v in picked])
        if isinstance(step, ScaleStep):
            return f"{value}/{step.max}"
        if isinstance(step, QuestionStep) and step.input == "date" and isinstance(value, str):
            return describe_due_date(date.fromisoformat(value), today=turn.today)
        if isinstance(value, list):
            return _join(value)
        text = str(value)
        if own_words:
            remembered = turn.recall.get(f"{active.number}:{name}")
            if remembered and remembered[0] == text:
                return remembered[1]
        return text

    def fill(self, flow: Flow, turn: Turn, text: str, *, own_words: bool = True) -> str:
        return templates.fill(text, lambda name: self.value(flow, turn, name, own_words=own_words))

    def prompt(
        self, flow: Flow, turn: Turn, step: InteractiveStep, *, redraw: bool = False
    ) -> Reply:
        """The question for ``step``, with its buttons and a reminder of the situation."""
        active = turn.active
        parts: list[str] = []
        recap = flow.recap
        if recap and recap.slot != step.id and active.slots.get(recap.slot):
            situation = self.value(flow, turn, recap.slot, own_words=True)
            if len(situation) > RECAP_LIMIT:
                situation = situation[: RECAP_LIMIT - 1].rstrip() + "…"
            parts.append(self.messages.say("recap", label=recap.label, text=situation))
        parts.append(self.fill(flow, turn, step.text))
        buttons: list[Button] = []
        if isinstance(step, QuestionStep):
            if step.hint:
                parts.append(self.fill(flow, turn, step.hint))
            buttons = [
                Button(label, f"{SUGGESTION}{i}") for i, label in enumerate(step.suggestions)
            ]
        elif isinstance(step, ChoiceStep):
            buttons = [Button(option.label, option.value) for option in step.options]
        elif isinstance(step, MultiChoiceStep):
            parts.append(self.messages.say("pick_options"))
            buttons = [
                Button(("✓ " if option.value in active.picked else "") + option.label, option.value)
                for option in step.options
            ]
            buttons.append(Button(self.messages.say("done_button"), DONE))
        elif isinstance(step, ScaleStep):
            if step.low_label and step.high_label:
                parts.append(f"1 = {step.low_label} … {step.max} = {step.high_label}")
            buttons = [Button(str(n), str(n)) for n in range(1, step.max + 1)]
        if step.optional:
            buttons.append(Button(self.messages.say("skip_button"), SKIP))
        return Reply(
            text="\n\n".join(parts),
            buttons=tuple(buttons),
            token=active.token,
            updates_previous=redraw,
        )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
