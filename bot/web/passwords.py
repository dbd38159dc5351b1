"""Staff passwords: argon2id with argon2-cffi's defaults (t=3, m=64 MiB, p=4; stronger than
OWASP's floor of m=19 MiB, t=2, p=1).

Checking a sign-in always costs one argon2 verification, even for an email with no account
(against a hash made at start-up), so the time taken does not tell which emails exist.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
# Long enough for any passphrase; a cap keeps a megabyte "password" from costing us anything.
MAX_LENGTH = 1024


def password_problem(password: str, again: str) -> str | None:
    """Why a new password is refused, or None."""
    if password != again:
        return "the two passwords differ"
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"a password may have at most {MAX_LENGTH} characters"
    return None


class Passwords:
    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._decoy = self._hasher.hash(secrets.token_urlsafe(24))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        """Whether ``password`` matches; ``stored`` None (no such account) costs the same."""
        try:
            return self._hasher.verify(stored or self._decoy, password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """True when the hash was made with weaker parameters than today's."""
        return self._hasher.check_needs_rehash(stored)
