"""Sign-in throttling: after too many failures for one email, or from one client, within the
window, every attempt for it is refused until the window has moved on, right password or not.

An email with no account is counted and locked exactly like one with an account, and both get
the same words, so neither the message nor the lock tells anyone which emails exist.

The email and client address are stored as HMACs. The key is derived from the encryption key
(HKDF, with a label of its own) rather than being one more secret to manage: changing the
encryption key would only reset the counts.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import SecretStr
from sqlalchemy.orm import Session

from bot.store.login_failures import forget_failures, recent_failures, record_failure
from bot.store.staff import normalise_email

WINDOW = timedelta(minutes=15)
MAX_PER_EMAIL = 5
# Higher: several staff may sign in from behind one office address.
MAX_PER_CLIENT = 20


@dataclass(frozen=True)
class Keys:
    email: str
    client: str


class LoginThrottle:
    def __init__(
        self,
        *,
        secret: SecretStr,
        window: timedelta = WINDOW,
        max_per_email: int = MAX_PER_EMAIL,
        max_per_client: int = MAX_PER_CLIENT,
    ) -> None:
        self._key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"coach web login throttle"
        ).derive(secret.get_secret_value().encode())
        self.window = window
        self.max_per_email = max_per_email
        self.max_per_client = max_per_client

    def keys(self, *, email: str, client: str) -> Keys:
        return Keys(
            email=self._mac("email", normalise_email(email)), client=self._mac("ip", client)
        )

    def locked(self, *, session: Session, keys: Keys, at: datetime) -> bool:
        by_email, by_client = recent_failures(
            session=session, email_key=keys.email, client_key=keys.client, since=at - self.window
        )
        return by_email >= self.max_per_email or by_client >= self.max_per_client

    def failed(self, *, session: Session, keys: Keys, at: datetime) -> None:
        record_failure(session=session, email_key=keys.email, client_key=keys.client, at=at)

    def succeeded(self, *, session: Session, keys: Keys) -> None:
        forget_failures(session=session, email_key=keys.email)

    def _mac(self, kind: str, value: str) -> str:
        return hmac.new(self._key, f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()
