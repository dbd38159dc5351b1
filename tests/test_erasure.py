"""/delete: two steps, then no row about the person in any table (found by walking the schema)."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.engine.events import Command
from bot.services import Services
from bot.store.models import Base, Participant

from drivers import ServiceDriver

CHAT = "770011223344"


def rows_about(services: Services, participant_id: int) -> dict[str, int]:
    """Rows in every table that point at the participant, by any foreign key."""
    found: dict[str, int] = {}
    with services.database.transaction() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                targets = {fk.target_fullname for fk in column.foreign_keys}
                if "participants.id" in targets or (
                    table.name == "participants" and column.name == "id"
                ):
                    count = session.scalar(
                        select(func.count()).select_from(table).where(column == participant_id)
                    )
                    if count:
                        found[f"{table.name}.{column.name}"] = count
    return found


def test_delete_asks_first_then_erases_every_row(services: Services, clock) -> None:
    driver = ServiceDriver(services, clock, participant=CHAT)
    services.conversation.handle_update(
        transport="test",
        external_id=CHAT,
        event=Command("remind", "mon 6pm", clock()),
        reply_address=CHAT,
    )
    for line in ["/respond", "The bins", "3", "I never report it", "I can report it", "Caretaker"]:
        driver.command(line) if line.startswith("/") else driver.say(line)
    driver.say("I want to end it all")  # a safety flag too
    pseudonym = services.conversation.pseudonym(transport="test", external_id=CHAT)
    with services.database.transaction() as session:
        pid = session.scalar(select(Participant.id).where(Participant.pseudonym == pseudonym))
    assert pid is not None
    before = rows_about(services, pid)
    assert {
        "reply_addresses.participant_id",
        "safety_flags.participant_id",
        "consent_records.participant_id",
    } <= set(before)
    assert "reminders.participant_id" in before and "answers.session_id" not in before

    driver.command("/delete")
    assert "can't be undone" in driver.text
    driver.press("No, keep it")
    assert "Nothing has been deleted" in driver.text
    kept = rows_about(services, pid)
    assert set(kept) == set(before)  # only the /delete command's own event was added
    assert kept["engagement_events.participant_id"] > before["engagement_events.participant_id"]

    driver.command("/delete")
    driver.press("Yes, erase everything")
    assert "erased" in driver.text and "Telegram keeps this chat" in driver.text
    assert rows_about(services, pid) == {}
    with services.database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0
    assert services.conversation.recall.get(pseudonym) == {}

    driver.command("/start")  # writing again starts afresh, with the consent questions
    assert "Nothing you send is kept until you've answered" in driver.text


def test_purge_erases_only_people_inactive_beyond_the_retention_period(
    services: Services, clock, monkeypatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from click.testing import CliRunner

    from bot.cli import main

    from conftest import Clock

    now = datetime.now(UTC)
    old = ServiceDriver(services, Clock(now - timedelta(days=800)), participant="old")
    old.command("/respond")
    old.say("The bins")
    recent = ServiceDriver(services, Clock(now - timedelta(days=3)), participant="recent")
    recent.command("/respond")
    monkeypatch.setenv("COACH_DATABASE_URL", services.settings.database_url or "")
    runner = CliRunner()
    dry = runner.invoke(main, ["purge", "--dry-run"])
    assert (
        dry.exit_code == 0 and "1 participant(s) inactive for over 730 days would be" in dry.output
    )
    done = runner.invoke(main, ["purge"])
    assert done.exit_code == 0 and "1 participant(s)" in done.output
    with services.database.transaction() as session:
        left = session.scalars(select(Participant.pseudonym)).all()
    assert left == [services.conversation.pseudonym(transport="test", external_id="recent")]
    again = runner.invoke(main, ["purge", "--older-than", "1"])
    assert "1 participant(s) inactive for over 1 days erased" in again.output


# Where each table that holds something about a participant appears in their export.
EXPORTED_AS = {
    "participants": "participant",
    "conversation_states": "conversation_state",
    "reflection_sessions": "reflections",
    "answers": "reflections",
    "lens_labels": "reflections",
    "ledger_items": "ledger",
    "ledger_reviews": "ledger",
    "engagement_events": "engagement_events",
    "reply_addresses": "reply_address_stored",
    "safety_flags": "safety_flags",
    "reminder_settings": "reminder_setting",
    "reminders": "reminders",
    "enrolment_attempts": "failed_invite_codes",
    "invite_codes": "cohort",
    "consent_records": "consent_records",
    "coach_assignments": "coach_assignment",
    "call_requests": "call_requests",
    "coach_notes": "coach_notes",
    "activity_weeks": "activity_weeks",
}


def _about_participants(table) -> bool:
    return table.name == "participants" or any(
        fk.column.table.name in {"participants", "reflection_sessions", "ledger_items"}
        for column in table.columns
        for fk in column.foreign_keys
        if column.name != "cohort_id"
    )


def test_export_covers_every_table_about_a_person(services: Services, clock) -> None:
    import json

    personal = {t.name for t in Base.metadata.sorted_tables if _about_participants(t)}
    assert personal == set(EXPORTED_AS)  # a new table must be added to the export, and here
    driver = ServiceDriver(services, clock, participant=CHAT)
    driver.command("/remind weekdays 6pm")
    driver.command("/respond")
    driver.say("The bins, says Derek at 14 Elm Road")
    driver.command("/export")
    [reply] = [r for r in driver.last if r.document is not None]
    assert "1 reflections, with 1 answers" in reply.text and "reminders: on" in reply.text
    assert "keep: yes, share: yes, model: no (privacy notice" in reply.text
    data = json.loads(reply.document.content)
    assert set(EXPORTED_AS.values()) <= set(data)
    answer = data["reflections"][0]["answers"][0]["text"]
    assert answer == "The bins, says [PERSON 1] at [ADDRESS]"
    assert CHAT not in reply.document.content.decode()
