"""The shape of a reflection flow file: a closed set of step kinds, checked strictly.

A flow is data (``prompts/flows/*.yaml``), as in Rasa's CALM flows: the writers of the method edit
wording and order without touching Python, and anything that needs logic is a *named action*
registered in code. Every model forbids unknown keys, so a typo in a file is an error at start-up,
not a silently ignored line. Cross-step rules (targets exist, placeholders are defined, steps are
reachable) are checked here too; the registry of actions is passed in as validation context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from bot.flows import templates

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=24)]
FlowId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
Wording = Annotated[str, StringConstraints(min_length=1, max_length=1500, strip_whitespace=True)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]

# Names every template may use without a step defining them.
BUILTIN_SLOTS = frozenset({"flow_title", "today"})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    value: Slug
    label: Label


class StepBase(Strict):
    id: Slug
    next: Slug | None = Field(default=None, description="Jump here instead of the next step.")


class MessageStep(StepBase):
    """Say something and carry straight on."""

    kind: Literal["message"]
    text: Wording


class QuestionStep(StepBase):
    """Ask for free text (or a date, parsed from free text)."""

    kind: Literal["question"]
    text: Wording
    hint: Wording | None = None
    input: Literal["text", "date"] = "text"
    optional: bool = False
    suggestions: tuple[Label, ...] = Field(default=(), max_length=6)


class ChoiceStep(StepBase):
    """Pick exactly one option (buttons)."""

    kind: Literal["choice"]
    text: Wording
    options: tuple[Option, ...] = Field(min_length=2, max_length=8)
    optional: bool = False


class MultiChoiceStep(StepBase):
    """Pick several options, then press done."""

    kind: Literal["multi_choice"]
    text: Wording
    options: tuple[Option, ...] = Field(min_length=2, max_length=8)
    min_picks: int = Field(default=1, ge=0)
    optional: bool = False


class ScaleStep(StepBase):
    """Rate from 1 to 5 or 1 to 10."""

    kind: Literal["scale"]
    text: Wording
    max: Literal[5, 10] = 5
    low_label: Label | None = None
    high_label: Label | None = None
    optional: bool = False


class ActionStep(StepBase):
    """Run a named Python action; its result and any slots it sets can be branched on."""

    kind: Literal["action"]
    action: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.]*$")]


class Case(Strict):
    when: tuple[str, ...] = Field(min_length=1)
    goto: Slug


class BranchStep(StepBase):
    """Go to a step chosen by an earlier answer or an action's result."""

    kind: Literal["branch"]
    slot: Slug
    cases: tuple[Case, ...] = Field(min_length=1)


class KnowledgeStep(StepBase):
    """Show one short card from the workshop material, chosen from earlier answers."""

    kind: Literal["knowledge"]
    query_from: tuple[Slug, ...] = Field(min_length=1)
    # What the exercise is about, so the card fits the exercise as well as the person's words.
    topic: Wording | None = None


class Commitment(Strict):
    kind: Literal["experiment", "assumption_test", "action"]
    text: Wording
    due: Slug | None = None
    detail: Wording | None = None


class EndStep(StepBase):
    """Finish the reflection, recording a commitment in the ledger when there is one."""

    kind: Literal["end"]
    text: Wording
    commitment: Commitment | None = None


Step = Annotated[
    MessageStep
    | QuestionStep
    | ChoiceStep
    | MultiChoiceStep
    | ScaleStep
    | ActionStep
    | BranchStep
    | KnowledgeStep
    | EndStep,
    Field(discriminator="kind"),
]
INTERACTIVE = (QuestionStep, ChoiceStep, MultiChoiceStep, ScaleStep)
InteractiveStep = QuestionStep | ChoiceStep | MultiChoiceStep | ScaleStep


class Recap(Strict):
    slot: Slug
    label: Label


