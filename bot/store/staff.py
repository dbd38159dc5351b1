"""Dashboard accounts and their signed-in sessions.

A session is a random token in the browser's cookie; the table keeps only its SHA-256, so
reading the database signs no one in. A plain hash is enough here (unlike for passwords): the
token has 256 bits of entropy, so there is nothing to guess.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store.models import StaffRole, StaffSession, StaffUser

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class StaffExists(ValueError):
    """An account with that email is already there."""


@dataclass(frozen=True)
class SignedIn:
    """Who a valid session belongs to, as the web layer needs it."""

    session_id: int
    staff_id: int
    email: str
    role: StaffRole
    csrf_token: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> bool:
    return len(email) <= 254 and EMAIL.match(normalise_email(email)) is not None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_staff(
    *, session: Session, email: str, role: StaffRole, password_hash: str, at: datetime
) -> StaffUser:
    email = normalise_email(email)
    if find_staff(session=session, email=email) is not None:
        raise StaffExists(f"there is already an account for {email}")
    user = StaffUser(email=email, role=role, password_hash=password_hash, created_at=at)
    session.add(user)
    session.flush()
    return user


def find_staff(*, session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def list_staff(*, session: Session) -> Sequence[StaffUser]:
    return session.scalars(select(StaffUser).order_by(StaffUser.role, StaffUser.email)).all()


def active_coaches(*, session: Session) -> Sequence[StaffUser]:
    return session.scalars(
        select(StaffUser)
        .where(StaffUser.role == StaffRole.COACH, StaffUser.active.is_(True))
        .order_by(StaffUser.email)
    ).all()


def disable_staff(*, session: Session, user: StaffUser, at: datetime) -> None:
    """Refuse the account from now on and end every session it has open."""
    if user.active:
        user.active, user.disabled_at = False, at
    session.execute(delete(StaffSession).where(StaffSession.staff_id == user.id))


def start_session(
    *, session: Session, user: StaffUser, lifetime: timedelta, at: datetime
) -> tuple[str, SignedIn]:
    """A new session for ``user``: the cookie's token (returned once, never stored) and who."""
    session.execute(delete(StaffSession).where(StaffSession.expires_at <= at))
    token = secrets.token_urlsafe(32)
    row = StaffSession(
        token_hash=token_hash(token),
        staff_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=at,
        expires_at=at + lifetime,
    )
    session.add(row)
    session.flush()
    return token, SignedIn(row.id, user.id, user.email, StaffRole(user.role), row.csrf_token)


def signed_in(*, session: Session, token: str, at: datetime) -> SignedIn | None:
    """Who the token belongs to, if the session is unexpired and the account still active."""
    row = session.execute(
        select(StaffSession, StaffUser)
        .join(StaffUser, StaffSession.staff_id == StaffUser.id)
        .where(
            StaffSession.token_hash == token_hash(token),
            StaffSession.expires_at > at,
            StaffUser.active.is_(True),
        )
    ).first()
    if row is None:
        return None
    found, user = row
    return SignedIn(found.id, user.id, user.email, StaffRole(user.role), found.csrf_token)


def end_session(*, session: Session, session_id: int) -> None:
    session.execute(delete(StaffSession).where(StaffSession.id == session_id))
