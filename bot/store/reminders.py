"""Reminders kept in the database: armed from a person's schedule, claimed once, then sent.

A reminder row exists for the next nudge and for each open commitment with a due date ahead.
Arming is idempotent (a unique key per person: ``nudge:<instant>``, ``due:<item>:<date>``), so
re-arming after a restart, or from two processes, adds nothing twice. Sending is at most once: a
sender claims rows in a committed transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the
database-wide write lock on SQLite) before it sends anything, so a crash after the claim loses
that one reminder rather than repeating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.reminder_schedule import Schedule, due_reminder_at, next_nudge
from bot.store.models import LedgerItem, Participant, Reminder, ReminderSetting
from bot.store.participants import Person

NUDGE = "nudge"
DUE = "due"
# A claimed reminder is sent within seconds; one claimed long ago was lost with its process.
LOST_AFTER = timedelta(minutes=10)
# A reminder found hours late (the bot was down) is skipped: a nudge at 3 a.m. helps no one.
STALE_AFTER = timedelta(hours=3)


@dataclass(frozen=True)
class DueReminder:
    id: int
    participant_id: int
    kind: str
    ledger_text: str | None
    ledger_due: str | None


def zone_of(participant: Participant | Person) -> ZoneInfo:
    try:
        return ZoneInfo(participant.timezone or "Europe/London")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/London")


def get_schedule(*, session: Session, participant_id: int) -> Schedule | None:
    row = session.get(ReminderSetting, participant_id)
    if row is None or not row.enabled:
        return None
    return Schedule.from_stored(row.weekdays, row.local_time)


def set_schedule(
    *, session: Session, participant: Participant | Person, schedule: Schedule | None, at: datetime
) -> None:
    """Store the new schedule (or switch reminders off) and re-arm what is pending."""
    row = session.get(ReminderSetting, participant.id)
    if schedule is None:
        if row is not None:
            row.enabled, row.updated_at = False, at
    elif row is None:
        session.add(
            ReminderSetting(
                participant_id=participant.id,
                weekdays=schedule.stored_days,
                local_time=schedule.stored_time,
                enabled=True,
                updated_at=at,
            )
        )
    else:
        row.weekdays, row.local_time = schedule.stored_days, schedule.stored_time
        row.enabled, row.updated_at = True, at
    session.execute(
        delete(Reminder).where(
            Reminder.participant_id == participant.id, Reminder.status == "pending"
        )
    )
    session.flush()
    arm(session=session, participant=participant, now=at)


def arm(*, session: Session, participant: Participant | Person, now: datetime) -> None:
    """Make sure the next nudge and every upcoming due-date reminder has a pending row."""
    schedule = get_schedule(session=session, participant_id=participant.id)
    if schedule is None:
        return
    zone = zone_of(participant)
    wanted: list[tuple[str, str, datetime, int | None]] = []
    nudge_at = next_nudge(schedule, after=now, zone=zone)
    wanted.append((NUDGE, f"nudge:{nudge_at.isoformat()}", nudge_at, None))
    items = session.scalars(
        select(LedgerItem).where(
            LedgerItem.participant_id == participant.id,
            LedgerItem.status == "open",
            LedgerItem.due_on.is_not(None),
        )
    )
    for item in items:
        assert item.due_on is not None
        when = due_reminder_at(item.due_on, zone=zone)
        if when > now:
            wanted.append((DUE, f"due:{item.id}:{item.due_on.isoformat()}", when, item.id))
    existing = set(
        session.scalars(select(Reminder.key).where(Reminder.participant_id == participant.id))
    )
    has_pending_nudge = session.scalar(
        select(Reminder.id).where(
            Reminder.participant_id == participant.id,
            Reminder.kind == NUDGE,
            Reminder.status == "pending",
        )
    )
    for kind, key, when, item_id in wanted:
        if key in existing or (kind == NUDGE and has_pending_nudge):
            continue
        session.add(
            Reminder(
                participant_id=participant.id,
                kind=kind,
                key=key,
                ledger_item_id=item_id,
                due_at=when,
                status="pending",
            )
        )
    session.flush()


def rearm_everyone(*, session: Session, now: datetime) -> int:
    """After a restart: give every person with reminders on their pending rows back."""
    people = session.scalars(
        select(Participant).join(ReminderSetting).where(ReminderSetting.enabled.is_(True))
    ).all()
    for participant in people:
        arm(session=session, participant=participant, now=now)
    return len(people)


def claim_due(*, session: Session, now: datetime, limit: int = 50) -> list[DueReminder]:
    """Move due reminders from pending to claimed, and arm each person's next nudge."""
    query = (
        select(Reminder)
        .where(Reminder.status == "pending", Reminder.due_at <= now)
        .order_by(Reminder.due_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = list(session.scalars(query))
    claimed: list[DueReminder] = []
    for row in rows:
        row.status, row.claimed_at = "claimed", now
        if now - row.due_at > STALE_AFTER:
            row.status = "missed"
            continue
        item = session.get(LedgerItem, row.ledger_item_id) if row.ledger_item_id else None
        if row.kind == DUE and (item is None or item.status != "open"):
            row.status = "cancelled"  # reviewed or dropped since it was armed
            continue
        claimed.append(
            DueReminder(
                id=row.id,
                participant_id=row.participant_id,
                kind=row.kind,
                ledger_text=item.text if item else None,
                ledger_due=item.due_on.isoformat() if item and item.due_on else None,
            )
        )
    session.flush()
    for participant_id in {row.participant_id for row in rows if row.kind == NUDGE}:
        participant = session.get(Participant, participant_id)
        if participant is not None:
            arm(session=session, participant=participant, now=now)
    return claimed


def mark_sent(*, session: Session, reminder_id: int, at: datetime) -> None:
    session.execute(
        update(Reminder).where(Reminder.id == reminder_id).values(status="sent", sent_at=at)
    )


def mark_failed(*, session: Session, reminder_id: int, stop_all: bool, at: datetime) -> None:
    """A send failed; when the person blocked the bot, stop their reminders altogether."""
    row = session.get(Reminder, reminder_id)
    if row is None:
        return
    row.status = "failed"
    if stop_all:
        setting = session.get(ReminderSetting, row.participant_id)
        if setting is not None:
            setting.enabled, setting.updated_at = False, at
        session.execute(
            delete(Reminder).where(
                Reminder.participant_id == row.participant_id, Reminder.status == "pending"
            )
        )


def expire_lost_claims(*, session: Session, now: datetime) -> int:
    """Claims whose process died before sending: recorded as lost, never sent late or twice."""
    result = session.execute(
        update(Reminder)
        .where(Reminder.status == "claimed", Reminder.claimed_at < now - LOST_AFTER)
        .values(status="lost")
    )
    return int(getattr(result, "rowcount", 0) or 0)
