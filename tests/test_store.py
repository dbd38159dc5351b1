"""The store: migrated schema, SQLite tuning, atomic turns, identity, no unredacted text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pydantic import SecretStr
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from bot.engine import effects as fx
from bot.engine.state import ConversationState
from bot.identity import AddressCipher, Pseudonymiser
from bot.store.database import Database
from bot.store.models import (
    Answer,
    Base,
    ConversationStateRow,
    EngagementEvent,
    LedgerItem,
    Participant,
    ReflectionSession,
    ReplyAddress,
)
from bot.store.participants import get_or_create_participant, get_reply_address, set_reply_address
from bot.store.recording import UnredactedText, record

from drivers import ServiceDriver

AT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def test_migrations_at_head_equal_the_models(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    database.dispose()


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    database.migrate()
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    database.dispose()


def test_sqlite_connections_are_tuned_for_durability(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    with database.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("busy_timeout", "journal_mode", "synchronous", "foreign_keys")
        }
    assert pragmas == {
        "busy_timeout": 10_000,
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
    }
    database.dispose()


def _fail_state_writes(services) -> None:
    """Make the database itself refuse to update conversation state (a fault at the edge)."""
    with services.database.transaction() as session:
        if session.bind.dialect.name == "sqlite":
            session.execute(
                text(
                    "CREATE TRIGGER fail_state BEFORE UPDATE ON conversation_states "
                    "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
                )
            )
        else:
            session.execute(
                text(
                    "CREATE FUNCTION fail_state() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$"
                )
            )
            session.execute(
                text(
                    "CREATE TRIGGER fail_state BEFORE UPDATE ON conversation_states "
                    "FOR EACH ROW EXECUTE FUNCTION fail_state()"
                )
            )


def test_a_turn_is_all_or_nothing(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    driver.say("The meeting on Tuesday")
    _fail_state_writes(services)
    with pytest.raises(DBAPIError, match="disk on fire"):
        driver.say("A date for the repairs")
    with services.database.transaction() as session:
        session.execute(
            text(
                "DROP TRIGGER fail_state"
                + ("" if session.bind.dialect.name == "sqlite" else " ON conversation_states")
            )
        )
        steps = session.scalars(select(Answer.step_id)).all()
        state = session.scalars(select(ConversationStateRow.data)).one()
    assert steps == ["situation"]  # the failed turn's answer was rolled back with its state
    assert state["active"]["step_id"] == "wanted"
    driver.say("A date for the repairs")
    assert "what was actually said" in driver.text


def test_unredacted_text_is_refused_by_the_store(services) -> None:
    with services.database.transaction() as session:
        participant = get_or_create_participant(session=session, pseudonym="a" * 64, at=AT)
        record(
            session=session,
            participant=participant,
            effects=[fx.SessionStarted(1, "defensive-reasoning", 1, "situation", AT)],
            state=ConversationState(),
            at=AT,
        )
        plain = fx.AnswerGiven(1, "situation", "question", "ring 07700 900123", None, AT)  # type: ignore[arg-type]
        with pytest.raises(UnredactedText):
            record(
                session=session,
                participant=participant,
                effects=[plain],
                state=ConversationState(),
                at=AT,
            )


def test_stored_answers_hold_only_redacted_text(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    driver.say("Call with jo.bloggs@example.org on 020 7946 0000 at N1 9GU, see https://x.org/a")
    with services.database.transaction() as session:
        [stored] = session.scalars(select(Answer.text)).all()
        state = session.scalars(select(ConversationStateRow.data)).one()
    assert stored == "Call with [EMAIL] on [PHONE] at [POSTCODE], see [URL]"
    assert "example.org" not in str(state) and "7946" not in str(state)


def test_pseudonyms_are_keyed_stable_and_per_transport() -> None:
    one = Pseudonymiser(SecretStr("k" * 64))
    other = Pseudonymiser(SecretStr("j" * 64))
    first = one.pseudonym(transport="telegram", external_id="12345")
    assert first == one.pseudonym(transport="telegram", external_id="12345")
    assert len(first) == 64 and "12345" not in first
    assert first != other.pseudonym(transport="telegram", external_id="12345")
    assert first != one.pseudonym(transport="terminal", external_id="12345")


def test_participants_are_stored_by_pseudonym_only(services, clock) -> None:
    ServiceDriver(services, clock, participant="alice-at-home").command("/start")
    with services.database.transaction() as session:
        [participant] = session.scalars(select(Participant)).all()
        dump = str(
            [
                row
                for table in Base.metadata.sorted_tables
                for row in session.execute(select(table)).all()
            ]
        )
    expected = services.conversation.pseudonym(transport="test", external_id="alice-at-home")
    assert participant.pseudonym == expected
    assert "alice" not in dump


def test_reply_addresses_are_encrypted_and_kept_apart(services) -> None:
    cipher = services.address_cipher
    with services.database.transaction() as session:
        participant = get_or_create_participant(session=session, pseudonym="b" * 64, at=AT)
        set_reply_address(
            session=session,
            participant_id=participant.id,
            transport="telegram",
            ciphertext=cipher.encrypt("987654321"),
            at=AT,
        )
    with services.database.transaction() as session:
        row = get_reply_address(session=session, participant_id=participant.id)
        raw = session.execute(text("SELECT ciphertext FROM reply_addresses")).scalar_one()
    assert row is not None and cipher.decrypt(row.ciphertext) == "987654321"
    assert b"987654321" not in bytes(raw)
    other_columns = {
        c.name
        for t in Base.metadata.sorted_tables
        if t.name != "reply_addresses"
        for c in t.columns
    }
    assert "ciphertext" not in other_columns
    with pytest.raises(ValueError, match="cannot be decrypted"):
        AddressCipher(SecretStr(_other_fernet_key())).decrypt(row.ciphertext)


def _other_fernet_key() -> str:
    from bot.settings import new_encryption_key

    return new_encryption_key()


def test_engagement_events_describe_a_whole_reflection(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/respond")
    for answer in ["Bins", "2", "I moan", "Report it", "Caretaker", "Say hello", "tomorrow", "5"]:
        driver.say(answer)
    with services.database.transaction() as session:
        types = session.scalars(select(EngagementEvent.type).order_by(EngagementEvent.id)).all()
        [reflection] = session.scalars(select(ReflectionSession)).all()
        [item] = session.scalars(select(LedgerItem)).all()
    assert types[:4] == ["participant_joined", "consent_given", "command_used", "session_started"]
    assert types.count("step_answered") == 8
    assert types[-2:] == ["commitment_made", "session_completed"]
    assert (reflection.status, reflection.flow_id, reflection.flow_version) == (
        "completed",
        "ability-to-respond",
        1,
    )
    assert reflection.ended_at is not None
    assert (item.kind, item.text, item.status) == ("action", "Say hello", "open")


def test_the_session_row_follows_the_current_step_for_drop_off(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/assumption")
    driver.say("The chair closed the meeting early")
    with services.database.transaction() as session:
        [reflection] = session.scalars(select(ReflectionSession)).all()
    assert (reflection.status, reflection.step_id) == ("active", "story")


def test_deleting_a_participant_cascades_everywhere(services, clock) -> None:
    driver = ServiceDriver(services, clock)
    driver.command("/respond")
    driver.say("Bins")
    with services.database.transaction() as session:
        participant = session.scalars(select(Participant)).one()
        session.add(
            ReplyAddress(
                participant_id=participant.id, transport="t", ciphertext=b"x", updated_at=AT
            )
        )
    with services.database.transaction() as session:
        session.execute(text("DELETE FROM participants"))
    with services.database.transaction() as session:
        for table in (
            "answers",
            "reflection_sessions",
            "conversation_states",
            "engagement_events",
            "reply_addresses",
        ):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0, table
