"""The activity rollup: which weeks each participant was active in, caught up from the events.

``activity_weeks`` holds one row per participant per week in which they did anything (a
reminder the bot sent is not something they did). Evaluator figures read it instead of the
events table: a million events grouped by week takes seconds, the rollup tens of milliseconds.

It is caught up on read, not on write: ``catch_up`` runs at the start of each evaluator request
that needs it and takes in only the events newer than its mark, with one INSERT ... SELECT. The
bot's hot path is untouched, and data loaded by any means (the demo generator included) is
picked up. The first request after a large import pays for the whole import once (a few
seconds per million events). Erasing a person cascades to their rows like everything else about
them, and /export includes them.

On PostgreSQL, ids come from a sequence and a transaction can commit after one holding a higher
id, so an event could appear below the mark after the mark has passed it. Each catch-up there
reads again the last ``POSTGRES_OVERLAP`` ids below its mark; weeks already present are skipped
by the table's key, so reading twice changes nothing (and two catch-ups at once are harmless).
SQLite has one writer at a time, so its ids commit in order.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store.models import ActivityWeek, EngagementEvent, EventType, Participant, RollupMark
from bot.store.weeks import week_start

ACTIVITY = "activity_weeks"
POSTGRES_OVERLAP = 10_000
ANALYZE_AFTER = 100_000  # events taken in at once
# Things the bot does on its own: not a sign the person was active.
NOT_ACTIVITY = (EventType.REMINDER_SENT.value,)


def catch_up(*, session: Session) -> None:
    """Bring the rollup up to the newest event."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    mark = _mark(session)
    if mark is None:  # the first catch-up: two at once must not both insert the mark
        session.execute(
            dialect.insert(RollupMark)
            .values(name=ACTIVITY, event_id=0)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        mark = _mark(session)
        assert mark is not None
    newest = session.scalar(select(func.max(EngagementEvent.id)))
    if newest is None or newest <= mark.event_id:
        return
    overlap = POSTGRES_OVERLAP if dialect is postgresql else 0
    events = EngagementEvent
    fresh = (
        select(events.participant_id, week_start(events.occurred_at).label("week"))
        .where(
            events.id > max(0, mark.event_id - overlap),
            events.id <= newest,
            events.type.not_in(NOT_ACTIVITY),
        )
        .distinct()
        .subquery()
    )
    session.execute(
        dialect.insert(ActivityWeek)
        .from_select(
            ["participant_id", "week", "first_week"],
            select(
                fresh.c.participant_id,
                fresh.c.week,
                fresh.c.week == week_start(Participant.created_at),
            )
            .join(Participant, Participant.id == fresh.c.participant_id)
            # SQLite needs a WHERE before ON CONFLICT to tell it from a join's ON.
            .where(fresh.c.week.is_not(None)),
        )
        # Weeks already there are skipped by the key, not by an anti-join: PostgreSQL, asked
        # to anti-join against the table it is filling, rescans it for every new row.
        .on_conflict_do_nothing(index_elements=["participant_id", "week"])
    )
    if dialect is postgresql and newest - mark.event_id > ANALYZE_AFTER:
        # A large import arrives in one statement, and until autovacuum comes round the
        # planner would still take the table for empty and plan every page for that.
        session.execute(text("ANALYZE activity_weeks"))
    mark.event_id = newest
    session.flush()


def _mark(session: Session) -> RollupMark | None:
    """The rollup's mark, locked (on PostgreSQL) so catch-ups queue rather than overlap."""
    return session.execute(
        select(RollupMark).where(RollupMark.name == ACTIVITY).with_for_update()
    ).scalar_one_or_none()
