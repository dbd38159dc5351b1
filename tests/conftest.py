"""Shared fixtures: every path in a temporary directory, and each database test run twice.

Tests that touch the database take the ``database_url`` fixture, which is parametrised over
SQLite and PostgreSQL. The PostgreSQL URL comes from ``COACH_TEST_POSTGRES_URL`` (``.ci/run`` sets
it); each test gets its own schema, dropped afterwards. Without the variable the PostgreSQL half
is skipped, unless ``COACH_TEST_REQUIRE_POSTGRES`` is set, when it fails instead.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.database import Database
from bot.transports.telegram.app import quiet_library_logs

from log_watch import WATCH

ROOT = Path(__file__).resolve().parent.parent
PROMPTS = ROOT / "prompts"


@pytest.fixture(scope="session", autouse=True)
def _no_personal_data_in_logs() -> Iterator[None]:
    """Every log record of the whole run, checked at the end against what tests sent."""
    # Library loggers set as the bot sets them (some log whole requests at DEBUG), including
    # for tests that drive a python-telegram-bot client without building the bot.
    quiet_library_logs()
    root = logging.getLogger()
    level = root.level
    root.addHandler(WATCH)
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(WATCH)
    root.setLevel(level)
    leaks = WATCH.leaks()
    assert not leaks, f"personal data in the logs: {leaks[:5]}"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's settings or writes outside its temporary directory."""
    for name in list(os.environ):
        if name.startswith("COACH_") and not name.startswith("COACH_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_PROMPTS_DIR", str(PROMPTS))
    # Most tests do not need the material; the knowledge tests switch it on with a shared store.
    monkeypatch.setenv("COACH_KNOWLEDGE_ENABLED", "false")
    # Nor the reasoning lens (its probes change transcripts); its own tests switch it on.
    monkeypatch.setenv("COACH_LENS_ENABLED", "false")
    # Nor the crisis check's embedding layer (a model load per service built); its own tests
    # switch it on, and the patterns, which decide nearly every case, run everywhere.
    monkeypatch.setenv("COACH_CRISIS_EMBEDDINGS", "false")
    monkeypatch.chdir(tmp_path)


def _postgres_url() -> str | None:
    url = os.environ.get("COACH_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("COACH_TEST_REQUIRE_POSTGRES"):
            pytest.fail("COACH_TEST_POSTGRES_URL is required but not set")
        pytest.skip("COACH_TEST_POSTGRES_URL not set")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'coach.db'}"
        return
    base = _postgres_url()
    assert base is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database on its own, for store tests that need no other service."""
    db = Database(database_url)
    db.migrate()
    yield db
    db.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=database_url, prompts_dir=PROMPTS)


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    built = build_services(settings)
    yield built
    built.close()


class Clock:
    """A clock the test moves by hand, starting on a fixed Sunday morning in London."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 22, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def embedder():
    """The real offline embedding model, loaded once."""
    from bot.knowledge.embeddings import OnnxEmbedder, default_model_files

    return OnnxEmbedder(default_model_files())


@pytest.fixture
def lens_services(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """Services with the real reasoning lens switched on (the environment turns it off)."""
    monkeypatch.setenv("COACH_LENS_ENABLED", "true")
    built = build_services(
        Settings(**settings.model_dump(include={"data_dir", "database_url", "prompts_dir"}))
    )
    yield built
    built.close()


@pytest.fixture(scope="session")
def lens_embedder():
    """The encoder the reasoning lens reads with (the bundled model cut to its first layer)."""
    from bot.lens.detector import lens_embedder

    return lens_embedder(threads=0)


@pytest.fixture(scope="session")
def cards_store_dir(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    """A knowledge store holding the concept cards, built once and copied by each test."""
    from bot.knowledge.ingest import ingest
    from bot.knowledge.store import KnowledgeStore, open_client

    directory = tmp_path_factory.mktemp("cards-store")
    store = KnowledgeStore(client=open_client(directory=directory, url=None), embedder=embedder)
    ingest([ROOT / "knowledge"], store=store)
    return directory


@pytest.fixture
def knowledge_services(
    cards_store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    """Services on SQLite with the knowledge base on, over a copy of the cards store."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(cards_store_dir, data / "knowledge")
    monkeypatch.setenv("COACH_KNOWLEDGE_ENABLED", "true")
    monkeypatch.setenv("COACH_KNOWLEDGE_AUTO_INGEST", "false")
    built = build_services(
        Settings(data_dir=data, database_url=f"sqlite:///{tmp_path / 'k.db'}", prompts_dir=PROMPTS)
    )
    yield built
    built.close()
