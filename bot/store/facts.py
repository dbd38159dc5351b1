"""The engine's read-only view of one participant, backed by the database (lazily)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import facts
from bot.knowledge.base import LazyKnowledge
from bot.knowledge.store import KnowledgeUnavailable
from bot.reminder_schedule import Schedule
from bot.store.export import export_participant
from bot.store.models import LedgerItem, LensLabel, Participant, ReflectionSession
from bot.store.reminders import get_schedule

log = logging.getLogger(__name__)


class StoreFacts:
    def __init__(
        self,
        *,
        session: Session,
        participant_id: int,
        knowledge: LazyKnowledge,
        choices: facts.Choices,
    ) -> None:
        self._session = session
        self._participant_id = participant_id
        self._knowledge = knowledge
        # Read by the conversation service before the turn (it decides whether to ask first).
        self._choices = choices

    def consent(self) -> facts.Choices:
        return self._choices

    def open_ledger(self) -> Sequence[facts.LedgerItem]:
        return self._ledger(only_open=True)

    def progress(self) -> facts.Progress:
        sessions = self._session.execute(
            select(
                ReflectionSession.flow_id, ReflectionSession.status, ReflectionSession.started_at
            )
            .where(ReflectionSession.participant_id == self._participant_id)
            .order_by(ReflectionSession.number)
        ).all()
        return facts.Progress(
            sessions=[facts.SessionSummary(*row) for row in sessions],
            ledger=self._ledger(only_open=False),
            lens=lens_by_reflection(session=self._session, participant_id=self._participant_id),
        )

    def knowledge_card(self, *, query: str, exclude: Collection[str]) -> facts.Card | None:
        base = self._knowledge.get()
        if base is None:
            return None
        try:
            choice = base.card(query=query, exclude=exclude)
        except KnowledgeUnavailable:
            log.warning("knowledge store failed during a card lookup")
            return None
        if choice is None:
            return None
        return facts.Card(id=choice.id, title=choice.title, text=choice.text, source=choice.source)

    def ask(self, question: str) -> facts.KnowledgeReply:
        base = self._knowledge.get()
        if base is None:
            return facts.KnowledgeReply(available=False, quotes=())
        try:
            found = base.ask(question)
        except KnowledgeUnavailable:
            log.warning("knowledge store failed during a question")
            return facts.KnowledgeReply(available=False, quotes=())
        quotes = tuple(
            facts.Quote(text=line.text, citation=line.citation.describe()) for line in found.lines
        )
        return facts.KnowledgeReply(available=True, quotes=quotes)

    def export_data(self) -> dict[str, Any]:
        participant = self._session.get(Participant, self._participant_id)
        assert participant is not None
        return export_participant(session=self._session, participant=participant)

    def reminder_schedule(self) -> Schedule | None:
        return get_schedule(session=self._session, participant_id=self._participant_id)

    def _ledger(self, *, only_open: bool) -> list[facts.LedgerItem]:
        query = (
            select(LedgerItem, ReflectionSession.number)
            .outerjoin(ReflectionSession, LedgerItem.session_id == ReflectionSession.id)
            .where(LedgerItem.participant_id == self._participant_id)
            .order_by(LedgerItem.id)
        )
        if only_open:
            query = query.where(LedgerItem.status == "open")
        return [
            facts.LedgerItem(
                id=item.id,
                kind=item.kind,
                text=item.text,
                detail=item.detail,
                due=item.due_on,
                status=item.status,
                created_at=item.created_at,
                session_number=number,
                outcome=item.outcome,
                revised_belief=item.revised_belief,
            )
            for item, number in self._session.execute(query).all()
        ]


def lens_by_reflection(*, session: Session, participant_id: int) -> list[frozenset[str]]:
    """The lens's labels for each reflection it read, oldest first ("none" left out, so a
    reflection with plain description only is an empty set)."""
    rows = session.execute(
        select(ReflectionSession.number, LensLabel.label)
        .join(LensLabel, LensLabel.session_id == ReflectionSession.id)
        .where(ReflectionSession.participant_id == participant_id)
        .order_by(ReflectionSession.number)
    ).all()
    found: dict[int, set[str]] = {}
    for number, label in rows:
        labels = found.setdefault(number, set())
        if label != "none":
            labels.add(label)
    return [frozenset(found[number]) for number in sorted(found)]
