"""The real ``coach bot`` process against the fake Bot API server, in polling and webhook mode.

The scripted conversations in ``evals/conversations/`` (the same ones the terminal contract
replays) are played by Telegram users who press buttons and type, and must leave the same
ledger. Around them: interleaved people, redelivered updates, SIGKILL and restart, a 429 storm,
a user who blocked the bot, forged webhook requests. All on SQLite and PostgreSQL.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import func, select, update

from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.export import export_participant
from bot.store.models import Answer, Participant, Reminder

from conftest import PROMPTS, ROOT
from fake_bot_api import FakeBotApi
from telegram_e2e import BotProcess, Person, bot_env

pytestmark = pytest.mark.slow
CONVERSATIONS = sorted((ROOT / "evals" / "conversations").glob("*.yaml"))
SECRET = "s3cret-token-for-the-webhook_ok"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def env(api: FakeBotApi, database_url: str, tmp_path: Path) -> dict[str, str]:
    return bot_env(api, database_url=database_url, data_dir=tmp_path / "data")


@pytest.fixture
def bot(api: FakeBotApi, env: dict[str, str], tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(api, env, tmp_path / "bot.log").start()
    yield process
    if process.process is not None and process.process.poll() is None:
        assert process.stop() == 0, process.stderr()
    assert "Traceback" not in process.stderr()


def inspect(env: dict[str, str]) -> Services:
    """Services over the bot's own database and keys, to look at what it stored."""
    return build_services(
        Settings(
            data_dir=Path(env["COACH_DATA_DIR"]),
            database_url=env["COACH_DATABASE_URL"],
            prompts_dir=PROMPTS,
            knowledge_enabled=False,
        )
    )


def ledger_of(env: dict[str, str], user_id: int) -> list[dict[str, Any]]:
    services = inspect(env)
    try:
        pseudonym = services.conversation.pseudonym(transport="telegram", external_id=str(user_id))
        with services.database.transaction() as session:
            person = session.scalar(select(Participant).where(Participant.pseudonym == pseudonym))
            assert person is not None
            return export_participant(session=session, participant=person)["ledger"]  # type: ignore[no-any-return]
    finally:
        services.close()


def answers_in(env: dict[str, str]) -> int:
    services = inspect(env)
    try:
        with services.database.transaction() as session:
            return session.scalar(select(func.count()).select_from(Answer)) or 0
    finally:
        services.close()


def check_ledger(ledger: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    today = datetime.now(ZoneInfo("Europe/London")).date()
    assert len(ledger) == len(expected), ledger
    for item, want in zip(ledger, expected, strict=True):
        for key, value in want.items():
            if key == "due_in_days":
                assert item["due_on"] == (today + timedelta(days=value)).isoformat()
            else:
                assert item[key] == value, (key, item)


def start_bot(api: FakeBotApi, env: dict[str, str], log: Path, mode: str) -> BotProcess:
    if mode == "polling":
        return BotProcess(api, env, log).start()
    port = free_port()
    env.update(
        COACH_TELEGRAM_WEBHOOK_SECRET=SECRET,
        COACH_TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        COACH_TELEGRAM_WEBHOOK_PORT=str(port),
    )
    url = f"http://127.0.0.1:{port}/telegram-hook"
    process = BotProcess(api, env, log, "--webhook", url).start()
    try:
        # PTB sets the command menu (post_init) before it registers the webhook.
        api.wait_until(lambda: api.webhook_url == url, timeout=30)
    except BaseException:
        process.kill()
        raise
    return process


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_every_scripted_conversation_over_telegram_with_people_interleaved(
    api: FakeBotApi, env: dict[str, str], tmp_path: Path, mode: str
) -> None:
    bot = start_bot(api, env, tmp_path / "bot.log", mode)
    try:
        play_all_scripts(api, env)
    finally:
        assert bot.stop() == 0, bot.stderr()
    assert "Traceback" not in bot.stderr()
    if mode == "webhook":
        assert every_update_delivered(api)
        assert not api.calls("getUpdates")


def play_all_scripts(api: FakeBotApi, env: dict[str, str]) -> None:
    scripts = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in CONVERSATIONS]
    people = [Person(api, 41_000 + number) for number in range(len(scripts))]
    lines = [[line for run in script["runs"] for line in run] for script in scripts]
    for person in people:
        person.agree()
    # Everyone sends their next line before anyone's answer is awaited.
    for turn in range(max(map(len, lines))):
        waiting = []
        for person, script_lines in zip(people, lines, strict=True):
            if turn < len(script_lines):
                waiting.append((person, person.activity()))
                person.send(script_lines[turn])
        for person, before in waiting:
            person.wait_for_answer(before)
    for person, script in zip(people, scripts, strict=True):
        closing = person.texts()[-2:]  # the reflection's last words, then who will see it
        assert any(script["expect"]["last_text_contains"] in text for text in closing), closing
        check_ledger(ledger_of(env, person.user_id), script["expect"]["ledger"])
    assert api.updates_requested_types == ["message", "callback_query"]
    assert not [c for c in api.calls("sendMessage") if "parse_mode" in c.params]
    assert all(len(m.text) <= 4096 for p in people for m in api.messages(p.user_id))


