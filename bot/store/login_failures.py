"""Failed dashboard sign-ins, counted per email and per client over a sliding window."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.store.models import LoginFailure


def recent_failures(
    *, session: Session, email_key: str, client_key: str, since: datetime
) -> tuple[int, int]:
    """Failures since ``since`` for this email and for this client (older rows are dropped)."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < since))
    by_email = session.scalar(select(func.count()).where(LoginFailure.email_key == email_key))
    by_client = session.scalar(select(func.count()).where(LoginFailure.client_key == client_key))
    return by_email or 0, by_client or 0


def record_failure(*, session: Session, email_key: str, client_key: str, at: datetime) -> None:
    session.add(LoginFailure(email_key=email_key, client_key=client_key, at=at))


def forget_failures(*, session: Session, email_key: str) -> None:
    """A correct password clears that email's count; the client's count stays, so one known
    account cannot be used to reset the lock on guessing the others."""
    session.execute(delete(LoginFailure).where(LoginFailure.email_key == email_key))
