"""Named actions: the Python a flow calls when it needs logic rather than wording.

As in Rasa, flows stay data and name an action; the action gets read-only context (answers so
far, the person's facts, the time) and returns a result to branch on, slots to set, and effects
for the store. Each action declares the slots it sets, so flow files that quote them are checked
when they load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.engine.effects import Effect
from bot.engine.facts import Facts
from bot.engine.state import SlotValue
from bot.redaction import Redacted


@dataclass(frozen=True)
class ActionContext:
    slots: Mapping[str, SlotValue]
    facts: Facts
    number: int
    at: datetime
    today: date
    redact: Callable[[str], Redacted]


@dataclass
class ActionResult:
    result: str | None = None
    slots: dict[str, SlotValue] = field(default_factory=dict)
    effects: list[Effect] = field(default_factory=list)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    provides: frozenset[str]
    results: frozenset[str]
    run: Callable[[ActionContext], ActionResult]


class ActionRegistry(Mapping[str, Iterable[str]]):
    """Actions by name. As a mapping it gives each action's slots, which flow validation needs."""

    def __init__(self, specs: Iterable[ActionSpec]) -> None:
        self._specs = {spec.name: spec for spec in specs}

    def spec(self, name: str) -> ActionSpec:
        return self._specs[name]

    def __getitem__(self, name: str) -> Iterable[str]:
        return self._specs[name].provides

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)
