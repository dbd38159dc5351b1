"""Writing what the engine decided: answers, sessions, ledger, engagement events, and the state.

Everything here runs inside the caller's transaction, so an answer and the state that moved past
it are committed together or not at all. Free text is accepted only as ``Redacted``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.engine import effects as fx
from bot.engine.state import ConversationState
from bot.redaction import Redacted
from bot.store import driver_sql
from bot.store.consent import record_choices
from bot.store.models import (
    CallRequest,
    ConversationStateRow,
    EventType,
    LedgerItem,
    LedgerReview,
    SafetyFlag,
)
from bot.store.participants import Person
from bot.store.reminders import arm, set_schedule

ENDED_EVENT = {
    "completed": EventType.SESSION_COMPLETED,
    "cancelled": EventType.SESSION_CANCELLED,
    "abandoned": EventType.SESSION_ABANDONED,
}
CLOSING_DECISIONS = {"done": "done", "drop": "dropped", "revise": "revised"}


class UnredactedText(TypeError):
    """Free text reached the store without passing through the redactor."""


def load_person(*, session: Session, pseudonym: str) -> tuple[Person | None, ConversationState]:
    """The participant and their state in one query (every turn starts here), the participant
    locked for this transaction on databases that can, so one person's turns never interleave
    even across processes."""
    found = driver_sql.load_person(driver_sql.driver(session), pseudonym=pseudonym)
    if found is None:
        return None, ConversationState()
    person_id, cohort_id, timezone, data = found
    state = ConversationState() if data is None else ConversationState.model_validate(data)
    person = Person(id=person_id, pseudonym=pseudonym, cohort_id=cohort_id, timezone=timezone)
    return person, state


def save_state(
    *, session: Session, participant_id: int, state: ConversationState, at: datetime
) -> None:
    # One UPDATE by primary key, straight to the driver: the state is replaced whole, so there
    # is nothing to load (see bot.store.driver_sql for why not through SQLAlchemy).
    data = state.model_dump(mode="json")
    if not driver_sql.save_state(
        driver_sql.driver(session), participant_id=participant_id, data=data, at=at
    ):
        session.add(ConversationStateRow(participant_id=participant_id, data=data, updated_at=at))


def record(
    *,
    session: Session,
    participant: Person,
    effects: Sequence[fx.Effect],
    state: ConversationState,
    at: datetime,
) -> None:
    """Apply the engine's effects for one turn, and note the step the person is now on.

    The active session's row keeps the current step (evaluators' drop-off figures read it); it
    is looked up once per turn and shared with the effects that need it.
    """
    # Reflection rows, answers and events are what every turn touches: they are read and
    # written straight to the driver (answers and events in one executemany each at the end),
    # not object by object through the ORM, whose per-object unit of work was, measured under
    # Telegram load, the bot's largest single cost (see bot.store.driver_sql).
    driver = driver_sql.driver(session)
    sessions: dict[int, _Reflection] = {}
    changes: dict[int, dict[str, Any]] = {}  # reflection id -> columns to update at the end
    answers: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    lens_rows: list[dict[str, Any]] = []

    def reflection(number: int) -> _Reflection:
        if number not in sessions:
            found = driver_sql.find_reflection(driver, participant_id=participant.id, number=number)
            if found is None:
                raise LookupError(f"no reflection session number {number}")
            sessions[number] = _Reflection(*found)
        return sessions[number]

    def change(row: _Reflection, **values: Any) -> None:
        changes.setdefault(row.id, {}).update(values, updated_at=at)

    def event(
        kind: EventType,
        row: _Reflection | None = None,
        *,
        step_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        events.append(
            {
                "participant_id": participant.id,
                "cohort_id": participant.cohort_id,
                "type": str(kind),
                "flow_id": row.flow_id if row else None,
                "flow_version": row.flow_version if row else None,
                "session_id": row.id if row else None,
                "step_id": step_id,
                "detail": detail,
                "occurred_at": at,
            }
        )

    def answer(row: _Reflection, effect: fx.AnswerGiven | fx.StepSkipped) -> None:
        if isinstance(effect, fx.AnswerGiven):
            kind, text, value = effect.step_kind, _checked(effect.text), effect.value
        else:
            kind, text, value = "skipped", None, None
        answers.append(
            {
                "session_id": row.id,
                "step_id": effect.step_id,
                "step_kind": kind,
                "text": text,
                "value": value,
                "skipped": kind == "skipped",
                "answered_at": effect.at,
            }
        )

    for effect in effects:
        if isinstance(effect, fx.SessionStarted):
            new_id = driver_sql.start_reflection(
                driver,
                participant_id=participant.id,
                number=effect.number,
                flow_id=effect.flow_id,
                flow_version=effect.flow_version,
                step_id=effect.step_id,
                at=effect.at,
            )
            row = sessions[effect.number] = _Reflection(
                new_id, effect.flow_id, effect.flow_version, effect.step_id
            )
            event(EventType.SESSION_STARTED, row)
        elif isinstance(effect, fx.AnswerGiven):
            row = reflection(effect.number)
            answer(row, effect)
            event(EventType.STEP_ANSWERED, row, step_id=effect.step_id)
        elif isinstance(effect, fx.LensLabelled):
            row = reflection(effect.number)
            lens_rows.extend(
                {
                    "session_id": row.id,
                    "step_id": effect.step_id,
                    "answer_kind": effect.answer_kind,
                    "label": label,
                    "confidence": confidence,
                    "labelled_at": effect.at,
                }
                for label, confidence in effect.labels
            )
        elif isinstance(effect, fx.StepSkipped):
            row = reflection(effect.number)
            answer(row, effect)
            event(EventType.STEP_SKIPPED, row, step_id=effect.step_id)
        elif isinstance(effect, fx.SessionEnded):
            row = reflection(effect.number)
            change(row, status=effect.status, ended_at=effect.at)
            event(ENDED_EVENT[effect.status], row, step_id=row.step_id)
        elif isinstance(effect, fx.LedgerAdded):
            row = reflection(effect.number)
            session.add(
                _open_item(
                    participant_id=participant.id,
                    session_id=row.id,
                    kind=effect.kind,
                    text=effect.text,
                    detail=effect.detail,
                    due=effect.due,
                    at=effect.at,
                )
            )
            event(EventType.COMMITMENT_MADE, row, detail=effect.kind)
        elif isinstance(effect, fx.LedgerReviewed):
            _review(
                session=session,
                participant=participant,
                row=reflection(effect.number),
                effect=effect,
            )
            event(EventType.COMMITMENT_REVIEWED, reflection(effect.number), detail=effect.decision)
        elif isinstance(effect, fx.CommandUsed):
            event(EventType.COMMAND_USED, detail=effect.name[:32])
        elif isinstance(effect, fx.SafetyFlagged):
            session.add(
                SafetyFlag(participant_id=participant.id, category=effect.category, raised_at=at)
            )
            event(EventType.SAFETY_FLAG, detail=effect.category)
        elif isinstance(effect, fx.ConsentChanged):
            record_choices(
                session=session,
                participant_id=participant.id,
                choices={"share": effect.share, "model": effect.model},
                version=effect.notice_version,
                at=effect.at,
            )
            event(
                EventType.CONSENT_CHANGED,
                detail=f"share={int(effect.share)} model={int(effect.model)}",
            )
        elif isinstance(effect, fx.ReflectionPrivacy):
            change(reflection(effect.number), private=effect.private)
        elif isinstance(effect, fx.CallRequested):
            session.add(
                CallRequest(
                    participant_id=participant.id, note=_checked(effect.note), requested_at=at
                )
            )
            event(EventType.CALL_REQUESTED)
        elif isinstance(effect, fx.RemindersChanged):
            set_schedule(session=session, participant=participant, schedule=effect.schedule, at=at)
            event(EventType.REMINDERS_CHANGED, detail="on" if effect.schedule else "off")
    if any(isinstance(e, fx.LedgerAdded | fx.LedgerReviewed) for e in effects):
        session.flush()
        arm(session=session, participant=participant, now=at)
    active = state.active
    if active is not None:
        row = reflection(active.number)
        if row.step_id != active.step_id:
            change(row, step_id=active.step_id)
    # The objects changed above first (in order: earlier rows, such as a new participant's
    # events, keep lower ids), then this turn's answers and events, then the activity time.
    session.flush()
    for row_id, values in changes.items():
        driver_sql.update_reflection(driver, row_id=row_id, values=values)
    if answers:
        driver_sql.add_answers(driver, answers)
    if lens_rows:
        driver_sql.add_lens_labels(driver, lens_rows)
    if events:
        driver_sql.add_events(driver, events)
    driver_sql.touch_participant(driver, participant_id=participant.id, at=at)


@dataclass(frozen=True)
class _Reflection:
    """What a turn needs of one reflection's row."""

    id: int
    flow_id: str
    flow_version: int
    step_id: str


