"""The reasoning lens in a reflection: label free-text answers, and sometimes ask one probe.

After a free-text answer to a flow's question, the lens reads the person's own words (in memory;
only labels and confidence are recorded). When it is sure enough of a pattern that has a probe,
the coach asks that probe before the next question. The probe is an ordinary optional question
for the rest of the engine (``step`` builds it), answered or skipped like any other, then the
flow carries on where it would have. Rules: at most one probe per question (going /back and
answering again brings no second), never the same probe twice in a reflection, and never after a
probe's own answer. The crisis check runs before any of this, so a message that raised it is
neither read nor probed.
"""

from __future__ import annotations

from bot.engine.effects import LensLabelled
from bot.engine.state import PendingProbe
from bot.engine.text_input import normalise_label
from bot.engine.turn import Turn
from bot.flows.schema import QuestionStep
from bot.lens.content import LensContent
from bot.lens.labels import NONE
from bot.lens.reading import Lens, LensReading
from bot.wording import Messages

# Labels below this confidence are not recorded: the trend should count what the lens is fairly
# sure of, not every faint guess.
RECORD_CONFIDENCE = 0.5
SKIP_WORDS = frozenset({"skip", "skip it", "pass", "next"})


class Prober:
    def __init__(self, *, lens: Lens, content: LensContent, messages: Messages) -> None:
        self.lens = lens
        self.content = content
        self.messages = messages

    def read(self, turn: Turn, step_id: str, text: str, *, kind: str) -> LensReading:
        """Read one answer and record its labels."""
        reading = self.lens.read(text)
        labels = reading.labels()
        kept = tuple((label, round(c, 3)) for label, c in labels.items() if c >= RECORD_CONFIDENCE)
        if not kept:
            kept = ((NONE, round(1.0 - max(labels.values(), default=0.0), 3)),)
        turn.emit(LensLabelled(turn.active.number, step_id, kind, kept, turn.at))
        return reading

    def offer(
        self, turn: Turn, question: QuestionStep, reading: LensReading, *, resume_at: str
    ) -> QuestionStep | None:
        """The probe to ask after ``question``'s answer, now pending; None to carry straight on."""
        active = turn.active
        if question.id in active.probed_steps or self.content.quiet(active.flow_id, question.id):
            return None
        chosen = self.content.choose(reading, had=active.probes_had)
        if chosen is None:
            return None
        label, probe = chosen
        active.probe = PendingProbe(
            probe_id=probe.id, label=label, text=probe.text, resume_at=resume_at
        )
        active.probes_had.append(probe.id)
        active.probed_steps.append(question.id)
        return self.step(active.probe, question)

    def step(self, probe: PendingProbe, question: QuestionStep) -> QuestionStep:
        return probe_step(probe, question, messages=self.messages)


def probe_step(probe: PendingProbe, question: QuestionStep, *, messages: Messages) -> QuestionStep:
    """The probe as an optional free-text question standing in for ``question``. It needs no
    lens: a probe pending when the lens is switched off is still asked, and answered or skipped."""
    return QuestionStep(
        id=question.id,
        kind="question",
        text=probe.text,
        hint=messages.say("probe_optional"),
        optional=True,
    )


def is_skip(text: str) -> bool:
    """Typed words that skip a probe, as the Skip button does."""
    return normalise_label(text) in SKIP_WORDS
