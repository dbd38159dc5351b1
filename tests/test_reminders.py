"""Reminders: schedules people type, arming, claiming at most once, re-arming, sending."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from telegram.error import Forbidden

from bot.engine.consent import ASK
from bot.engine.events import Command, Press
from bot.reminder_schedule import Schedule, due_reminder_at, next_nudge, parse_schedule
from bot.services import Services
from bot.store.models import LedgerItem, Participant, Reminder, ReminderSetting
from bot.store.reminders import arm, claim_due, rearm_everyone, set_schedule
from bot.transports.telegram.reminders import ReminderSender

LONDON = ZoneInfo("Europe/London")
CHAT = 700100200300


@pytest.mark.parametrize(
    ("text", "days", "at"),
    [
        ("mon wed 18:30", (0, 2), time(18, 30)),
        ("weekdays 6pm", (0, 1, 2, 3, 4), time(18, 0)),
        ("every day 8.15am", tuple(range(7)), time(8, 15)),
        ("Tuesdays and Thursdays at 7 pm", (1, 3), time(19, 0)),
        ("sat, sun 9", (5, 6), time(9, 0)),
        ("Friday 12am", (4,), time(0, 0)),
        ("weekend 12pm", (5, 6), time(12, 0)),
    ],
)
def test_schedules_are_read_from_what_people_type(text, days, at) -> None:
    assert parse_schedule(text) == Schedule(days, at)


@pytest.mark.parametrize(
    "text", ["", "banana", "mon 25:00", "monday", "18:30", "mon 13pm", "mon 6pm 7pm", "x" * 5000]
)
def test_unreadable_schedules_are_refused(text) -> None:
    assert parse_schedule(text) is None


def test_nudges_keep_their_local_time_across_the_clock_change() -> None:
    daily = Schedule(tuple(range(7)), time(18, 30))
    before = datetime(2026, 3, 28, 19, 0, tzinfo=UTC)  # Saturday, still GMT
    after = next_nudge(daily, after=before, zone=LONDON)
    assert after.astimezone(UTC) == datetime(2026, 3, 29, 17, 30, tzinfo=UTC)  # 18:30 BST
    missing = Schedule((6,), time(1, 30))  # 01:30 does not exist on 29 March 2026
    moved = next_nudge(missing, after=datetime(2026, 3, 28, 12, tzinfo=UTC), zone=LONDON)
    assert moved.astimezone(LONDON).time() == time(2, 30)


def test_a_due_reminder_comes_the_morning_before() -> None:
    at = due_reminder_at(date(2026, 12, 3), zone=LONDON)
    assert at.astimezone(LONDON) == datetime(2026, 12, 2, 9, 0, tzinfo=LONDON)


def agree(services: Services, clock) -> None:
    """The consent questions answered (keep, share, no model), as the last button carries them."""
    telegram_turn(services, Press("k1s1m0", ASK, clock()))


def telegram_turn(services: Services, event) -> list[str]:
    replies = services.conversation.handle_update(
        transport="telegram", external_id=str(CHAT), event=event, reply_address=str(CHAT)
    )
    assert replies is not None
    return [reply.text for reply in replies]


def pending(services: Services) -> list[Reminder]:
    with services.database.transaction() as session:
        rows = session.scalars(select(Reminder).where(Reminder.status == "pending")).all()
        session.expunge_all()
        return list(rows)


def test_remind_offers_patterns_and_arms_the_next_nudge(services: Services, clock) -> None:
    agree(services, clock)
    replies = services.conversation.handle(
        transport="telegram", external_id=str(CHAT), event=Command("remind", "", clock())
    )
    menu = next(r for r in replies if r.buttons)
    assert "off" in menu.text
    weekdays = next(b for b in menu.buttons if b.label.startswith("Weekdays"))
    texts = telegram_turn(services, Press(weekdays.value, menu.token or "", clock()))
    assert "weekdays at 18:00" in texts[0]
    rows = pending(services)
    assert [r.kind for r in rows] == ["nudge"]
    # The clock starts on Sunday 22 November 2026: the next weekday 18:00 is Monday's.
    assert rows[0].due_at == datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def test_typed_schedule_off_and_nonsense(services: Services, clock) -> None:
    agree(services, clock)
    texts = telegram_turn(services, Command("remind", "tue thu 7.30pm", clock()))
    assert "Tuesdays and Thursdays at 19:30" in texts[0]
    assert len(pending(services)) == 1
    texts = telegram_turn(services, Command("remind", "whenever", clock()))
    assert "couldn't read" in texts[0]
    assert len(pending(services)) == 1
    texts = telegram_turn(services, Command("remind", "off", clock()))
    assert "Reminders are off" in texts[0]
    assert pending(services) == []
    with services.database.transaction() as session:
        assert session.scalars(select(ReminderSetting.enabled)).all() == [False]


def add_due_item(services: Services, due: date, at: datetime) -> None:
    with services.database.transaction() as session:
        person = session.scalars(select(Participant)).one()
        session.add(
            LedgerItem(
                participant_id=person.id,
                kind="commitment",
                text="Ask the caretaker what he saw",
                due_on=due,
                status="open",
                created_at=at,
                updated_at=at,
            )
        )
        session.flush()
        arm(session=session, participant=person, now=at)


def test_claiming_is_at_most_once_and_arms_the_next_nudge(services: Services, clock) -> None:
    agree(services, clock)
    telegram_turn(services, Command("remind", "every day 9am", clock()))
    add_due_item(services, date(2026, 11, 25), clock())
    kinds = sorted(r.kind for r in pending(services))
    assert kinds == ["due", "nudge"]
    later = datetime(2026, 11, 24, 9, 0, 30, tzinfo=UTC)
    with services.database.transaction() as session:
        first = claim_due(session=session, now=later)
    with services.database.transaction() as session:
        second = claim_due(session=session, now=later)
    assert sorted(r.kind for r in first) == ["due"]  # Monday's nudge was missed by hours
    assert second == []
    nudges = [r for r in pending(services) if r.kind == "nudge"]
    assert len(nudges) == 1 and nudges[0].due_at == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_rearming_after_a_restart_adds_nothing_twice(services: Services, clock) -> None:
    agree(services, clock)
    telegram_turn(services, Command("remind", "mon 6pm", clock()))
    for _ in range(3):
        with services.database.transaction() as session:
            assert rearm_everyone(session=session, now=clock()) == 1
    assert len(pending(services)) == 1


class RecordingBot:
    def __init__(self, *, blocked: bool = False) -> None:
        self.sent: list[tuple[int, str]] = []
        self.blocked = blocked

    async def send_message(self, chat_id: int, text: str) -> None:
        if self.blocked:
            raise Forbidden("Forbidden: bot was blocked by the user")
        self.sent.append((chat_id, text))


def sender(services: Services, now: datetime) -> ReminderSender:
    return ReminderSender(
        database=services.database,
        cipher=services.address_cipher,
        messages=services.content.messages,
        poll_seconds=1,
        clock=lambda: now,
    )


async def test_the_sender_sends_a_due_nudge_once(services: Services, clock) -> None:
    agree(services, clock)
    telegram_turn(services, Command("remind", "mon 6pm", clock()))
    bot = RecordingBot()
    monday = datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC)
    assert await sender(services, monday).send_due(bot) == 1
    assert await sender(services, monday).send_due(bot) == 0
    assert bot.sent[0][0] == CHAT and "reminder" in bot.sent[0][1]
    assert pending(services)[0].due_at == datetime(2026, 11, 30, 18, 0, tzinfo=UTC)


async def test_a_blocked_bot_stops_that_persons_reminders(services: Services, clock) -> None:
    agree(services, clock)
    telegram_turn(services, Command("remind", "mon 6pm", clock()))
    monday = datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC)
    assert await sender(services, monday).send_due(RecordingBot(blocked=True)) == 0
    assert pending(services) == []
    with services.database.transaction() as session:
        assert session.scalars(select(ReminderSetting.enabled)).all() == [False]


async def test_a_due_reminder_names_the_commitment(services: Services, clock) -> None:
    agree(services, clock)
    telegram_turn(services, Command("remind", "sun 8pm", clock()))
    add_due_item(services, date(2026, 11, 26), clock())
    bot = RecordingBot()
    morning = datetime(2026, 11, 25, 9, 0, 1, tzinfo=UTC)
    assert await sender(services, morning).send_due(bot) == 1
    assert "Ask the caretaker what he saw" in bot.sent[0][1]
    assert "tomorrow" in bot.sent[0][1]


def test_reminders_follow_the_persons_time_zone(services: Services, clock) -> None:
    agree(services, clock)
    telegram_turn(services, Command("remind", "mon 6pm", clock()))
    with services.database.transaction() as session:
        person = session.scalars(select(Participant)).one()
        person.timezone = "America/New_York"
        session.flush()
        set_schedule(
            session=session, participant=person, schedule=parse_schedule("mon 6pm"), at=clock()
        )
    rows = pending(services)
    assert rows[0].due_at == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)  # 18:00 in New York
