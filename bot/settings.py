"""Settings, read from the environment (prefix ``COACH_``) and an optional ``.env`` file.

Secrets are ``SecretStr`` so they never show in a repr or a log line. In development the two keys
are generated into the data directory on first run, so ``make chat`` needs no set-up; in
production a missing or placeholder key is refused at start, because a key made up on the spot
would silently orphan every pseudonym and every encrypted reply address made under the old one.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "change_me", "secret", "placeholder"})
PSEUDONYM_KEY_FILE = "pseudonym.key"
ENCRYPTION_KEY_FILE = "encryption.key"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SettingsError(ValueError):
    """A setting is missing or unsafe; the message says which and what to do."""


class Settings(BaseSettings):
    """Every setting the coach reads. Each one is documented in README.md (a test checks)."""

    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_file=".env", extra="ignore", frozen=True
    )

    env: Environment = Environment.DEVELOPMENT
    data_dir: Path = Path("data")
    database_url: str | None = None
    pseudonym_key: SecretStr | None = None
    encryption_key: SecretStr | None = None
    prompts_dir: Path | None = None
    max_answer_chars: Annotated[int, Field(ge=200, le=20_000)] = 2_000
    timezone: str = "Europe/London"
    log_level: str = "WARNING"
    knowledge_enabled: bool = True
    knowledge_dir: Path | None = None
    knowledge_auto_ingest: bool = True
    chroma_url: str | None = None
    embedding_model_dir: Path | None = None
    # Both chosen on evals/retrieval (see its README): rrf ranked best over the seeds, and 0.4
    # kept 98 % of answerable questions while staying silent on half the unanswerable ones.
    retrieval_fusion: Literal["dense", "bm25", "rrf", "dense_plus_bm25", "weighted"] = "rrf"
    relevance_threshold: Annotated[float, Field(ge=0.0, le=1.0)] = 0.4
    # The crisis check's embedding layer, asked when the patterns find nothing. On by default:
    # on wording no pattern was written for (evals/safety/README.md, the second blind set) it
    # took indirect signals from 70 % to 84 % and harm from others from 85 % to 94 %, for 0.5 %
    # more false alarms on ordinary messages. It costs an embedding per message (~10 ms of CPU,
    # made on a worker thread before the turn), where the patterns cost a fraction of one.
    crisis_embeddings: bool = True
    # The reasoning lens: labels on free-text answers, probes, and the trend in /progress.
    lens_enabled: bool = True
    telegram_token: SecretStr | None = None
    telegram_bot_username: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "0.0.0.0"
    telegram_webhook_port: Annotated[int, Field(ge=1, le=65535)] = 8443
    telegram_rate_limit: bool = True
    inbound_messages_per_minute: Annotated[int, Field(ge=1, le=6000)] = 60
    reminder_poll_seconds: Annotated[float, Field(gt=0, le=3600)] = 30.0
    invite_valid_days: Annotated[int, Field(ge=1, le=365)] = 30
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 730
    web_host: str = "127.0.0.1"
    web_port: Annotated[int, Field(ge=1, le=65535)] = 8000
    # None: Secure cookies everywhere except development, where the app is reached over plain
    # http://localhost and a Secure cookie would never come back.
    web_cookie_secure: bool | None = None
    web_session_hours: Annotated[int, Field(ge=1, le=168)] = 8

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _production_needs_real_keys(self) -> Settings:
        if self.env is Environment.PRODUCTION:
            for name in ("pseudonym_key", "encryption_key"):
                secret: SecretStr | None = getattr(self, name)
                if secret is None or _is_placeholder(secret):
                    raise SettingsError(
                        f"COACH_{name.upper()} must be set to a real secret in production "
                        "(generate one with: coach keys generate)"
                    )
            if self.database_url is None:
                raise SettingsError("COACH_DATABASE_URL must be set in production")
        return self

    @property
    def web_cookies_secure(self) -> bool:
        """Whether dashboard cookies carry ``Secure``: the setting, else all but development."""
        if self.web_cookie_secure is not None:
            return self.web_cookie_secure
        return self.env is not Environment.DEVELOPMENT

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'coach.db').resolve()}"

    @property
    def resolved_knowledge_dir(self) -> Path | None:
        """The concept cards: the setting, the checkout's knowledge/, or the installed copy."""
        if self.knowledge_dir is not None:
            return self.knowledge_dir
        package = Path(__file__).resolve().parent
        for candidate in (package.parent / "knowledge", package / "_content" / "knowledge"):
            if candidate.is_dir():
                return candidate
        return None

    @property
    def resolved_prompts_dir(self) -> Path:
        """Where flows and wording live: the setting, the checkout, or the installed copy."""
        if self.prompts_dir is not None:
            return self.prompts_dir
        package = Path(__file__).resolve().parent
        for candidate in (package.parent / "prompts", package / "_content" / "prompts"):
            if (candidate / "flows").is_dir():
                return candidate
        raise SettingsError("cannot find the prompts directory; set COACH_PROMPTS_DIR")


def _is_placeholder(secret: SecretStr) -> bool:
    return secret.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS


def new_pseudonym_key() -> str:
    return secrets.token_hex(32)


def new_encryption_key() -> str:
    # Fernet's key format: 32 random bytes, URL-safe base64.
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def with_keys(settings: Settings) -> Settings:
    """Fill missing keys in development from files in the data directory, creating them once."""
    if settings.env is Environment.PRODUCTION:
        return settings
    updates: dict[str, SecretStr] = {}
    for name, filename, make in (
        ("pseudonym_key", PSEUDONYM_KEY_FILE, new_pseudonym_key),
        ("encryption_key", ENCRYPTION_KEY_FILE, new_encryption_key),
    ):
        current: SecretStr | None = getattr(settings, name)
        if current is not None and not _is_placeholder(current):
            continue
        updates[name] = SecretStr(_read_or_create_key(settings.data_dir / filename, make))
    return settings.model_copy(update=updates) if updates else settings


def _read_or_create_key(path: Path, make: Callable[[], str]) -> str:
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write a private temporary file, then hard-link it into place: the link fails if another
    # process got there first, so two processes starting at once agree on one key.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(make() + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_text(encoding="utf-8").strip()
