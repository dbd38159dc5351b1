"""The lens's wording (``prompts/lens.yaml``): plain names for the labels, and the probes.

Strict like the other content files: a missing label name, an unknown label, a repeated probe id
or a placeholder in a probe stops the coach at start-up, naming the file.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.content_file import load_model
from bot.lens.labels import LABELS, NONE
from bot.lens.reading import LensReading

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]
ProbeText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=10, max_length=300, pattern=r"^[^{}$]*$"),
]
ProbeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class LensContentError(Exception):
    """The lens wording file is missing, unreadable or invalid."""


class Probe(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ProbeId
    text: ProbeText


class LensContent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_confidence: float = Field(ge=0.3, le=0.99)
    quiet_steps: dict[str, list[str]] = Field(default_factory=dict)
    names: dict[str, Name]
    probes: dict[str, list[Probe]]

    @model_validator(mode="after")
    def _check(self) -> LensContent:
        if set(self.names) != set(LABELS):
            raise ValueError(f"names must cover exactly the labels {list(LABELS)}")
        unknown = set(self.probes) - (set(LABELS) - {NONE})
        if unknown:
            raise ValueError(f"probes for unknown labels: {sorted(unknown)}")
        ids = [probe.id for probes in self.probes.values() for probe in probes]
        repeated = {i for i in ids if ids.count(i) > 1}
        if repeated:
            raise ValueError(f"probe ids used twice: {sorted(repeated)}")
        return self

    def choose(self, reading: LensReading, *, had: Collection[str]) -> tuple[str, Probe] | None:
        """The label and probe to ask after an answer: the surest pattern at or above
        ``min_confidence`` that has a probe the person has not had; None when there is none."""
        for label, confidence in reading.labels().items():
            if confidence < self.min_confidence:
                break
            for probe in self.probes.get(label, ()):
                if probe.id not in had:
                    return label, probe
        return None

    def probe(self, probe_id: str) -> Probe | None:
        return next((p for ps in self.probes.values() for p in ps if p.id == probe_id), None)

    def quiet(self, flow_id: str, step_id: str) -> bool:
        """True for a question whose answer is read but never probed."""
        return step_id in self.quiet_steps.get(flow_id, ())

    def check_steps(self, steps: Mapping[str, Collection[str]], *, label: str) -> None:
        """Raise if ``quiet_steps`` names a flow or question that does not exist."""
        for flow_id, step_ids in self.quiet_steps.items():
            unknown = set(step_ids) - set(steps.get(flow_id, ()))
            if flow_id not in steps or unknown:
                raise LensContentError(
                    f"{label}: quiet_steps names {flow_id}: {sorted(unknown) or 'the flow'}, "
                    "which no flow has"
                )

    def name(self, label: str) -> str:
        return self.names.get(label, label.replace("_", " "))


def load_lens_content(path: Path) -> LensContent:
    return load_model(path, LensContent, error=LensContentError, label=path.name)
