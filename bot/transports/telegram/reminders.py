"""The reminder sender: a loop in the bot process that claims due reminders and sends them.

Reminders live in the database (``bot/store/reminders.py``), not in PTB's in-memory JobQueue, so
they survive restarts and several bot processes can share the work: each claims rows in its own
committed transaction before sending, so a reminder goes out at most once. On start it re-arms
everyone's next nudge and writes off claims a dead process left behind. Once an hour it also
forgets processed update ids older than a week.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from telegram.error import Forbidden, TelegramError

from bot.due_dates import describe_due_date
from bot.identity import AddressCipher
from bot.store.database import Database
from bot.store.models import EngagementEvent, EventType, Participant, ProcessedUpdate
from bot.store.participants import get_reply_address
from bot.store.reminders import (
    DueReminder,
    claim_due,
    expire_lost_claims,
    mark_failed,
    mark_sent,
    rearm_everyone,
    zone_of,
)
from bot.wording import Messages

TRANSPORT = "telegram"
KEEP_UPDATE_IDS = timedelta(days=7)
HOUSEKEEPING_EVERY = timedelta(hours=1)
log = logging.getLogger(__name__)


class ReminderSender:
    def __init__(
        self,
        *,
        database: Database,
        cipher: AddressCipher,
        messages: Messages,
        poll_seconds: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.database = database
        self.cipher = cipher
        self.messages = messages
        self.poll_seconds = poll_seconds
        self.clock = clock
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._last_housekeeping: datetime | None = None

    def start(self, bot: Any) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(bot), name="reminders")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task

    async def _run(self, bot: Any) -> None:
        await asyncio.to_thread(self._rearm)
        while not self._stopping.is_set():
            try:
                await self.send_due(bot)
                await asyncio.to_thread(self._housekeeping)
            except Exception as exc:  # the loop must outlive a bad minute of the database
                log.error("reminder round failed: %s", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.poll_seconds)

    async def send_due(self, bot: Any) -> int:
        """Claim what is due and send it; returns how many were sent."""
        now = self.clock()
        claimed = await asyncio.to_thread(self._claim, now)
        sent = 0
        for reminder, chat_id, today in claimed:
            if chat_id is None:
                await asyncio.to_thread(self._finish, reminder, ok=False, blocked=False)
                continue
            try:
                await bot.send_message(chat_id, self._text(reminder, today))
            except Forbidden:
                await asyncio.to_thread(self._finish, reminder, ok=False, blocked=True)
                continue
            except TelegramError as exc:
                log.warning("reminder not sent: %s", type(exc).__name__)
                await asyncio.to_thread(self._finish, reminder, ok=False, blocked=False)
                continue
            await asyncio.to_thread(self._finish, reminder, ok=True, blocked=False)
            sent += 1
        return sent

    def _text(self, reminder: DueReminder, today: date) -> str:
        if reminder.kind == "due" and reminder.ledger_text and reminder.ledger_due:
            due = describe_due_date(date.fromisoformat(reminder.ledger_due), today=today)
            return self.messages.say("reminder_due", text=reminder.ledger_text, due=due)
        return self.messages.say("reminder_nudge")

    def _claim(self, now: datetime) -> list[tuple[DueReminder, int | None, date]]:
        result: list[tuple[DueReminder, int | None, date]] = []
        with self.database.transaction() as session:
            for reminder in claim_due(session=session, now=now):
                address = get_reply_address(session=session, participant_id=reminder.participant_id)
                participant = session.get(Participant, reminder.participant_id)
                today = now.astimezone(zone_of(participant)).date() if participant else now.date()
                chat_id = None
                if address is not None and address.transport == TRANSPORT:
                    chat_id = int(self.cipher.decrypt(address.ciphertext))
                result.append((reminder, chat_id, today))
        return result

    def _finish(self, reminder: DueReminder, *, ok: bool, blocked: bool) -> None:
        at = self.clock()
        with self.database.transaction() as session:
            if ok:
                mark_sent(session=session, reminder_id=reminder.id, at=at)
                participant = session.get(Participant, reminder.participant_id)
                session.add(
                    EngagementEvent(
                        participant_id=reminder.participant_id,
                        cohort_id=participant.cohort_id if participant else None,
                        type=EventType.REMINDER_SENT,
                        detail=reminder.kind,
                        occurred_at=at,
                    )
                )
            else:
                mark_failed(session=session, reminder_id=reminder.id, stop_all=blocked, at=at)

    def _rearm(self) -> None:
        now = self.clock()
        with self.database.transaction() as session:
            lost = expire_lost_claims(session=session, now=now)
            people = rearm_everyone(session=session, now=now)
        log.info("reminders re-armed for %d people; %d lost claims written off", people, lost)

    def _housekeeping(self) -> None:
        now = self.clock()
        if self._last_housekeeping and now - self._last_housekeeping < HOUSEKEEPING_EVERY:
            return
        self._last_housekeeping = now
        with self.database.transaction() as session:
            session.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < now - KEEP_UPDATE_IDS)
            )
