"""The conversation service: one turn = load, run the engine, write, commit, then reply.

Transports call ``handle`` with who spoke (transport + their id there) and what they did. The
pseudonym is derived here, the engine runs on the stored state, and the answer, the effects and
the new state are committed in one transaction before any reply is returned: a reply the person
sees is always backed by stored work, and a crash before commit loses the turn, never half of it.

A transport that can deliver the same input twice (Telegram) passes an ``update_key``: it is
written in the same transaction, under a primary key, so a second delivery changes nothing and
``handle_update`` returns None for it. ``/start <code>`` joins a cohort before the engine greets.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from threading import Lock
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from bot.engine.consent import given_reply
from bot.engine.effects import ConsentChanged, ErasureConfirmed
from bot.engine.engine import DELETE, Engine
from bot.engine.events import Command, Event, Press, Resume, Text
from bot.engine.facts import Choices
from bot.engine.replies import Reply
from bot.engine.text_input import clean
from bot.engine.turn import Outcome
from bot.identity import AddressCipher, Pseudonymiser
from bot.knowledge.base import LazyKnowledge
from bot.store.consent import RecordedConsent, current_consent, record_first_consent
from bot.store.database import Database
from bot.store.facts import StoreFacts
from bot.store.group_commit import GroupCommitter
from bot.store.invites import Enrolment, normalise_code, redeem
from bot.store.participants import (
    Person,
    erase_participant,
    get_reply_address,
    join,
    set_reply_address,
)
from bot.store.processed_updates import mark_processed
from bot.store.recording import load_person, record, save_state

RECALL_PEOPLE = 10_000
V = TypeVar("V")
ENROLMENT_MESSAGES = {
    Enrolment.JOINED: "enrol_joined",
    Enrolment.ALREADY: "enrol_already",
    Enrolment.UNKNOWN: "enrol_unknown",
    Enrolment.USED: "enrol_used",
    Enrolment.EXPIRED: "enrol_expired",
    Enrolment.TOO_MANY: "enrol_too_many",
}


class BoundedMemory(Generic[V]):
    """A small thread-safe map that forgets its oldest entries: per-person memory, never written."""

    def __init__(self, capacity: int = RECALL_PEOPLE) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = Lock()

    def get(self, key: str) -> V | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: str, value: V | None) -> None:
        """Remember ``value`` (newest last), or forget ``key`` when it is None."""
        with self._lock:
            self._items.pop(key, None)
            if value is not None:
                self._items[key] = value
                while len(self._items) > self._capacity:
                    self._items.popitem(last=False)


class RecallCache:
    """People's own words for the current reflection, in memory only, bounded, never written.

    Alongside them, the names-to-placeholder numbers of that reflection, so "Derek" is
    [PERSON 1] in every answer of it (after a restart the numbering starts again).
    """

    def __init__(self, capacity: int = RECALL_PEOPLE) -> None:
        self._words: BoundedMemory[dict[str, tuple[str, str]]] = BoundedMemory(capacity)
        self._names: BoundedMemory[tuple[int, dict[tuple[str, str], int]]] = BoundedMemory(capacity)

    def names(self, pseudonym: str, number: int | None) -> dict[tuple[str, str], int]:
        held = self._names.get(pseudonym)
        return dict(held[1]) if held and held[0] == number else {}

    def put_names(
        self, pseudonym: str, number: int | None, names: dict[tuple[str, str], int]
    ) -> None:
        self._names.put(pseudonym, (number, dict(names)) if number is not None and names else None)

    def get(self, pseudonym: str) -> dict[str, tuple[str, str]]:
        return dict(self._words.get(pseudonym) or {})

    def put(
        self, pseudonym: str, values: dict[str, tuple[str, str]], *, keep_prefix: str | None
    ) -> None:
        # Only the reflection in progress is worth remembering.
        kept = {k: v for k, v in values.items() if keep_prefix and k.startswith(keep_prefix)}
        self._words.put(pseudonym, kept or None)


class Conversation:
    def __init__(
        self,
        *,
        engine: Engine,
        database: Database,
        pseudonymiser: Pseudonymiser,
        knowledge: LazyKnowledge,
        address_cipher: AddressCipher | None = None,
        lens_prefetch: Callable[[str], None] | None = None,
        crisis_prefetch: Callable[[str], None] | None = None,
    ) -> None:
        self.engine = engine
        # Work on a typed message done before its turn, off the writer thread (bot.prefetch):
        # the reasoning lens's reading and the crisis check's embedding layer.
        self.lens_prefetch = lens_prefetch
        self.crisis_prefetch = crisis_prefetch
        self.knowledge = knowledge
        self.database = database
        self.pseudonymiser = pseudonymiser
        self.address_cipher = address_cipher
        self.recall = RecallCache()
        # Addresses known to be stored already, so a turn need not read and decrypt them again.
        # Memory only, bounded; a restart costs one check per person.
        self._known_addresses: BoundedMemory[str] = BoundedMemory()
        # Each person's current consent, by participant id: it changes only in their own turns,
        # which refresh it once committed, so most turns need not read it. Memory only, bounded.
        self._consents: BoundedMemory[RecordedConsent] = BoundedMemory()

    def pseudonym(self, *, transport: str, external_id: str) -> str:
        return self.pseudonymiser.pseudonym(transport=transport, external_id=external_id)

    def invite_hash(self, code: str) -> str:
        """Invite codes are stored only as a keyed hash, under the pseudonym key."""
        return self.pseudonymiser.pseudonym(transport="invite", external_id=normalise_code(code))

    def handle(self, *, transport: str, external_id: str, event: Event) -> list[Reply]:
        """Run one turn for one person and return what to say."""
        replies = self.handle_update(transport=transport, external_id=external_id, event=event)
        assert replies is not None  # no update key, so never a duplicate
        return replies

    def handle_update(
        self,
        *,
        transport: str,
        external_id: str,
        event: Event,
        update_key: str | None = None,
        reply_address: str | None = None,
    ) -> list[Reply] | None:
        """One turn, at most once per ``update_key``: None when that update was already handled.

        ``reply_address`` (a chat id) is kept encrypted so reminders can reach the person.
        """
        turn = partial(
            self._turn,
            transport=transport,
            external_id=external_id,
            event=event,
            update_key=update_key,
            reply_address=reply_address,
        )
        with self.database.transaction() as session:
            done = turn(session)
        return self._after(done)

    async def handle_update_grouped(
        self,
        committer: GroupCommitter,
        *,
        transport: str,
        external_id: str,
        event: Event,
        update_key: str | None = None,
        reply_address: str | None = None,
    ) -> list[Reply] | None:
        """``handle_update`` for a busy transport: the turn is committed together with other
        people's waiting turns (see ``bot.store.group_commit``), and awaited, not blocked on."""
        turn = partial(
            self._turn,
            transport=transport,
            external_id=external_id,
            event=event,
            update_key=update_key,
            reply_address=reply_address,
        )
        if isinstance(event, Text) and (self.lens_prefetch or self.crisis_prefetch):
            # On a worker thread, not the writer thread that runs every person's turns.
            await asyncio.to_thread(self._prefetch, event.text)
        return self._after(await asyncio.wrap_future(committer.submit(turn)))

    def _prefetch(self, text: str) -> None:
        # Each with the text its turn will ask about: the crisis check reads the message as
        # sent, the lens the answer as the engine keeps it.
        if self.crisis_prefetch is not None:
            self.crisis_prefetch(text)
        if self.lens_prefetch is not None:
            self.lens_prefetch(clean(text, limit=self.engine.max_answer_chars).text)

    def _turn(
        self,
        session: Session,
        *,
        transport: str,
        external_id: str,
        event: Event,
        update_key: str | None,
        reply_address: str | None,
    ) -> _Done | None:
        """The turn's work inside the caller's transaction; None for a redelivered update."""
        pseudonym = self.pseudonym(transport=transport, external_id=external_id)
        if update_key is not None and not mark_processed(
            session=session, transport=transport, update_key=update_key, at=event.at
        ):
            return None
        participant, state = load_person(session=session, pseudonym=pseudonym)
        recorded = self._consent(session, participant)
        before: list[Reply] = []
        agreed = recorded is not None and recorded.version == self.engine.notice.version
        if participant is not None and recorded is not None and agreed:
            choices = Choices(share=recorded.share, model=recorded.model)
        elif participant is not None and _exercises_a_right(event):
            # /export and /delete work whatever the person has or has not agreed to.
            choices = Choices(share=False, model=False)
        else:
            contact = self.engine.first_contact(event, changed=participant is not None)
            if contact.given is None:
                # Nothing about the person is written: not even that they wrote.
                return _Done(pseudonym=pseudonym, replies=contact.replies)
            choices, agreed = contact.given, True
            participant = self._agreed(session, participant, pseudonym, choices, event.at)
            before.append(given_reply(choices, notice=self.engine.notice))
            if contact.code:
                participant, said = self._enrol(session, participant, contact.code, event.at)
                before.append(said)
            event = Resume(event.at)  # and now the greeting and the menu
        address_key = None
        if reply_address is not None:
            address_key = self._remember_address(
                session, participant, transport, reply_address, event.at
            )
        if isinstance(event, Command) and event.name == "start" and event.argument.strip():
            participant, said = self._enrol(session, participant, event.argument, event.at)
            before.append(said)
            event = replace(event, argument="")
        number = state.active.number if state.active else None
        outcome = self.engine.handle(
            state,
            event,
            facts=StoreFacts(
                session=session,
                participant_id=participant.id,
                knowledge=self.knowledge,
                choices=choices,
            ),
            recall=self.recall.get(pseudonym),
            names=self.recall.names(pseudonym, number),
        )
        erased = any(isinstance(e, ErasureConfirmed) for e in outcome.effects)
        consent = RecordedConsent(
            keep=True, share=choices.share, model=choices.model, version=self.engine.notice.version
        )
        for effect in outcome.effects:
            if isinstance(effect, ConsentChanged):
                consent = replace(consent, share=effect.share, model=effect.model)
        if erased:
            erase_participant(session=session, participant_id=participant.id)
        else:
            record(
                session=session,
                participant=participant,
                effects=outcome.effects,
                state=outcome.state,
                at=event.at,
            )
            save_state(
                session=session, participant_id=participant.id, state=outcome.state, at=event.at
            )
        return _Done(
            pseudonym=pseudonym,
            replies=before + outcome.replies,
            outcome=outcome,
            erased=erased,
            address=(address_key, reply_address) if address_key and reply_address else None,
            # Known only when the person has agreed to the current notice (or just did).
            consent=(str(participant.id), consent) if agreed else None,
        )

    def _after(self, done: _Done | None) -> list[Reply] | None:
        """Once the turn is committed: update this process's memory of the person."""
        if done is None:
            return None
        if done.erased:
            self._forget(done.pseudonym)
            if done.consent is not None:
                self._consents.put(done.consent[0], None)
            return done.replies
        if done.outcome is None:
            return done.replies
        if done.address is not None:
            self._known_addresses.put(*done.address)
        if done.consent is not None:
            self._consents.put(*done.consent)
        active = done.outcome.state.active
        self.recall.put(
            done.pseudonym, done.outcome.recall, keep_prefix=f"{active.number}:" if active else None
        )
        self.recall.put_names(done.pseudonym, active.number if active else None, done.outcome.names)
        return done.replies

    def _consent(self, session: Session, participant: Person | None) -> RecordedConsent | None:
        if participant is None:
            return None
        held = self._consents.get(str(participant.id))
        return held or current_consent(session=session, participant_id=participant.id)

    def _remember_address(
        self, session: Session, participant: Person, transport: str, address: str, at: datetime
    ) -> str | None:
        """Store the address if it is new or changed; the cache key to mark once committed."""
        if self.address_cipher is None:
            return None
        # The pseudonym is already specific to the transport.
        key = participant.pseudonym
        if self._known_addresses.get(key) == address:
            return None
        stored = get_reply_address(session=session, participant_id=participant.id)
        if (
            stored is None
            or stored.transport != transport
            or self.address_cipher.decrypt(stored.ciphertext) != address
        ):
            set_reply_address(
                session=session,
                participant_id=participant.id,
                transport=transport,
                ciphertext=self.address_cipher.encrypt(address),
                at=at,
            )
        return key

    def _agreed(
        self,
        session: Session,
        participant: Person | None,
        pseudonym: str,
        choices: Choices,
        at: datetime,
    ) -> Person:
        """The person has just agreed: from here on they exist in the store."""
        participant = participant or join(session=session, pseudonym=pseudonym, at=at)
        record_first_consent(
            session=session,
            participant=participant,
            share=choices.share,
            model=choices.model,
            version=self.engine.notice.version,
            at=at,
        )
        return participant

    def _forget(self, pseudonym: str) -> None:
        """After /delete: nothing about the person stays in this process's memory either."""
        self.recall.put(pseudonym, {}, keep_prefix=None)
        self.recall.put_names(pseudonym, None, {})
        self._known_addresses.put(pseudonym, None)

    def _enrol(
        self, session: Session, participant: Person, code: str, at: datetime
    ) -> tuple[Person, Reply]:
        """Redeem an invite code: the person as they are now, and what to tell them."""
        # invite_hash normalises the code (case, spaces) before hashing it.
        outcome, cohort = redeem(
            session=session, participant=participant, code=code, hasher=self.invite_hash, at=at
        )
        if outcome is Enrolment.JOINED and cohort is not None:
            participant = replace(participant, cohort_id=cohort.id)
        message = ENROLMENT_MESSAGES[outcome]
        values = (
            {"cohort": cohort.name if cohort else ""}
            if outcome in (Enrolment.JOINED, Enrolment.ALREADY)
            else {}
        )
        return participant, Reply(text=self.engine.messages.say(message, **values))


@dataclass(frozen=True)
class _Done:
    """A committed turn, and what the process should remember from it."""

    pseudonym: str
    replies: list[Reply]
    outcome: Outcome | None = None  # None when the engine did not run (consent not given)
    erased: bool = False
    address: tuple[str, str] | None = None  # (cache key, chat id) when one was newly stored
    consent: tuple[str, RecordedConsent] | None = None  # (participant id, consent now)


def _exercises_a_right(event: Event) -> bool:
    """/export, /delete and its confirmation button."""
    if isinstance(event, Command):
        return event.name in ("export", "delete")
    return isinstance(event, Press) and event.token == DELETE
