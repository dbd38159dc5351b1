"""``coach cohorts create`` and ``coach invites create``: enrolment for a workshop group."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click

from bot.cli import common
from bot.store.invites import DEFAULT_PROGRAMME, CohortNotFound, create_cohort, create_invites
from bot.store.invites import find_cohort as find_cohort_named

MAX_INVITES = 1_000


@click.group()
def cohorts() -> None:
    """Cohorts: the groups a programme's participants belong to."""


@cohorts.command("create")
@click.argument("name")
@click.option("--programme", default=DEFAULT_PROGRAMME, show_default=True)
def create_cohort_command(name: str, programme: str) -> None:
    """Create a cohort (and its programme if new); does nothing if it exists."""
    name, programme = name.strip(), programme.strip()
    if not name or len(name) > 120 or not programme or len(programme) > 120:
        raise click.BadParameter("names must be 1-120 characters")
    services = common.services()
    try:
        with services.database.transaction() as session:
            cohort = create_cohort(
                session=session, name=name, programme=programme, at=datetime.now(UTC)
            )
            click.echo(f"cohort {cohort.name!r} in {programme!r} (id {cohort.id})")
    finally:
        services.close()


@click.group()
def invites() -> None:
    """One-time invite codes that join a person to a cohort."""


@invites.command("create")
@click.option("--cohort", "cohort_name", required=True, help="The cohort's name.")
@click.option("--count", type=click.IntRange(1, MAX_INVITES), default=1, show_default=True)
@click.option(
    "--days",
    type=click.IntRange(1, 365),
    default=None,
    help="How long the codes work (default: COACH_INVITE_VALID_DAYS).",
)
def create_invites_command(cohort_name: str, count: int, days: int | None) -> None:
    """Print COUNT new codes, each with its t.me link; only their hashes are stored."""
    services = common.services()
    settings = services.settings
    valid_for = timedelta(days=days or settings.invite_valid_days)
    now = datetime.now(UTC)
    try:
        with services.database.transaction() as session:
            try:
                cohort = find_cohort_named(session=session, name=cohort_name)
            except CohortNotFound as exc:
                raise click.ClickException(f"{exc}; create it with: coach cohorts create") from exc
            codes = create_invites(
                session=session,
                cohort=cohort,
                count=count,
                valid_for=valid_for,
                hasher=services.conversation.invite_hash,
                at=now,
            )
    finally:
        services.close()
    username = (settings.telegram_bot_username or "").lstrip("@")
    expires = (now + valid_for).date().isoformat()
    click.echo(f"{count} code(s) for {cohort_name!r}, single use, valid until {expires}:")
    for code in codes:
        click.echo(f"{code}  https://t.me/{username}?start={code}" if username else code)
    if not username:
        click.echo("(set COACH_TELEGRAM_BOT_USERNAME to print t.me links)", err=True)
