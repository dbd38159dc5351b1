"""No personal data in application logs: message text, chat ids, pseudonyms or the bot token."""

from __future__ import annotations

import logging

import pytest

from bot.services import Services
from bot.transports.telegram.app import build_application

from drivers import ServiceDriver
from log_watch import WATCH
from telegram_recording import RecordingRequest, TelegramHarness

SEEDED = "Okafor-at-Elm-Road-never-answers"
CHAT = 918273645546
TOKEN = "424242:SECRET-TOKEN-VALUE"


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(
        f"{record.name} {record.getMessage()} {record.exc_text or ''}" for record in caplog.records
    )


async def test_a_whole_telegram_conversation_logs_nothing_personal(
    services: Services, clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    WATCH.seed(TOKEN, SEEDED)
    request = RecordingRequest()
    application = build_application(services, token=TOKEN, request=request, clock=clock)
    async with application:
        harness = TelegramHarness(application, request)
        for line in ("/start", "/respond", SEEDED, "2", "I want to end it all"):
            await harness.say(CHAT, line)
        update = harness.text(CHAT, SEEDED)
        await harness.feed(update)
        await harness.feed(update)  # a duplicate is logged, without its text
    pseudonym = services.conversation.pseudonym(transport="telegram", external_id=str(CHAT))
    logged = everything_logged(caplog)
    assert caplog.records  # something was logged, so the check below means something
    for secret in (SEEDED, "end it all", str(CHAT), pseudonym, TOKEN, "SECRET-TOKEN"):
        assert secret not in logged


def test_a_terminal_conversation_logs_nothing_personal(
    services: Services, clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    driver = ServiceDriver(services, clock, participant="Priya Shah")
    driver.command("/assumption")
    driver.say(SEEDED)
    driver.command(f"/ask what did {SEEDED} mean?")
    assert SEEDED not in everything_logged(caplog)
    assert "Priya" not in everything_logged(caplog)