class Flow(Strict):
    id: FlowId
    version: int = Field(ge=1)
    title: Label
    command: Slug
    menu_position: int = Field(ge=1, description="Where the flow sits in the /reflect menu.")
    summary: Wording
    recap: Recap | None = None
    steps: tuple[Step, ...] = Field(min_length=2)

    _index: dict[str, Step] = PrivateAttr(default_factory=dict)
    _order: dict[str, int] = PrivateAttr(default_factory=dict)

    def step(self, step_id: str) -> Step:
        return self._index[step_id]

    def following(self, step_id: str) -> str | None:
        """The id of the step after ``step_id`` in file order, if any."""
        position = self._order[step_id]
        return self.steps[position + 1].id if position + 1 < len(self.steps) else None

    def interactive_steps(self) -> list[InteractiveStep]:
        return [step for step in self.steps if isinstance(step, INTERACTIVE)]

    def model_post_init(self, context: object, /) -> None:
        # Built once: the engine looks steps up on every turn.
        self._index = {step.id: step for step in self.steps}
        self._order = {step.id: position for position, step in enumerate(self.steps)}

    @model_validator(mode="after")
    def _check_cross_step_rules(self, info: ValidationInfo) -> Flow:
        ids = [step.id for step in self.steps]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"step ids used twice: {', '.join(sorted(duplicates))}")
        actions: Mapping[str, Iterable[str]] | None = (info.context or {}).get("actions")
        defined = set(BUILTIN_SLOTS) | set(ids)
        for step in self.steps:
            if isinstance(step, ActionStep) and actions is not None:
                if step.action not in actions:
                    raise ValueError(f"step {step.id!r}: no action named {step.action!r}")
                defined.update(actions[step.action])
        for step in self.steps:
            _check_step(step, ids=set(ids), defined=defined, flow=self)
        if self.recap and self.recap.slot not in defined:
            raise ValueError(f"recap names {self.recap.slot!r}, which no step sets")
        if not any(isinstance(step, EndStep) for step in self.steps):
            raise ValueError("a flow needs at least one end step")
        last = self.steps[-1]
        if not isinstance(last, EndStep) and last.next is None:
            raise ValueError(f"step {last.id!r}: the last step must be an end step or have 'next'")
        _check_reachable(self)
        return self


def _check_step(step: Step, *, ids: set[str], defined: set[str], flow: Flow) -> None:
    where = f"step {step.id!r}"
    targets = [step.next] if step.next else []
    if isinstance(step, BranchStep):
        targets += [case.goto for case in step.cases]
        if step.slot not in defined:
            raise ValueError(f"{where}: branches on {step.slot!r}, which no step or action sets")
    for target in targets:
        if target not in ids:
            raise ValueError(f"{where}: goes to {target!r}, which is not a step in this flow")
    for text in _texts(step):
        if templates.stray_dollar(text):
            raise ValueError(f"{where}: stray '$' (write '$$' for a dollar sign)")
        for name in templates.placeholders(text):
            if name not in defined:
                raise ValueError(f"{where}: uses ${name}, which no step or action sets")
    if isinstance(step, KnowledgeStep):
        unknown = [name for name in step.query_from if name not in defined]
        if unknown:
            raise ValueError(f"{where}: query_from names unknown slots {unknown}")
    if isinstance(step, EndStep) and step.commitment and step.commitment.due:
        due_step = flow._index.get(step.commitment.due)
        if not (isinstance(due_step, QuestionStep) and due_step.input == "date"):
            raise ValueError(f"{where}: commitment due must name a date question")
    if isinstance(step, ChoiceStep | MultiChoiceStep):
        values = [option.value for option in step.options]
        if len(set(values)) != len(values):
            raise ValueError(f"{where}: option values must be unique")
        if isinstance(step, MultiChoiceStep) and step.min_picks > len(values):
            raise ValueError(f"{where}: min_picks is larger than the number of options")


def _texts(step: Step) -> list[str]:
    texts = [getattr(step, name) for name in ("text", "hint") if getattr(step, name, None)]
    if isinstance(step, EndStep) and step.commitment:
        texts += [step.commitment.text] + (
            [step.commitment.detail] if step.commitment.detail else []
        )
    return texts


def successors(flow: Flow, step: Step) -> list[str]:
    """Where a step can lead: its cases, then its jump or the next step in the file."""
    found = [case.goto for case in step.cases] if isinstance(step, BranchStep) else []
    if isinstance(step, EndStep):
        return found
    after = step.next or flow.following(step.id)
    return [*found, after] if after else found


def _check_reachable(flow: Flow) -> None:
    seen: set[str] = set()
    stack = [flow.steps[0].id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(successors(flow, flow.step(current)))
    # A cycle made only of steps that never wait for the person would spin for ever.
    waiting = (*INTERACTIVE, ActionStep)
    for step in flow.steps:
        if isinstance(step, waiting):
            continue
        path: list[str] = []
        walking: str | None = step.id
        while walking is not None and not isinstance(flow.step(walking), waiting):
            if walking in path:
                raise ValueError(f"steps {' -> '.join([*path, walking])} loop without a question")
            path.append(walking)
            nexts = successors(flow, flow.step(walking))
            walking = nexts[-1] if nexts else None
    unreachable = [step.id for step in flow.steps if step.id not in seen]
    if unreachable:
        raise ValueError(f"steps never reached: {', '.join(unreachable)}")