def test_a_redelivered_update_has_one_effect(
    api: FakeBotApi, bot: BotProcess, env: dict[str, str]
) -> None:
    person = Person(api, 42_001)
    person.agree()
    person.say("/defensive")
    before = person.activity()
    update_id = api.send_text(person.user_id, "The residents' panel last Thursday")
    person.wait_for_answer(before)
    replies = len(api.messages(person.user_id))
    api.redeliver(update_id)
    api.redeliver(update_id)
    time.sleep(1.0)
    assert len(api.messages(person.user_id)) == replies
    assert answers_in(env) == 1


def test_sigkill_mid_flow_then_restart_resumes_with_nothing_lost_or_repeated(
    api: FakeBotApi, env: dict[str, str], tmp_path: Path
) -> None:
    bot = BotProcess(api, env, tmp_path / "bot.log").start()
    person = Person(api, 42_002)
    person.agree()
    person.say("/assumption")
    person.say("The chair closed the meeting before item 6.")
    person.say("She didn't want residents to speak")
    asked = person.texts()[-1]
    assert "assumption" in asked.lower()
    bot.kill()
    # Written while the bot is down: waits at Telegram, must arrive exactly once.
    api.send_text(person.user_id, "The council never listens")
    sent_before_restart = len(api.messages(person.user_id))
    restarted = BotProcess(api, env, tmp_path / "bot.log").start()
    try:
        api.wait_until(lambda: len(api.messages(person.user_id)) > sent_before_restart, timeout=30)
        time.sleep(0.5)
        new = person.texts()[sent_before_restart:]
        assert new and asked not in new  # moved on from the question the answer belonged to
        assert answers_in(env) == 3
    finally:
        assert restarted.stop() == 0
    assert "Traceback" not in restarted.stderr()


def test_a_429_storm_is_survived_with_every_reply_delivered_once(
    api: FakeBotApi, bot: BotProcess
) -> None:
    person = Person(api, 42_003)
    person.agree()
    # Up to the rate limiter's retries in a row, several times over.
    api.fail_next("sendMessage", status=429, times=4, retry_after=1)
    person.say("/respond", timeout=40, quiet=1.5)
    texts = person.texts()
    assert len(texts) == len(set(texts))  # nothing sent twice
    assert any("problem" in t.lower() for t in texts[-2:]), texts[-2:]


def test_a_user_who_blocked_the_bot_does_not_stop_anyone_else(
    api: FakeBotApi, bot: BotProcess
) -> None:
    blocked, other = Person(api, 42_004), Person(api, 42_005)
    api.block(blocked.user_id)
    api.send_text(blocked.user_id, "/start")
    time.sleep(0.5)
    other.agree()
    assert other.texts()
    assert bot.process is not None and bot.process.poll() is None


