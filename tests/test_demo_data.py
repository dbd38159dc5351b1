"""``coach demo-data``: invented data that hangs together, the caseload read over it in one
statement with the same answers as person by person, and the dashboard benchmark, run small."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, aliased

from bot.cli import main
from bot.demo.load import Report, load_demo_data
from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.caseload import CaseloadLine, caseload, is_late
from bot.store.consent import coach_visible_sessions, current_consent
from bot.store.database import Database
from bot.store.models import (
    Answer,
    Base,
    CallRequest,
    CoachAssignment,
    Cohort,
    ConsentRecord,
    EngagementEvent,
    LedgerItem,
    LedgerReview,
    Participant,
    ReflectionSession,
    SafetyFlag,
    StaffRole,
    StaffUser,
)
from bot.store.participants import get_or_create_participant
from bot.store.staff import create_staff
from bot.web.app import create_app
from bot.web.passwords import Passwords

from conftest import PROMPTS, ROOT
from web_support import PASSWORD, browser

PARTICIPANTS, EVENTS = 30, 2_000
END = date(2026, 11, 22)


def _benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("dashboard", ROOT / "benchmarks" / "dashboard.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dashboard = _benchmark()


@dataclass
class Demo:
    services: Services
    report: Report


def _settings(directory: Path, url: str) -> Settings:
    # Built at module scope, before the per-test environment is cleaned: nothing from the
    # developer's environment or .env may reach it, keys included.
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=directory / "data",
        database_url=url,
        prompts_dir=PROMPTS,
        knowledge_enabled=False,
        pseudonym_key=SecretStr(secrets.token_hex(32)),
        encryption_key=SecretStr(Fernet.generate_key().decode()),
    )


def _load(services: Services, database: Database, **sizes: int) -> Report:
    return load_demo_data(
        database=database,
        flows=services.content.flows,
        notice_version=services.content.notice.version,
        pseudonymiser=services.pseudonymiser,
        invite_hash=services.conversation.invite_hash,
        seed=sizes.pop("seed", 7),
        end=END,
        **{"participants": PARTICIPANTS, "events": EVENTS, **sizes},
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """One invented database per kind, shared by the tests that only read it."""
    base = None
    if request.param == "postgresql":
        base = os.environ.get("COACH_TEST_POSTGRES_URL")
        if not base:
            if os.environ.get("COACH_TEST_REQUIRE_POSTGRES"):
                pytest.fail("COACH_TEST_POSTGRES_URL is required but not set")
            pytest.skip("COACH_TEST_POSTGRES_URL not set")
    directory = tmp_path_factory.mktemp("demo")
    with dashboard.fresh_schema(base) as url:
        services = build_services(_settings(directory, url or f"sqlite:///{directory}/demo.db"))
        try:
            yield Demo(services, _load(services, services.database))
        finally:
            services.close()


def _count(session: Session, model: type[Any], *where: Any) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_the_data_has_the_sizes_asked_for(demo: Demo) -> None:
    with demo.services.database.transaction() as session:
        assert _count(session, Participant) == PARTICIPANTS
        assert _count(session, EngagementEvent) == EVENTS
        for table, written in demo.report.rows.items():
            found = session.scalar(select(func.count()).select_from(Base.metadata.tables[table]))
            assert found == written, table
        roles = session.execute(select(StaffUser.role, func.count()).group_by(StaffUser.role)).all()
    assert {role for role, _ in roles} == {"coach", "evaluator", "admin"}


def test_every_row_hangs_together(demo: Demo) -> None:
    """Events, answers, ledger items and reviews point at rows of the same person."""
    reflection = aliased(ReflectionSession)
    with demo.services.database.transaction() as session:
        orphans = _count(
            session,
            EngagementEvent,
            ~EngagementEvent.participant_id.in_(select(Participant.id)),
        )
        crossed = session.scalar(
            select(func.count())
            .select_from(EngagementEvent)
            .join(reflection, reflection.id == EngagementEvent.session_id)
            .where(reflection.participant_id != EngagementEvent.participant_id)
        )
        item_crossed = session.scalar(
            select(func.count())
            .select_from(LedgerItem)
            .join(reflection, reflection.id == LedgerItem.session_id)
            .where(reflection.participant_id != LedgerItem.participant_id)
        )
        answered = _count(
            session,
            EngagementEvent,
            EngagementEvent.type.in_(("step_answered", "step_skipped")),
        )
        answers = _count(session, Answer)
        reviewed = _count(session, EngagementEvent, EngagementEvent.type == "commitment_reviewed")
        reviews = _count(session, LedgerReview)
        numbers = session.execute(
            select(
                ReflectionSession.participant_id,
                func.count(),
                func.max(ReflectionSession.number),
            ).group_by(ReflectionSession.participant_id)
        ).all()
        first, last = session.execute(
            select(func.min(EngagementEvent.occurred_at), func.max(EngagementEvent.occurred_at))
        ).one()
    assert orphans == crossed == item_crossed == 0
    assert answered == answers > 0 and reviewed == reviews > 0
    assert all(count == highest for _, count, highest in numbers)  # numbered 1..n, no gaps
    end = datetime.combine(END, datetime.max.time(), UTC)
    assert end - timedelta(days=420) < first < last <= end


def test_every_flow_and_every_ending_is_there(demo: Demo) -> None:
    with demo.services.database.transaction() as session:
        flows = set(session.scalars(select(ReflectionSession.flow_id).distinct()))
        endings = set(session.scalars(select(ReflectionSession.status).distinct()))
        outcomes = set(session.scalars(select(LedgerItem.status).distinct()))
        late = _count(session, LedgerItem, LedgerItem.status == "open", LedgerItem.due_on < END)
        done_calls = _count(session, CallRequest, CallRequest.done_at.is_not(None))
    assert flows == {flow.id for flow in demo.services.content.flows}
    assert {"completed", "abandoned", "cancelled"} <= endings
    assert outcomes == {"open", "done", "revised", "dropped"}
    assert late > 0 and done_calls > 0


def _reference(session: Session, staff_id: int, today: date) -> list[CaseloadLine]:
    """The caseload person by person, through ``coach_visible_sessions`` as the rule reads."""
    people = session.scalars(
        select(Participant)
        .join(CoachAssignment, CoachAssignment.participant_id == Participant.id)
        .where(CoachAssignment.staff_id == staff_id)
        .order_by(Participant.last_active_at.desc(), Participant.id)
    ).all()
    lines = []
    for person in people:
        consent = current_consent(session=session, participant_id=person.id)
        visible = {
            row.id for row in coach_visible_sessions(session=session, participant_id=person.id)
        }
        items = session.scalars(
            select(LedgerItem).where(
                LedgerItem.participant_id == person.id, LedgerItem.status == "open"
            )
        ).all()
        shown = [item for item in items if item.session_id in visible]
        cohort = session.get(Cohort, person.cohort_id) if person.cohort_id else None
        lines.append(
            CaseloadLine(
                participant_id=person.id,
                pseudonym=person.pseudonym,
                cohort=cohort.name if cohort else None,
                last_active_at=person.last_active_at,
                sharing=consent is not None and consent.keep and consent.share,
                open_items=len(shown),
                late_items=sum(is_late(item, today=today) for item in shown),
                safety_flags=_count(session, SafetyFlag, SafetyFlag.participant_id == person.id),
                calls_requested=_count(
                    session,
                    CallRequest,
                    CallRequest.participant_id == person.id,
                    CallRequest.done_at.is_(None),
                ),
            )
        )
    return lines


def test_the_caseload_matches_the_rule_read_person_by_person(demo: Demo) -> None:
    with demo.services.database.transaction() as session:
        coaches = session.scalars(select(StaffUser.id).where(StaffUser.role == "coach")).all()
        hidden_open = _count(  # open items the rule must hide: private, or not sharing
            session,
            LedgerItem,
            LedgerItem.status == "open",
            LedgerItem.session_id.in_(
                select(ReflectionSession.id).where(ReflectionSession.private.is_(True))
            )
            | LedgerItem.participant_id.in_(
                select(ConsentRecord.participant_id).where(
                    ConsentRecord.purpose == "share", ConsentRecord.granted.is_(False)
                )
            ),
        )
        everyone: list[CaseloadLine] = []
        for coach in coaches:
            lines = caseload(session=session, staff_id=coach, today=END)
            assert lines == _reference(session, coach, END)
            everyone += lines
    assert hidden_open > 0  # the data gives the rule something to hide
    assert any(not line.sharing for line in everyone) and any(line.sharing for line in everyone)
    assert any(line.late_items for line in everyone)


@pytest.fixture
def statements(demo: Demo) -> Iterator[list[str]]:
    """Every SQL statement the engine sends while the test runs."""
    engine: Engine = demo.services.database.engine
    sent: list[str] = []

    def note(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    yield sent
    event.remove(engine, "before_cursor_execute", note)


def test_the_caseload_costs_the_same_statements_for_any_number_of_people(
    demo: Demo, statements: list[str]
) -> None:
    """Coaches with none, two and most of the participants: one SELECT each for the caseload,
    and the same statements for the page (but for the audit insert, which nobody's skips)."""
    services = demo.services
    with services.database.transaction() as session:
        largest, size = session.execute(
            select(CoachAssignment.staff_id, func.count())
            .group_by(CoachAssignment.staff_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        nobody, few = (
            create_staff(
                session=session,
                email=f"{name}-{secrets.token_hex(4)}@demo.example",
                role=StaffRole.COACH,
                password_hash="!",
                at=datetime.now(UTC),
            ).id
            for name in ("nobody", "few")
        )
        moved = session.scalars(
            select(CoachAssignment).where(CoachAssignment.staff_id == largest).limit(2)
        ).all()
        for row in moved:
            row.staff_id = few
    assert size >= 20
    app = create_app(services)
    counted = {}
    try:
        for coach in (nobody, few, largest):
            client = browser(app, services, coach)
            with services.database.transaction() as session:
                statements.clear()
                caseload(session=session, staff_id=coach, today=END)
                in_store = [sql for sql in statements if sql.lstrip().startswith("SELECT")]
            statements.clear()
            assert client.get("/coach").status_code == 200
            # Transaction control (SQLite's BEGIN and its read-only switch) is the same work
            # whoever asks; the question is what the page asks of the data.
            asked = [s for s in statements if not s.lstrip().startswith(("BEGIN", "PRAGMA"))]
            counted[coach] = (len(in_store), len(asked))
    finally:
        with services.database.transaction() as session:
            for row in moved:
                session.get(CoachAssignment, row.participant_id).staff_id = largest  # type: ignore[union-attr]
    assert counted[nobody][0] == counted[few][0] == counted[largest][0] == 1
    # The page: signing in, the caseload, and one insert for the audit entries (none for nobody).
    assert counted[few][1] == counted[largest][1] == counted[nobody][1] + 1


def test_the_same_seed_and_end_give_the_same_data(tmp_path: Path) -> None:
    """Two databases filled with the same seed hold the same rows."""
    services = build_services(_settings(tmp_path, f"sqlite:///{tmp_path / 'keys.db'}"))

    def dump(url: str) -> list[tuple[Any, ...]]:
        database = Database(url)
        database.migrate()
        try:
            _load(services, database, participants=8, events=400, seed=3)
            with database.transaction() as session:
                return [
                    *session.execute(
                        select(
                            EngagementEvent.participant_id,
                            EngagementEvent.type,
                            EngagementEvent.step_id,
                            EngagementEvent.occurred_at,
                        ).order_by(EngagementEvent.id)
                    ).all(),
                    *session.execute(
                        select(Answer.step_id, Answer.text, Answer.value).order_by(Answer.id)
                    ).all(),
                ]
        finally:
            database.dispose()

    try:
        first = dump(f"sqlite:///{tmp_path / 'one.db'}")
        assert first == dump(f"sqlite:///{tmp_path / 'two.db'}")
    finally:
        services.close()
    assert len(first) > 400


def test_the_command_refuses_a_database_that_holds_participants(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_DATABASE_URL", services.settings.database_url or "")
    with services.database.transaction() as session:
        get_or_create_participant(session=session, pseudonym="f" * 64, at=datetime.now(UTC))
    runner = CliRunner()
    refused = runner.invoke(main, ["demo-data", "--participants", "5", "--events", "200"])
    assert refused.exit_code != 0
    assert "already holds 1 participant" in refused.output and "--force" in refused.output
    too_few = runner.invoke(main, ["demo-data", "--participants", "5", "--events", "9", "--force"])
    assert too_few.exit_code != 0 and "at least" in too_few.output
    with services.database.transaction() as session:
        assert _count(session, Participant) == 1
    forced = runner.invoke(
        main,
        ["demo-data", "--participants", "5", "--events", "200", "--force", "--staff-password"],
        input=f"{PASSWORD}\n",
    )
    assert forced.exit_code == 0, forced.output
    assert PASSWORD not in forced.output
    assert re.search(r"[\d,]+ rows in [\d.]+ s = [\d,]+ rows/s", forced.output)
    with services.database.transaction() as session:
        assert _count(session, Participant) == 6
        assert _count(session, EngagementEvent) == 200 + 1  # the real person joined too
        hashes = set(session.scalars(select(StaffUser.password_hash)))
    assert len(hashes) == 1 and Passwords().verify(hashes.pop(), PASSWORD)  # they can sign in


def test_the_dashboard_benchmark_runs_end_to_end() -> None:
    printed: list[str] = []
    dashboard.main(
        ["--participants", "30", "--events", "2000", "--rounds", "1"], echo=printed.append
    )
    text = "\n".join(printed)
    assert re.match(r"SQLite: 30 participants, 2,000 events, [\d,]+ rows generated in ", text)
    for page in ("coach caseload (", "timeline (", "brief (", "/evaluator", "/admin/cohorts"):
        assert page in text, page
    assert "coach caseload (all 30, page 1 of 1)" in text
    assert "(HTTP" not in text  # every page answered 200
    lines = [line for line in printed if line.startswith("  ")]
    assert all(re.search(r"p50 +\d+ ms  p95 +\d+ ms", line) for line in lines)
