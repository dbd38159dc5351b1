"""Drive a conversation the way a person would: type, press buttons by label, send commands.

``EngineDriver`` runs the pure engine with in-memory facts (no database); ``ServiceDriver`` runs
the real conversation service against a real database. Both keep the last buttons shown so a test
can press one by its label.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.engine.consent import ASK
from bot.engine.engine import Engine
from bot.engine.events import Command, Event, Press, Resume, Text, Unsupported
from bot.engine.facts import StaticFacts
from bot.engine.replies import Reply
from bot.engine.state import ConversationState
from bot.engine.text_input import normalise_label
from bot.lens.reading import Lens
from bot.redaction import default_redactor
from bot.services import Services, load_content
from bot.settings import Settings

from log_watch import WATCH


class _Driver:
    clock: Callable[[], datetime]
    last: list[Reply]

    def _send(self, event: Event) -> list[Reply]:
        raise NotImplementedError

    def send(self, event: Event) -> list[Reply]:
        if isinstance(event, Text):
            WATCH.seed(event.text)
        elif isinstance(event, Command):
            WATCH.seed(event.argument)
        self.last = self._send(event)
        return self.last

    def say(self, text: str) -> list[Reply]:
        return self.send(Text(text=text, at=self.clock()))

    def command(self, line: str) -> list[Reply]:
        name, _, argument = line.removeprefix("/").partition(" ")
        return self.send(Command(name=name, argument=argument, at=self.clock()))

    def press(self, label: str) -> list[Reply]:
        reply = self.buttons_reply()
        for button in reply.buttons:
            if normalise_label(button.label) == normalise_label(label):
                return self.send(
                    Press(value=button.value, token=reply.token or "", at=self.clock())
                )
        labels = [b.label for b in reply.buttons]
        raise AssertionError(f"no button {label!r}; shown: {labels}")

    def unsupported(self, kind: str = "photo") -> list[Reply]:
        return self.send(Unsupported(kind=kind, at=self.clock()))

    def resume(self) -> list[Reply]:
        return self.send(Resume(at=self.clock()))

    def buttons_reply(self) -> Reply:
        with_buttons = [reply for reply in self.last if reply.buttons]
        assert with_buttons, f"no buttons in {[r.text for r in self.last]}"
        return with_buttons[-1]

    @property
    def text(self) -> str:
        return "\n".join(reply.text for reply in self.last)


class EngineDriver(_Driver):
    def __init__(
        self,
        clock: Callable[[], datetime],
        facts: StaticFacts | None = None,
        *,
        lens: Lens | None = None,
    ) -> None:
        """``lens``: a reasoning lens to run (with the real ``prompts/lens.yaml``); none by
        default, so tests not about the lens see no probes."""
        content = load_content(Settings())
        self.engine = Engine(
            flows=content.flows,
            actions=content.actions,
            messages=content.messages,
            redact=default_redactor(),
            max_answer_chars=2000,
            timezone=ZoneInfo("Europe/London"),
            signposting=content.signposting,
            notice=content.notice,
            lens=lens,
            lens_content=content.lens,
        )
        self.state = ConversationState()
        self.facts = facts or StaticFacts()
        self.effects: list[object] = []
        self.recall: dict[str, tuple[str, str]] = {}
        self.names: dict[tuple[str, str], int] = {}
        self.clock = clock
        self.last = []

    def _send(self, event: Event) -> list[Reply]:
        outcome = self.engine.handle(
            self.state, event, facts=self.facts, recall=self.recall, names=self.names
        )
        self.state = outcome.state
        self.names = outcome.names
        self.effects.extend(outcome.effects)
        self.recall = outcome.recall
        return outcome.replies

    @property
    def step(self) -> str | None:
        return self.state.active.step_id if self.state.active else None


class ServiceDriver(_Driver):
    def __init__(
        self,
        services: Services,
        clock: Callable[[], datetime],
        participant: str = "p1",
        *,
        agree: str | None = "k1s1m0",
    ) -> None:
        """``agree``: the consent answers given first, as the last consent button carries them
        ("k1s1m0": keep yes, share yes, model no); None leaves the person to be asked."""
        self.services = services
        self.participant = participant
        WATCH.seed(participant)
        self.clock = clock
        self.last = []
        if agree is not None:
            self.send(Press(value=agree, token=ASK, at=clock()))

    def _send(self, event: Event) -> list[Reply]:
        return self.services.conversation.handle(
            transport="test", external_id=self.participant, event=event
        )
