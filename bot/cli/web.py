"""``coach web``: the staff dashboard under uvicorn."""

from __future__ import annotations

import signal
from types import FrameType

import click

from bot.cli import common


@click.command("web")
@click.option("--host", default=None, help="Address to listen on (default: COACH_WEB_HOST).")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port to listen on (default: COACH_WEB_PORT).",
)
def web_command(host: str | None, port: int | None) -> None:
    """Run the dashboard until SIGINT or SIGTERM; put it behind a TLS proxy outside development."""
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from bot.web.app import create_app

    services = common.services()
    settings = services.settings
    # uvicorn shuts down gracefully on SIGINT and SIGTERM, then raises the signal again for
    # the handler that was there before it; this one makes that a clean exit (status 0, the
    # database closed below), as for ``coach bot``. Before uvicorn starts, it simply exits.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _exit_cleanly)
    try:
        uvicorn.run(
            create_app(services),
            host=host or settings.web_host,
            port=port or settings.web_port,
            # The access log would write a participant's id in every page address; the audit
            # log already records who viewed whom, without putting it in application logs.
            access_log=False,
            # Our logging stays as build_services set it up.
            log_config=None,
            server_header=False,
            # X-Forwarded-For is believed only from FORWARDED_ALLOW_IPS (uvicorn's default:
            # 127.0.0.1), so the login throttle counts the real client behind a local proxy.
            proxy_headers=True,
        )
    finally:
        services.close()


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
