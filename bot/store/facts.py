"""The engine's read-only view of one participant, backed by the database (lazily)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import facts
from bot.store.models import LedgerItem, ReflectionSession


class StoreFacts:
    def __init__(self, *, session: Session, participant_id: int) -> None:
        self._session = session
        self._participant_id = participant_id

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
        )

    def knowledge_card(self, *, query: str, exclude: Collection[str]) -> facts.Card | None:
        # The knowledge base arrives with its own issue; until then flows skip their cards.
        return None

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
