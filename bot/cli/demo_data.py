"""``coach demo-data``: fill the configured database with a year of invented use."""

from __future__ import annotations

from datetime import UTC, date, datetime

import click

from bot.cli import common
from bot.demo.load import RealParticipants, load_demo_data
from bot.settings import Environment
from bot.web.passwords import MIN_LENGTH, Passwords


@click.command("demo-data")
@click.option("--participants", type=click.IntRange(1, 1_000_000), default=200, show_default=True)
@click.option(
    "--events",
    type=click.IntRange(1, 100_000_000),
    default=20_000,
    show_default=True,
    help="Engagement events in all (at least 3 a participant).",
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The last day of the invented year (default: today). Same seed and end, same data.",
)
@click.option(
    "--staff-password",
    is_flag=True,
    help="Ask for a password for the demo staff accounts (otherwise they cannot sign in).",
)
@click.option("--force", is_flag=True, help="Add to a database that already has participants.")
def demo_data(
    participants: int,
    events: int,
    seed: int,
    end: datetime | None,
    staff_password: bool,
    force: bool,
) -> None:
    """Invent participants, reflections, commitments, events and staff for demos and benchmarks."""
    password_hash = None
    if staff_password:
        password = click.prompt("Password for the demo staff", hide_input=True)
        if len(password) < MIN_LENGTH:
            raise click.BadParameter(f"a password needs at least {MIN_LENGTH} characters")
        password_hash = Passwords().hash(password)
    services = common.services()
    if services.settings.env is Environment.PRODUCTION and not force:
        services.close()
        raise click.ClickException("refusing to invent data in production (COACH_ENV)")
    last_day: date = end.date() if end else datetime.now(UTC).date()
    click.echo(f"inventing {participants:,} participants and {events:,} events (seed {seed})")
    try:
        report = load_demo_data(
            database=services.database,
            flows=services.content.flows,
            notice_version=services.content.notice.version,
            pseudonymiser=services.pseudonymiser,
            invite_hash=services.conversation.invite_hash,
            participants=participants,
            events=events,
            seed=seed,
            end=last_day,
            password_hash=password_hash,
            force=force,
            progress=click.echo,
        )
    except RealParticipants as exc:
        raise click.ClickException(
            f"{exc}. Demo data is invented and must not be mixed with real people: point "
            "COACH_DATABASE_URL at an empty database, or pass --force if those are demo data too."
        ) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    finally:
        services.close()
    for table, count in report.rows.items():
        click.echo(f"  {table:<20} {count:>10,}")
    rate = report.total / report.seconds if report.seconds else 0.0
    click.echo(f"{report.total:,} rows in {report.seconds:.1f} s = {rate:,.0f} rows/s")
    click.echo("staff: " + ", ".join(report.staff[:3]) + (" ..." if len(report.staff) > 3 else ""))
