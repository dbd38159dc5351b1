"""What the generator needs to know of each flow file: its questions in order and its ending.

Read from the loaded flows rather than written down here, so demo data follows the flows as they
are edited. A flow driven by the check-in actions is marked ``review``: its questions are asked
once per open ledger item, as the real check-in does, rather than once in file order.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows.library import FlowLibrary
from bot.flows.schema import (
    INTERACTIVE,
    ActionStep,
    ChoiceStep,
    EndStep,
    Flow,
    MultiChoiceStep,
    QuestionStep,
    ScaleStep,
)

REVIEW_ACTION = "checkin.next_item"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # question | scale | choice | multi_choice
    optional: bool
    options: tuple[str, ...]  # choice values
    scale_max: int
    is_date: bool
    free_text: bool


@dataclass(frozen=True)
class Ending:
    kind: str  # the ledger item's kind
    text: str  # templates over earlier answers
    detail: str | None
    due: str | None  # the date question that sets the due date


@dataclass(frozen=True)
class FlowShape:
    id: str
    version: int
    command: str
    first_step: str
    questions: tuple[Question, ...]
    ending: Ending | None
    review: bool

    def question(self, step_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == step_id), None)


def flow_shapes(flows: FlowLibrary) -> list[FlowShape]:
    return [_shape(flow) for flow in flows]


def _shape(flow: Flow) -> FlowShape:
    questions = tuple(_question(step) for step in flow.steps if isinstance(step, INTERACTIVE))
    ending = None
    for step in flow.steps:
        if isinstance(step, EndStep) and step.commitment is not None:
            made = step.commitment
            ending = Ending(made.kind, made.text, made.detail, made.due)
            break
    return FlowShape(
        id=flow.id,
        version=flow.version,
        command=flow.command,
        first_step=flow.steps[0].id,
        questions=questions,
        ending=ending,
        review=any(
            isinstance(step, ActionStep) and step.action == REVIEW_ACTION for step in flow.steps
        ),
    )


def _question(step: QuestionStep | ChoiceStep | MultiChoiceStep | ScaleStep) -> Question:
    options: tuple[str, ...] = ()
    if isinstance(step, ChoiceStep | MultiChoiceStep):
        options = tuple(option.value for option in step.options)
    is_date = isinstance(step, QuestionStep) and step.input == "date"
    return Question(
        id=step.id,
        kind=step.kind,
        optional=step.optional,
        options=options,
        scale_max=step.max if isinstance(step, ScaleStep) else 0,
        is_date=is_date,
        free_text=isinstance(step, QuestionStep) and not is_date,
    )