def test_non_text_and_group_messages(api: FakeBotApi, bot: BotProcess, env) -> None:
    person = Person(api, 42_006)
    person.agree()
    before = len(person.texts())
    api.send_photo(person.user_id)
    person.wait_for_answer(person.activity())
    assert any("typed text" in text for text in person.texts()[before:])
    api.send_group_text(-100777, person.user_id, "/start")
    time.sleep(0.7)
    assert not api.messages(-100777)


def test_the_logs_hold_no_message_text_ids_or_token(
    api: FakeBotApi, bot: BotProcess, env: dict[str, str]
) -> None:
    person = Person(api, 42_007_123)
    person.agree()
    person.say("/respond")
    person.say("Mrs Okafor at 14 Elm Road never answers my emails")
    bot.stop()
    log = bot.stderr()
    for secret in ("Okafor", "Elm Road", str(person.user_id), env["COACH_TELEGRAM_TOKEN"]):
        assert secret not in log


def every_update_delivered(api: FakeBotApi) -> bool:
    """Each update reached the bot in the end (an attempt may fail while it is starting)."""
    delivered = {d.update_id for d in api.webhook_deliveries if d.ok}
    return bool(delivered) and delivered == {d.update_id for d in api.webhook_deliveries}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_webhook_mode_with_a_secret_refuses_forgeries(
    api: FakeBotApi, env: dict[str, str], tmp_path: Path
) -> None:
    bot = start_bot(api, env, tmp_path / "bot.log", "webhook")
    try:
        person = Person(api, 43_001)
        person.agree()
        person.say("/assumption")
        person.say("The chair closed the meeting before item 6.")
        assert answers_in(env) == 1
        seen = len(api.messages(person.user_id))
        forged = {
            "update_id": 999_999,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": person.user_id, "type": "private"},
                "from": {"id": person.user_id, "is_bot": False, "first_name": "Eve"},
                "text": "forged answer",
            },
        }
        assert api.post_webhook(forged, secret=None) == 403
        assert api.post_webhook(forged, secret="wrong-secret-wrong-secret") == 403
        time.sleep(0.5)
        assert answers_in(env) == 1
        assert len(api.messages(person.user_id)) == seen
        assert every_update_delivered(api)
    finally:
        assert bot.stop() == 0, bot.stderr()


def test_a_missing_token_or_secret_is_a_clear_error(env: dict[str, str]) -> None:
    no_token = {k: v for k, v in env.items() if k != "COACH_TELEGRAM_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "bot"], env=no_token, capture_output=True, text=True
    )
    assert result.returncode != 0 and "COACH_TELEGRAM_TOKEN" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "bot", "bot", "--webhook", "https://example.org/hook"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "COACH_TELEGRAM_WEBHOOK_SECRET" in result.stderr


def test_a_due_reminder_is_sent_once_by_the_running_bot(
    api: FakeBotApi, bot: BotProcess, env: dict[str, str]
) -> None:
    person = Person(api, 44_001)
    person.agree()
    person.say("/remind weekdays 6pm")
    assert "weekdays at 18:00" in person.texts()[-1]
    services = inspect(env)
    try:
        with services.database.transaction() as session:
            session.execute(update(Reminder).values(due_at=datetime.now(UTC)))
    finally:
        services.close()
    api.wait_until(lambda: any("gentle reminder" in t for t in person.texts()), timeout=15)
    time.sleep(1.5)  # three more rounds of the sender: nothing more may arrive
    assert sum("gentle reminder" in t for t in person.texts()) == 1


def test_export_arrives_as_a_json_file(api: FakeBotApi, bot: BotProcess) -> None:
    import json

    person = Person(api, 45_001)
    person.agree()
    person.say("/respond")
    person.say("The bins on the third floor")
    person.say("/export")
    api.wait_until(lambda: api.uploads(person.user_id), timeout=15)
    [upload] = api.uploads(person.user_id)
    data = json.loads(upload.content)
    assert upload.filename == "my-coach-data.json"
    assert data["reflections"][0]["answers"][0]["text"] == "The bins on the third floor"
    assert str(person.user_id) not in upload.content.decode()
