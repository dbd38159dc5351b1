"""A participant's shared reflections as a coach reads them: each answer beside its question.

The questions come from the flow files (``services.content.flows``), filled in with the same
reflection's own (redacted) answers where the wording quotes them. A reflection made under an
older version of a flow, or a flow since removed, still shows every answer, with whatever
wording can still be found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.flows import templates
from bot.flows.library import FlowLibrary
from bot.flows.schema import ChoiceStep, Flow, MultiChoiceStep, QuestionStep, ScaleStep, Step
from bot.store.models import Answer, ReflectionSession

UNKNOWN_QUESTION = "(this question is no longer in the flow)"
ELSEWHERE = "…"


@dataclass(frozen=True)
class Exchange:
    question: str
    answer: str
    skipped: bool
    answered_at: datetime
    step_id: str
    free_text: bool  # the person's own words (not a button, a rating or a date)


@dataclass(frozen=True)
class ReflectionView:
    number: int
    flow_id: str
    title: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    note: str | None
    exchanges: Sequence[Exchange]


def reflection_views(
    *,
    reflections: Sequence[ReflectionSession],
    answers: dict[int, list[Answer]],
    flows: FlowLibrary,
) -> list[ReflectionView]:
    """Newest first, each with its questions and answers in the order they were given."""
    return [
        _view(reflection, answers.get(reflection.id, []), flows.get(reflection.flow_id))
        for reflection in sorted(reflections, key=lambda r: r.number, reverse=True)
    ]


def _view(reflection: ReflectionSession, given: list[Answer], flow: Flow | None) -> ReflectionView:
    note = None
    if flow is None:
        note = f"The flow {reflection.flow_id!r} is no longer installed; answers only."
    elif flow.version != reflection.flow_version:
        note = (
            f"Answered under version {reflection.flow_version}; "
            f"questions shown as worded in version {flow.version}."
        )
    steps = {} if flow is None else {step.id: step for step in flow.steps}
    shown: dict[str, str] = {}
    exchanges = []
    for answer in given:
        step = steps.get(answer.step_id)
        text = _answer_text(answer, step)
        exchanges.append(
            Exchange(
                question=_question(step, shown),
                answer=text,
                skipped=answer.skipped,
                answered_at=answer.answered_at,
                step_id=answer.step_id,
                free_text=is_free_text(answer, step),
            )
        )
        shown[answer.step_id] = text
    return ReflectionView(
        number=reflection.number,
        flow_id=reflection.flow_id,
        title=flow.title if flow else reflection.flow_id,
        status=reflection.status,
        started_at=reflection.started_at,
        ended_at=reflection.ended_at,
        note=note,
        exchanges=exchanges,
    )


def is_free_text(answer: Answer, step: Step | None) -> bool:
    """Whether the answer is typed words; for a step no longer in the flow, a typed answer is
    one stored as its own text (a date keeps the words typed beside the date it meant)."""
    if answer.skipped or not answer.text:
        return False
    if isinstance(step, QuestionStep):
        return step.input == "text"
    return step is None and answer.step_kind == "question" and answer.value == answer.text


def _question(step: Step | None, shown: dict[str, str]) -> str:
    wording = getattr(step, "text", None)
    if not isinstance(wording, str):
        return UNKNOWN_QUESTION
    return templates.fill(wording, lambda name: shown.get(name, ELSEWHERE))


def _answer_text(answer: Answer, step: Step | None) -> str:
    if answer.skipped:
        return "(skipped)"
    value: Any = answer.value
    if isinstance(step, ChoiceStep):
        return _label(step, value)
    if isinstance(step, MultiChoiceStep) and isinstance(value, list):
        return ", ".join(_label(step, item) for item in value) or "(none picked)"
    if isinstance(step, ScaleStep) and isinstance(value, int):
        return f"{value} out of {step.max}"
    if isinstance(step, QuestionStep) and step.input == "date" and value:
        return f"{answer.text} ({value})" if answer.text else str(value)
    if answer.text is not None:
        return answer.text
    return "" if value is None else str(value)


def _label(step: ChoiceStep | MultiChoiceStep, value: Any) -> str:
    for option in step.options:
        if option.value == value:
            return option.label
    return str(value)
