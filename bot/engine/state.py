"""A participant's conversation state: small, serialisable, stored in one row per person.

It is written in the same transaction as the answer that changed it, so a process killed between
two messages resumes exactly where the person was. Slot values hold redacted text only.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

SlotValue = str | int | list[str] | None


class PendingProbe(BaseModel):
    """A follow-up question from the reasoning lens, waiting for an answer or a skip."""

    model_config = ConfigDict(extra="forbid")

    probe_id: str
    label: str
    text: str
    # The step the flow goes on to once the probe is answered or skipped.
    resume_at: str


class ActiveSession(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flow_id: str
    flow_version: int
    number: int = Field(ge=1, description="This person's nth reflection; unique per person.")
    step_id: str
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    # Questions answered so far, most recent last, for /back.
    trail: list[str] = Field(default_factory=list)
    # Options ticked so far on the current multi-choice question.
    picked: list[str] = Field(default_factory=list)
    seen_cards: list[str] = Field(default_factory=list)
    probe: PendingProbe | None = None
    # Probes asked in this reflection, and the questions they followed: one per question, and
    # never the same probe twice.
    probes_had: list[str] = Field(default_factory=list)
    probed_steps: list[str] = Field(default_factory=list)

    @property
    def token(self) -> str:
        # A probe's Skip button must not be mistaken for one of the question's own buttons.
        return f"{self.number}.{self.step_id}" + (".probe" if self.probe else "")


class PendingSwitch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flow_id: str


class ConversationState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sessions_started: int = 0
    active: ActiveSession | None = None
    pending_switch: PendingSwitch | None = None
    greeted: bool = False
    # After a crisis card the reflection waits until the person chooses to carry on.
    paused: bool = False
    # Weak distress cues per recent message (counts only, never words), for risk spread over turns.
    risk_trail: list[int] = Field(default_factory=list)
