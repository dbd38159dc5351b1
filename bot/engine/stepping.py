"""Moving through a flow: start it, take an answer, run the steps that need no answer, end it.

After each answer the stepper runs forward through messages, actions, branches and knowledge
cards until it reaches the next question or an end step, so one turn always finishes on something
the person can respond to.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from bot.due_dates import describe_due_date
from bot.engine.actions import ActionContext, ActionRegistry
from bot.engine.answers import Accepted, Skip
from bot.engine.effects import AnswerGiven, LedgerAdded, SessionEnded, SessionStarted, StepSkipped
from bot.engine.probing import Prober, probe_step
from bot.engine.render import Renderer
from bot.engine.state import ActiveSession
from bot.engine.turn import Turn
from bot.flows.library import FlowLibrary
from bot.flows.schema import (
    INTERACTIVE,
    ActionStep,
    BranchStep,
    EndStep,
    Flow,
    InteractiveStep,
    KnowledgeStep,
    MessageStep,
    QuestionStep,
    successors,
)
from bot.redaction import Redact
from bot.wording import Messages

# A flow that somehow runs this many automatic steps in one turn is stopped rather than spun.
MAX_AUTOMATIC_STEPS = 200


class FlowGone(Exception):
    """The active session's flow or step no longer exists (a flow file changed under it)."""


