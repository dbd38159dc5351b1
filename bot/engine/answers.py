"""Reading an answer to one question from a press or typed text.

People type where buttons are offered ("2", "the second one", "Win, not lose"), so each question
kind accepts the button's label or its number as well as the press itself. The result is a value
to store, a redraw of a multi-choice after a tick, or a problem to explain — never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.due_dates import parse_due_date
from bot.engine.render import DONE, SKIP, SUGGESTION
from bot.engine.text_input import normalise_label
from bot.flows.schema import ChoiceStep, InteractiveStep, MultiChoiceStep, QuestionStep, ScaleStep


@dataclass(frozen=True)
class Accepted:
    value: str | int | list[str]
    # The typed words, when the answer is free text (stored redacted).
    text: str | None = None


@dataclass(frozen=True)
class Toggled:
    picked: list[str]


@dataclass(frozen=True)
class Problem:
    message: str  # a Messages field name
    values: dict[str, object]


@dataclass(frozen=True)
class Skip:
    pass


Reading = Accepted | Toggled | Problem | Skip

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*(?:(?:/|out of|of)\s*\d{1,2})?\s*$")
_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\+)\s*")


def read_press(step: InteractiveStep, value: str, *, picked: list[str], today: date) -> Reading:
    """A button pressed on the current question."""
    if value == SKIP:
        return Skip()
    if isinstance(step, QuestionStep) and value.startswith(SUGGESTION):
        index = value.removeprefix(SUGGESTION)
        if index.isdigit() and int(index) < len(step.suggestions):
            # A suggestion is a shortcut for typing its label ("In a week" on a date question).
            return read_text(step, step.suggestions[int(index)], picked=picked, today=today)
    if isinstance(step, ChoiceStep) and value in _values(step):
        return Accepted(value)
    if isinstance(step, MultiChoiceStep):
        if value == DONE:
            return _finish(step, picked)
        if value in _values(step):
            toggled = [v for v in picked if v != value] if value in picked else [*picked, value]
            return Toggled([v for v in _values(step) if v in toggled])
    if isinstance(step, ScaleStep) and value.isdigit() and 1 <= int(value) <= step.max:
        return Accepted(int(value))
    return Problem("not_an_option", {"text": value})


def read_text(step: InteractiveStep, text: str, *, picked: list[str], today: date) -> Reading:
    """Typed text as an answer to the current question."""
    if isinstance(step, QuestionStep):
        if step.input == "date":
            due = parse_due_date(text, today=today)
            if due is None:
                return Problem("date_invalid", {})
            if due < today:
                return Problem("date_past", {})
            return Accepted(due.isoformat(), text=text)
        return Accepted(text, text=text)
    if isinstance(step, ScaleStep):
        match = _NUMBER.match(text)
        if match and 1 <= int(match.group(1)) <= step.max:
            return Accepted(int(match.group(1)))
        return Problem("scale_invalid", {"max": step.max})
    if isinstance(step, ChoiceStep):
        option = _option_for(step, text)
        return Accepted(option) if option else Problem("not_an_option", {"text": _short(text)})
    if normalise_label(text) in {"done", normalise_label("Done")}:
        return _finish(step, picked)
    chosen: list[str] = []
    for part in _SEPARATORS.split(text):
        if not part.strip():
            continue
        option = _option_for(step, part)
        if option is None:
            # The whole text may be one label that itself contains "and" or a comma.
            whole = _option_for(step, text)
            if whole is None:
                return Problem("not_an_option", {"text": _short(text)})
            chosen = [whole]
            break
        chosen.append(option)
    if len(chosen) == 1:
        value = chosen[0]
        toggled = [v for v in picked if v != value] if value in picked else [*picked, value]
        return Toggled([v for v in _values(step) if v in toggled])
    return _finish(step, [v for v in _values(step) if v in chosen])


def _finish(step: MultiChoiceStep, picked: list[str]) -> Reading:
    if len(picked) < step.min_picks:
        return Problem("need_more_picks", {"count": step.min_picks})
    return Accepted(list(picked))


def _option_for(step: ChoiceStep | MultiChoiceStep, text: str) -> str | None:
    wanted = normalise_label(text)
    if wanted.isdigit() and 1 <= int(wanted) <= len(step.options):
        return step.options[int(wanted) - 1].value
    for option in step.options:
        if normalise_label(option.label) == wanted or option.value == wanted:
            return option.value
    return None


def _values(step: ChoiceStep | MultiChoiceStep) -> list[str]:
    return [option.value for option in step.options]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
