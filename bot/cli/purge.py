"""``coach purge``: the retention period, applied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click

from bot.cli import common
from bot.store.participants import purge_inactive


@click.command()
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(1, 3650),
    default=None,
    help="Days without activity (default: COACH_RETENTION_DAYS).",
)
@click.option("--dry-run", is_flag=True, help="Count who would be erased; erase nothing.")
def purge(days: int | None, dry_run: bool) -> None:
    """Erase everyone inactive for longer than the retention period, with all their rows."""
    services = common.services()
    days = days or services.settings.retention_days
    cutoff = datetime.now(UTC) - timedelta(days=days)
    try:
        with services.database.transaction() as session:
            count = purge_inactive(session=session, before=cutoff, dry_run=dry_run)
    finally:
        services.close()
    verb = "would be erased" if dry_run else "erased"
    click.echo(f"{count} participant(s) inactive for over {days} days {verb}.")
