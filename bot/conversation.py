"""The conversation service: one turn = load, run the engine, write, commit, then reply.

Transports call ``handle`` with who spoke (transport + their id there) and what they did. The
pseudonym is derived here, the engine runs on the stored state, and the answer, the effects and
the new state are committed in one transaction before any reply is returned: a reply the person
sees is always backed by stored work, and a crash before commit loses the turn, never half of it.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from bot.engine.engine import Engine
from bot.engine.events import Event
from bot.engine.replies import Reply
from bot.identity import Pseudonymiser
from bot.knowledge.base import LazyKnowledge
from bot.store.database import Database
from bot.store.facts import StoreFacts
from bot.store.participants import get_or_create_participant
from bot.store.recording import load_state, record, save_state, sync_session_step

RECALL_PEOPLE = 10_000


class RecallCache:
    """People's own words for the current reflection, in memory only, bounded, never written."""

    def __init__(self, capacity: int = RECALL_PEOPLE) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, dict[str, tuple[str, str]]] = OrderedDict()
        self._lock = Lock()

    def get(self, pseudonym: str) -> dict[str, tuple[str, str]]:
        with self._lock:
            return dict(self._items.get(pseudonym, {}))

    def put(
        self, pseudonym: str, values: dict[str, tuple[str, str]], *, keep_prefix: str | None
    ) -> None:
        with self._lock:
            # Only the reflection in progress is worth remembering.
            kept = {k: v for k, v in values.items() if keep_prefix and k.startswith(keep_prefix)}
            self._items.pop(pseudonym, None)
            if kept:
                self._items[pseudonym] = kept
                while len(self._items) > self._capacity:
                    self._items.popitem(last=False)


class Conversation:
    def __init__(
        self,
        *,
        engine: Engine,
        database: Database,
        pseudonymiser: Pseudonymiser,
        knowledge: LazyKnowledge,
    ) -> None:
        self.engine = engine
        self.knowledge = knowledge
        self.database = database
        self.pseudonymiser = pseudonymiser
        self.recall = RecallCache()

    def pseudonym(self, *, transport: str, external_id: str) -> str:
        return self.pseudonymiser.pseudonym(transport=transport, external_id=external_id)

    def handle(self, *, transport: str, external_id: str, event: Event) -> list[Reply]:
        """Run one turn for one person and return what to say."""
        pseudonym = self.pseudonym(transport=transport, external_id=external_id)
        with self.database.transaction() as session:
            participant = get_or_create_participant(
                session=session, pseudonym=pseudonym, at=event.at
            )
            state = load_state(session=session, participant_id=participant.id)
            outcome = self.engine.handle(
                state,
                event,
                facts=StoreFacts(
                    session=session, participant_id=participant.id, knowledge=self.knowledge
                ),
                recall=self.recall.get(pseudonym),
            )
            record(session=session, participant=participant, effects=outcome.effects, at=event.at)
            sync_session_step(
                session=session, participant_id=participant.id, state=outcome.state, at=event.at
            )
            save_state(
                session=session, participant_id=participant.id, state=outcome.state, at=event.at
            )
        active = outcome.state.active
        self.recall.put(
            pseudonym, outcome.recall, keep_prefix=f"{active.number}:" if active else None
        )
        return outcome.replies
