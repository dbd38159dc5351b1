"""``coach bot``: the coach as a Telegram bot (long polling, or a webhook with ``--webhook``)."""

from __future__ import annotations

import click

from bot.cli import common


@click.command("bot")
@click.option(
    "--webhook",
    "webhook_url",
    metavar="URL",
    help="Receive updates at this public HTTPS URL instead of long polling.",
)
def bot_command(webhook_url: str | None) -> None:
    """Run the Telegram bot until SIGINT or SIGTERM."""
    settings = common.settings()
    token = settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""
    if not token:
        raise click.ClickException(
            "COACH_TELEGRAM_TOKEN is not set: create a bot with @BotFather and set its token"
        )
    if webhook_url is not None:
        secret = settings.telegram_webhook_secret
        if secret is None or len(secret.get_secret_value()) < 16:
            raise click.ClickException(
                "webhook mode needs COACH_TELEGRAM_WEBHOOK_SECRET (16+ characters from "
                "A-Z, a-z, 0-9, _ and -) so forged requests can be refused"
            )
        if not webhook_url.startswith(("https://", "http://")):
            raise click.ClickException(f"not a URL: {webhook_url}")
    # Imported here: PTB and its HTTP stack are only needed by this command.
    from bot.transports.telegram.app import run

    services = common.services()
    try:
        run(services, token=token, webhook_url=webhook_url)
    finally:
        services.close()