class Stepper:
    def __init__(
        self,
        *,
        flows: FlowLibrary,
        actions: ActionRegistry,
        renderer: Renderer,
        messages: Messages,
        redact: Redact,
        prober: Prober | None = None,
    ) -> None:
        self.flows = flows
        self.actions = actions
        self.renderer = renderer
        self.messages = messages
        self.redact = redact
        self.prober = prober

    def start(self, turn: Turn, flow: Flow) -> None:
        """Begin a new reflection with ``flow``."""
        number = turn.state.sessions_started + 1
        turn.state.sessions_started = number
        first = flow.steps[0].id
        turn.state.active = ActiveSession(
            flow_id=flow.id, flow_version=flow.version, number=number, step_id=first
        )
        turn.emit(SessionStarted(number, flow.id, flow.version, first, turn.at))
        self._enter(turn, flow, first)

    def current(self, turn: Turn) -> tuple[Flow, InteractiveStep]:
        active = turn.active
        flow = self.flows.get(active.flow_id)
        step = flow._index.get(active.step_id) if flow else None
        if flow is None or not isinstance(step, INTERACTIVE):
            raise FlowGone(active.flow_id)
        if active.probe is not None and isinstance(step, QuestionStep):
            return flow, probe_step(active.probe, step, messages=self.messages)
        return flow, step

    def show(self, turn: Turn, *, redraw: bool = False) -> None:
        """Say the current question again."""
        flow, step = self.current(turn)
        turn.replies.append(self.renderer.prompt(flow, turn, step, redraw=redraw))

    def answer(self, turn: Turn, reading: Accepted | Skip) -> None:
        """Store the answer to the current question and move on."""
        flow, step = self.current(turn)
        active = turn.active
        if active.probe is not None:
            self._answer_probe(turn, flow, reading)
            return
        if isinstance(reading, Skip):
            active.slots[step.id] = None
            turn.emit(StepSkipped(active.number, step.id, turn.at))
        else:
            stored_text = (
                self.redact(reading.text, numbering=turn.names)
                if reading.text is not None
                else None
            )
            value = reading.value
            if isinstance(step, QuestionStep) and step.input == "text" and stored_text is not None:
                value = str(stored_text)
                if stored_text != reading.text:
                    turn.recall[f"{active.number}:{step.id}"] = (value, reading.text or "")
            active.slots[step.id] = value
            turn.emit(AnswerGiven(active.number, step.id, step.kind, stored_text, value, turn.at))
        active.trail.append(step.id)
        active.picked = []
        following = successors(flow, step)
        if isinstance(reading, Accepted) and self._probed(turn, flow, step, reading, following[-1]):
            return
        self._enter(turn, flow, following[-1])

    def _probed(
        self, turn: Turn, flow: Flow, step: InteractiveStep, reading: Accepted, resume_at: str
    ) -> bool:
        """Read a free-text answer with the lens; True when a probe was asked instead of
        moving on."""
        if not (
            self.prober and isinstance(step, QuestionStep) and step.input == "text" and reading.text
        ):
            return False
        lens_reading = self.prober.read(turn, step.id, reading.text, kind="question")
        probe = self.prober.offer(turn, step, lens_reading, resume_at=resume_at)
        if probe is None:
            return False
        turn.replies.append(self.renderer.prompt(flow, turn, probe))
        return True

    def _answer_probe(self, turn: Turn, flow: Flow, reading: Accepted | Skip) -> None:
        """Keep a probe's answer (redacted, beside the question it followed), then go on."""
        active = turn.active
        probe = active.probe
        assert probe is not None
        active.probe = None
        if isinstance(reading, Accepted) and reading.text:
            stored = self.redact(reading.text, numbering=turn.names)
            # The value names the probe asked, so the coach's timeline can show its wording.
            turn.emit(
                AnswerGiven(active.number, active.step_id, "probe", stored, probe.probe_id, turn.at)
            )
            if self.prober is not None:
                self.prober.read(turn, active.step_id, reading.text, kind="probe")
        self._enter(turn, flow, probe.resume_at)

    def back(self, turn: Turn) -> bool:
        """Return to the previous question; False when there is none."""
        active = turn.active
        if not active.trail:
            return False
        active.step_id = active.trail.pop()
        active.picked = []
        active.probe = None
        return True

    def end(self, turn: Turn, status: str) -> None:
        active = turn.active
        turn.emit(SessionEnded(active.number, status, turn.at))
        turn.state.active = None

    def _enter(self, turn: Turn, flow: Flow, step_id: str) -> None:
        active = turn.active
        for _ in range(MAX_AUTOMATIC_STEPS):
            step = flow.step(step_id)
            if isinstance(step, INTERACTIVE):
                active.step_id = step.id
                active.picked = []
                turn.replies.append(self.renderer.prompt(flow, turn, step))
                return
            if isinstance(step, EndStep):
                self._finish(turn, flow, step)
                return
            if isinstance(step, MessageStep):
                turn.say(self.renderer.fill(flow, turn, step.text))
            elif isinstance(step, ActionStep):
                self._run_action(turn, step)
            elif isinstance(step, KnowledgeStep):
                self._show_card(turn, flow, step)
            target = self._branch(turn, step) if isinstance(step, BranchStep) else None
            step_id = target or successors(flow, step)[-1]
        raise RuntimeError(f"flow {flow.id} ran {MAX_AUTOMATIC_STEPS} steps without a question")

    def _branch(self, turn: Turn, step: BranchStep) -> str | None:
        value = turn.active.slots.get(step.slot)
        values = value if isinstance(value, list) else [str(value) if value is not None else ""]
        for case in step.cases:
            if any(v in case.when for v in values) or (not value and "_none" in case.when):
                return case.goto
        return None

    def _run_action(self, turn: Turn, step: ActionStep) -> None:
        active = turn.active
        context = ActionContext(
            slots=dict(active.slots),
            facts=turn.facts,
            number=active.number,
            at=turn.at,
            today=turn.today,
            redact=partial(self.redact, numbering=turn.names),
        )
        result = self.actions.spec(step.action).run(context)
        active.slots.update(result.slots)
        active.slots[step.id] = result.result
        if result.effects:
            # What an action has recorded cannot be taken back, so /back stops here.
            active.trail.clear()
            turn.effects.extend(result.effects)

    def _show_card(self, turn: Turn, flow: Flow, step: KnowledgeStep) -> None:
        active = turn.active
        # Search on stored (redacted) words: the query may leave this process.
        words = [self.renderer.value(flow, turn, name, own_words=False) for name in step.query_from]
        query = " ".join([step.topic or "", *words]).strip()
        card = turn.facts.knowledge_card(query=query, exclude=active.seen_cards)
        if card is None:
            return
        active.seen_cards.append(card.id)
        turn.say(
            self.messages.say(
                "knowledge_card", title=card.title, text=card.text, source=card.source
            )
        )

    def _finish(self, turn: Turn, flow: Flow, step: EndStep) -> None:
        active = turn.active
        commitment = step.commitment
        if commitment is not None:
            due = _date_slot(active.slots.get(commitment.due)) if commitment.due else None
            detail = commitment.detail
            turn.emit(
                LedgerAdded(
                    number=active.number,
                    kind=commitment.kind,
                    text=self.redact(
                        self.renderer.fill(flow, turn, commitment.text, own_words=False)
                    ),
                    detail=(
                        self.redact(self.renderer.fill(flow, turn, detail, own_words=False))
                        if detail
                        else None
                    ),
                    due=due,
                    at=turn.at,
                )
            )
            turn.say(
                self.messages.say(
                    "commitment_recorded",
                    text=self.renderer.fill(flow, turn, commitment.text),
                    due=describe_due_date(due, today=turn.today)
                    if due
                    else self.messages.say("no_due_date"),
                )
            )
        turn.say(self.renderer.fill(flow, turn, step.text))
        self.end(turn, "completed")


def _date_slot(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None