def _review(
    *, session: Session, participant: Person, row: _Reflection, effect: fx.LedgerReviewed
) -> None:
    item = session.get(LedgerItem, effect.item_id)
    if item is None or item.participant_id != participant.id:
        raise LookupError("ledger item does not belong to this participant")
    session.add(
        LedgerReview(
            item_id=item.id,
            session_id=row.id,
            happened=effect.happened,
            outcome=_checked(effect.outcome),
            learning=_checked(effect.learning),
            decision=effect.decision,
            next_step=_checked(effect.next_step),
            next_due=effect.next_due,
            reviewed_at=effect.at,
        )
    )
    item.outcome = _checked(effect.outcome) or item.outcome
    item.learning = _checked(effect.learning) or item.learning
    item.revised_belief = _checked(effect.revised_belief) or item.revised_belief
    item.updated_at = effect.at
    if effect.decision == "keep":
        item.due_on = effect.next_due or item.due_on
        return
    item.status = CLOSING_DECISIONS.get(effect.decision, item.status)
    item.closed_at = effect.at
    if effect.decision == "revise" and effect.revised_text:
        session.add(
            _open_item(
                participant_id=participant.id,
                session_id=row.id,
                parent_id=item.id,
                kind=item.kind,
                text=effect.revised_text,
                detail=effect.next_step,
                due=effect.next_due,
                at=effect.at,
            )
        )


def _open_item(
    *,
    participant_id: int,
    session_id: int,
    kind: str,
    text: Redacted,
    detail: Redacted | None,
    due: date | None,
    at: datetime,
    parent_id: int | None = None,
) -> LedgerItem:
    """A new open ledger item (a fresh commitment, or the revision of an earlier one)."""
    return LedgerItem(
        participant_id=participant_id,
        session_id=session_id,
        parent_id=parent_id,
        kind=kind,
        text=_checked(text),
        detail=_checked(detail),
        due_on=due,
        status="open",
        created_at=at,
        updated_at=at,
    )


def _checked(text: Redacted | None) -> str | None:
    if text is None:
        return None
    if not isinstance(text, Redacted):
        raise UnredactedText("free text must pass through the redactor before it is stored")
    return str(text)
