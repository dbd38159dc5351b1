"""Settings: documented, safe in development, and refusing placeholder secrets in production."""

from __future__ import annotations

import re
import stat

import pytest
from pydantic import SecretStr, ValidationError

from bot.settings import Environment, Settings, SettingsError, with_keys

from conftest import ROOT


def _setting_names() -> list[str]:
    return [f"COACH_{name.upper()}" for name in Settings.model_fields]


@pytest.mark.parametrize("name", _setting_names())
def test_every_setting_is_documented_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `{name}` \|", readme, re.MULTILINE), f"{name} missing from README"


@pytest.mark.parametrize("name", _setting_names())
def test_every_setting_is_in_the_env_example(name: str) -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(rf"^#? ?{name}=", example, re.MULTILINE), f"{name} missing from .env.example"


def test_readme_documents_no_setting_that_does_not_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(COACH_[A-Z_]+)` \|", readme, re.MULTILINE))
    assert documented == set(_setting_names())


def test_development_keys_are_generated_once_and_kept_private(tmp_path) -> None:
    settings = with_keys(Settings(data_dir=tmp_path))
    again = with_keys(Settings(data_dir=tmp_path))
    assert settings.pseudonym_key is not None and settings.encryption_key is not None
    assert settings.pseudonym_key.get_secret_value() == again.pseudonym_key.get_secret_value()
    for name in ("pseudonym.key", "encryption.key"):
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600, oct(mode)
    assert "SecretStr('**********')" in repr(settings)


@pytest.mark.parametrize("placeholder", ["", "changeme", "CHANGEME", " secret "])
def test_production_refuses_placeholder_keys(placeholder: str) -> None:
    with pytest.raises((SettingsError, ValidationError), match="COACH_PSEUDONYM_KEY"):
        Settings(
            env=Environment.PRODUCTION,
            database_url="sqlite:///x.db",
            pseudonym_key=SecretStr(placeholder),
            encryption_key=SecretStr("x" * 44),
        )


def test_production_refuses_missing_keys_and_never_generates_them(tmp_path) -> None:
    with pytest.raises((SettingsError, ValidationError), match="must be set"):
        Settings(env="production", data_dir=tmp_path, database_url="sqlite:///x.db")
    assert not (tmp_path / "pseudonym.key").exists()


def test_production_accepts_real_keys(tmp_path) -> None:
    settings = Settings(
        env="production",
        data_dir=tmp_path,
        database_url="sqlite:///x.db",
        pseudonym_key=SecretStr("a" * 64),
        encryption_key=SecretStr("b" * 44),
    )
    assert with_keys(settings) is settings


def test_settings_come_from_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("COACH_MAX_ANSWER_CHARS", "500")
    monkeypatch.setenv("COACH_TIMEZONE", "Europe/Dublin")
    settings = Settings()
    assert (settings.max_answer_chars, settings.timezone) == (500, "Europe/Dublin")
    assert settings.resolved_database_url.endswith("/data/coach.db")


@pytest.mark.parametrize(
    ("name", "value"),
    [("COACH_TIMEZONE", "Mars/Olympus"), ("COACH_MAX_ANSWER_CHARS", "5"), ("COACH_ENV", "staging")],
)
def test_invalid_settings_are_refused(monkeypatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()
