"""Who a participant is, without knowing who they are.

A pseudonym is HMAC-SHA256 of (transport, external id) under a secret key held outside the
database: a plain or salted hash of a Telegram id could be reversed by trying every id. The
address used to reply is encrypted with a separate key (Fernet: AES-128-CBC with an HMAC), so a
copy of the database alone neither names nor reaches anyone.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from pydantic import SecretStr


class Pseudonymiser:
    def __init__(self, key: SecretStr) -> None:
        self._key = key.get_secret_value().encode()

    def pseudonym(self, *, transport: str, external_id: str) -> str:
        """A stable 64-hex-character pseudonym for one person on one transport."""
        message = f"{transport}\x1f{external_id}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


class AddressCipher:
    """Encrypts and decrypts reply addresses (chat ids)."""

    def __init__(self, key: SecretStr) -> None:
        self._fernet = Fernet(key.get_secret_value().encode())

    def encrypt(self, address: str) -> bytes:
        return self._fernet.encrypt(address.encode())

    def decrypt(self, ciphertext: bytes) -> str:
        try:
            return self._fernet.decrypt(ciphertext).decode()
        except InvalidToken as exc:
            raise ValueError("reply address cannot be decrypted with this key") from exc
