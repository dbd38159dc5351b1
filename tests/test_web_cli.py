"""The dashboard's commands: ``coach staff`` and ``coach web`` (a real uvicorn process)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import main
from bot.services import Services
from bot.store.models import AuditEntry, StaffUser

from web_support import PASSWORD, password_hash


def test_staff_commands_add_list_and_disable(services: Services, monkeypatch) -> None:
    monkeypatch.setenv("COACH_DATABASE_URL", services.settings.database_url or "")
    runner = CliRunner()
    short = runner.invoke(
        main, ["staff", "add", "a@example.org", "--role", "coach"], input="short\nshort\n"
    )
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    differ = runner.invoke(
        main,
        ["staff", "add", "a@example.org", "--role", "coach"],
        input=f"{PASSWORD}\n{PASSWORD}x\n",
    )
    assert differ.exit_code != 0 and "differ" in differ.output
    added = runner.invoke(
        main,
        ["staff", "add", "A@Example.org", "--role", "coach"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output
    again = runner.invoke(
        main,
        ["staff", "add", "a@example.org", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert again.exit_code != 0 and "already" in again.output
    assert runner.invoke(main, ["staff", "list"]).output == "a@example.org\tcoach\tactive\n"
    assert runner.invoke(main, ["staff", "disable", "a@example.org"]).exit_code == 0
    assert runner.invoke(main, ["staff", "list"]).output == "a@example.org\tcoach\tdisabled\n"
    with services.database.transaction() as session:
        user = session.scalars(select(StaffUser)).one()
        assert user.password_hash.startswith("$argon2id$")
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        authors = set(session.scalars(select(AuditEntry.staff_id)))
    assert actions == ["staff_added", "staff_disabled"] and authors == {None}
    assert password_hash() != user.password_hash  # each hash has its own salt


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_coach_web_serves_the_dashboard_and_stops_on_sigterm(tmp_path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(
        COACH_DATA_DIR=str(tmp_path / "data"),
        COACH_DATABASE_URL=f"sqlite:///{tmp_path / 'web.db'}",
        COACH_KNOWLEDGE_ENABLED="false",
        COACH_LENS_ENABLED="false",
        COACH_WEB_PORT="1",  # the option below wins over the setting
        NO_PROXY="127.0.0.1",
        no_proxy="127.0.0.1",
    )
    log = tmp_path / "web.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "web", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=errors,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "coach web did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and "Sign in" in response.text
        assert response.headers["x-frame-options"] == "DENY"
        assert "uvicorn" not in response.headers.get("server", "")
        refused = httpx.get(f"http://127.0.0.1:{port}/coach", timeout=2)
        assert refused.status_code == 303 and refused.headers["location"] == "/login"
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0, log.read_text()
    assert "/coach" not in log.read_text()  # no access log: page addresses name participants
