"""Building and running the Telegram application: the only place PTB is configured.

Long polling by default; webhook mode when a URL is given, with the secret token checked by
PTB's webhook server before a request body is even read. Only ``message`` and
``callback_query`` updates are requested. Outgoing messages go through PTB's rate limiter
(retrying 429s after Telegram's ``retry_after``) unless the setting turns it off for a load test.
SIGINT and SIGTERM stop the bot gracefully: updates in hand are finished, then the reminder
loop, then the connection pool.
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, LinkPreviewOptions
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.services import Services
from bot.store.group_commit import GroupCommitter
from bot.transports.telegram.aiohttp_request import AiohttpRequest
from bot.transports.telegram.handlers import BotData, Coach, register
from bot.transports.telegram.limits import InboundLimiter
from bot.transports.telegram.ordering import PerChatUpdateProcessor
from bot.transports.telegram.reminders import ReminderSender

ALLOWED_UPDATES = ["message", "callback_query"]
MAX_CONCURRENT_UPDATES = 32
POLL_TIMEOUT_SECONDS = 25
RETRIES_ON_429 = 5
HELP_LINE = re.compile(r"^/([a-z0-9_]{1,32})\s+[\u2013-]\s+(.{3,256})$")
log = logging.getLogger(__name__)


def build_application(
    services: Services,
    *,
    token: str,
    request: BaseRequest | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The application with every handler registered and the services attached.

    ``request`` replaces the HTTP layer (tests pass a recording one); ``clock`` the time source.
    """
    quiet_library_logs()
    settings = services.settings
    api_url = settings.telegram_api_url.rstrip("/")
    sender = ReminderSender(
        database=services.database,
        cipher=services.address_cipher,
        messages=services.content.messages,
        poll_seconds=settings.reminder_poll_seconds,
    )

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await application.bot.set_my_commands(bot_commands(services))
        sender.start(application.bot)
        # Load the embedding model and the store now rather than on someone's first question.
        asyncio.get_running_loop().run_in_executor(None, services.knowledge.warm_up)

    async def post_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await sender.stop()
        # Updates in hand have finished by now; what they submitted is committed before exit.
        await asyncio.to_thread(committer.stop)

    committer = GroupCommitter(services.database)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(api_url)
        .base_file_url(re.sub(r"/bot$", "/file/bot", api_url))
        .context_types(ContextTypes(bot_data=BotData))
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(post_init)
        .post_stop(post_stop)
    )
    if settings.telegram_rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=RETRIES_ON_429))  # type: ignore[arg-type]
    # Two clients, as PTB does: long polls must not hold up the connections replies go out on.
    builder = builder.request(request or AiohttpRequest()).get_updates_request(
        request or AiohttpRequest(connections=1)
    )
    application = builder.build()
    application.bot_data.coach = Coach(
        conversation=services.conversation,
        committer=committer,
        messages=services.content.messages,
        limiter=InboundLimiter(settings.inbound_messages_per_minute),
        **({"clock": clock} if clock else {}),
    )
    register(application)
    return application


def bot_commands(services: Services) -> list[BotCommand]:
    """The command menu, read from the help text so the two never disagree."""
    commands = []
    for line in services.content.messages.say("help").splitlines():
        match = HELP_LINE.match(line.strip())
        if match:
            commands.append(BotCommand(match[1], match[2].split(", e.g.")[0]))
    return commands


def run(services: Services, *, token: str, webhook_url: str | None) -> None:
    """Run until SIGINT or SIGTERM."""
    application = build_application(services, token=token)
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    if webhook_url is None:
        application.run_polling(
            allowed_updates=ALLOWED_UPDATES,
            poll_interval=0.0,
            timeout=POLL_TIMEOUT_SECONDS,
            stop_signals=stop_signals,
        )
        return
    settings = services.settings
    secret = settings.telegram_webhook_secret
    assert secret is not None, "checked by the command"
    application.run_webhook(
        listen=settings.telegram_webhook_listen,
        port=settings.telegram_webhook_port,
        url_path=urlparse(webhook_url).path.lstrip("/"),
        webhook_url=webhook_url,
        secret_token=secret.get_secret_value(),
        allowed_updates=ALLOWED_UPDATES,
        stop_signals=stop_signals,
    )


def quiet_library_logs() -> None:
    """Library loggers that would print tokens (httpx logs request URLs) or update bodies
    (PTB's webhook handler logs what it receives) are kept above the levels that do so."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.WARNING)
    logging.getLogger("telegram.ext._utils.webhookhandler").disabled = True
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
