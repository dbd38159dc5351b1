"""``coach staff add|list|disable``: dashboard accounts, managed from the server's shell."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from bot.cli import common
from bot.store.audit import AuditAction, record_audit
from bot.store.models import StaffRole
from bot.store.staff import StaffExists, create_staff, disable_staff, find_staff, list_staff
from bot.store.staff import valid_email as is_email
from bot.web.passwords import Passwords, password_problem


@click.group()
def staff() -> None:
    """Staff accounts for the web dashboard (coach, evaluator, admin)."""


@staff.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in StaffRole]), required=True)
def add(email: str, role: str) -> None:
    """Create an account; the password is asked for twice and stored only as an argon2id hash."""
    if not is_email(email):
        raise click.BadParameter(f"{email!r} does not look like an email address")
    password = click.prompt("Password", hide_input=True)
    again = click.prompt("Repeat the password", hide_input=True)
    problem = password_problem(password, again)
    if problem is not None:
        raise click.ClickException(problem)
    hashed = Passwords().hash(password)
    services = common.services()
    at = datetime.now(UTC)
    try:
        with services.database.transaction() as session:
            user = create_staff(
                session=session, email=email, role=StaffRole(role), password_hash=hashed, at=at
            )
            record_audit(
                session=session,
                action=AuditAction.STAFF_ADDED,
                at=at,
                staff_id=None,
                target_staff_id=user.id,
                detail=f"role={role}",
            )
            click.echo(f"added {user.email} as {role}")
    except StaffExists as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        services.close()


@staff.command("list")
def list_command() -> None:
    """Every account: email, role, and whether it is active."""
    services = common.services()
    try:
        with services.database.transaction() as session:
            for user in list_staff(session=session):
                state = "active" if user.active else "disabled"
                click.echo(f"{user.email}\t{user.role}\t{state}")
    finally:
        services.close()


@staff.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Refuse the account from now on and sign it out everywhere (it is kept for the audit log)."""
    services = common.services()
    at = datetime.now(UTC)
    try:
        with services.database.transaction() as session:
            user = find_staff(session=session, email=email)
            if user is None:
                raise click.ClickException(f"no account for {email}")
            disable_staff(session=session, user=user, at=at)
            record_audit(
                session=session,
                action=AuditAction.STAFF_DISABLED,
                at=at,
                staff_id=None,
                target_staff_id=user.id,
            )
            click.echo(f"disabled {user.email}")
    finally:
        services.close()
