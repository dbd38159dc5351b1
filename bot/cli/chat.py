"""``coach chat`` and ``coach export``: the terminal coach, and what it has stored about someone."""

from __future__ import annotations

import io
import json
import sys

import click

from bot.cli import common
from bot.store.export import export_participant
from bot.store.participants import find_participant
from bot.transports import terminal

DEFAULT_PARTICIPANT = "local"


@click.command()
@click.option(
    "--participant", default=DEFAULT_PARTICIPANT, show_default=True, help="Who is chatting."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per bot message.")
def chat(participant: str, as_json: bool) -> None:
    """Chat with the coach in this terminal (one message per line when piped)."""
    services = common.services()
    # Undecodable bytes on stdin must become a reply, not a traceback; output is always UTF-8.
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")
    interactive = sys.stdin.isatty() and sys.stdout.isatty() and not as_json
    # Loading the model (and, the first time, ingesting the cards) takes seconds: start it now,
    # while the person reads the welcome, rather than in the middle of their reflection.
    services.knowledge.warm_up()
    session = terminal.TerminalChat(
        conversation=services.conversation,
        participant=participant,
        output=sys.stdout,
        as_json=as_json,
        interactive=interactive,
    )
    try:
        terminal.run(session, sys.stdin)
    finally:
        services.close()


@click.command()
@click.option("--participant", default=DEFAULT_PARTICIPANT, show_default=True)
@click.option(
    "--transport", default=terminal.TRANSPORT, show_default=True, help="Where they chatted."
)
def export(participant: str, transport: str) -> None:
    """Print everything stored about one participant as JSON."""
    services = common.services()
    try:
        pseudonym = services.conversation.pseudonym(transport=transport, external_id=participant)
        with services.database.transaction() as session:
            found = find_participant(session=session, pseudonym=pseudonym)
            if found is None:
                raise click.ClickException("nothing is stored about that participant")
            data = export_participant(session=session, participant=found)
    finally:
        services.close()
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
