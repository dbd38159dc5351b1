"""A participant's shared reflections as a coach reads them: each answer beside its question.

The questions come from the flow files (``services.content.flows``), filled in with the same
reflection's own (redacted) answers where the wording quotes them. A reflection made under an
older version of a flow, or a flow since removed, still shows every answer, with whatever
wording can still be found.

Beside each free-text answer go the reasoning lens's labels for it (in plain words), and above the
reflections the person's trend (``lens_trend``): both from reflections the coach may read only.
A probe's answer follows the answer it was asked about, under the probe's own wording.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.flows import templates
from bot.flows.library import FlowLibrary
from bot.flows.schema import ChoiceStep, Flow, MultiChoiceStep, QuestionStep, ScaleStep, Step
from bot.lens.content import LensContent
from bot.lens.labels import NONE
from bot.lens.trend import Trend, trend
from bot.store.models import Answer, LensLabel, ReflectionSession

UNKNOWN_QUESTION = "(this question is no longer in the flow)"
PROBE_QUESTION = "Follow-up question (optional)"
ELSEWHERE = "…"


@dataclass(frozen=True)
class Exchange:
    question: str
    answer: str
    skipped: bool
    answered_at: datetime
    step_id: str
    free_text: bool  # the person's own words (not a button, a rating or a date)
    # The lens's reading of this answer, in plain words, surest first; empty when not read.
    labels: tuple[str, ...] = ()
    probe: bool = False


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
    # Every pattern the lens found in this reflection (plain words), and the raw label set.
    labels: tuple[str, ...] = ()
    label_set: frozenset[str] = field(default_factory=frozenset)
    read_by_lens: bool = False


def reflection_views(
    *,
    reflections: Sequence[ReflectionSession],
    answers: dict[int, list[Answer]],
    flows: FlowLibrary,
    lens: Mapping[int, list[LensLabel]] | None = None,
    lens_content: LensContent | None = None,
) -> list[ReflectionView]:
    """Newest first, each with its questions and answers in the order they were given."""
    return [
        _view(
            reflection,
            answers.get(reflection.id, []),
            flows.get(reflection.flow_id),
            (lens or {}).get(reflection.id, []),
            lens_content,
        )
        for reflection in sorted(reflections, key=lambda r: r.number, reverse=True)
    ]


@dataclass(frozen=True)
class LensPanel:
    """The trend beside the timeline: the person's own comparison, and patterns by frequency."""

    trend: Trend
    patterns: tuple[tuple[str, int], ...]  # plain words, reflections showing it


def lens_panel(views: Sequence[ReflectionView], content: LensContent) -> LensPanel | None:
    """The trend over the reflections shown, oldest first; None when the lens read none."""
    read = [view.label_set for view in sorted(views, key=lambda v: v.number) if view.read_by_lens]
    if not read:
        return None
    seen = trend(read)
    return LensPanel(seen, tuple((content.name(label), n) for label, n in seen.patterns))


def _view(
    reflection: ReflectionSession,
    given: list[Answer],
    flow: Flow | None,
    labels: list[LensLabel],
    content: LensContent | None,
) -> ReflectionView:
    note = None
    if flow is None:
        note = f"The flow {reflection.flow_id!r} is no longer installed; answers only."
    elif flow.version != reflection.flow_version:
        note = (
            f"Answered under version {reflection.flow_version}; "
            f"questions shown as worded in version {flow.version}."
        )
    steps = {} if flow is None else {step.id: step for step in flow.steps}
    # An answer and the lens's reading of it are written in the same turn, at the same time.
    read: dict[tuple[str, str, datetime], list[LensLabel]] = {}
    for label in labels:
        read.setdefault((label.step_id, label.answer_kind, label.labelled_at), []).append(label)
    shown: dict[str, str] = {}
    exchanges = []
    for answer in given:
        step = steps.get(answer.step_id)
        probe = answer.step_kind == "probe"
        text = (answer.text or "") if probe else _answer_text(answer, step)
        found = read.get((answer.step_id, "probe" if probe else "question", answer.answered_at))
        exchanges.append(
            Exchange(
                question=_probe_question(answer, content) if probe else _question(step, shown),
                answer=text,
                skipped=answer.skipped,
                answered_at=answer.answered_at,
                step_id=answer.step_id,
                free_text=is_free_text(answer, step),
                labels=_names(found or [], content),
                probe=probe,
            )
        )
        if not probe:
            shown[answer.step_id] = text
    label_set = frozenset(label.label for label in labels if label.label != NONE)
    return ReflectionView(
        number=reflection.number,
        flow_id=reflection.flow_id,
        title=flow.title if flow else reflection.flow_id,
        status=reflection.status,
        started_at=reflection.started_at,
        ended_at=reflection.ended_at,
        note=note,
        exchanges=exchanges,
        labels=_names([label for label in labels if label.label in label_set], content),
        label_set=label_set,
        read_by_lens=bool(labels),
    )


def _names(labels: list[LensLabel], content: LensContent | None) -> tuple[str, ...]:
    """Distinct patterns (not "none"), surest first, in the lens file's plain words."""
    best: dict[str, float] = {}
    for label in labels:
        if label.label != NONE:
            best[label.label] = max(best.get(label.label, 0.0), label.confidence)
    ordered = sorted(best, key=lambda name: (-best[name], name))
    return tuple(content.name(name) if content else name.replace("_", " ") for name in ordered)


def _probe_question(answer: Answer, content: LensContent | None) -> str:
    probe = content.probe(str(answer.value)) if content and answer.value else None
    return f"{PROBE_QUESTION}: {probe.text}" if probe else PROBE_QUESTION


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
