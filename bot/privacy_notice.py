"""The privacy notice and the consent questions (``prompts/privacy.yaml``), checked at start.

They are one file with one ``version`` because a consent record means "agreed to this notice,
worded this way": changing either is a new version, and people are asked again.
"""

from __future__ import annotations

import string
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.content_file import load_model

# Which {placeholders} each consent message may use; any other is refused at load time.
PLACEHOLDERS = {
    "given": {"share", "model"},
    "changed": {"version"},
    "settings": {"version", "share", "model"},
    "updated": {"share", "model"},
}
Label = Field(min_length=2, max_length=40)


class ConsentWording(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str = Field(min_length=20)
    keep: str = Field(min_length=20)
    keep_yes: str = Label
    keep_no: str = Label
    keep_declined: str = Field(min_length=20)
    share: str = Field(min_length=20)
    share_yes: str = Label
    share_no: str = Label
    model: str = Field(min_length=20)
    model_yes: str = Label
    model_no: str = Label
    given: str
    needed: str
    changed: str
    word_yes: str = Field(min_length=1, max_length=20)
    word_no: str = Field(min_length=1, max_length=20)
    settings: str
    share_on_button: str = Label
    share_off_button: str = Label
    model_on_button: str = Label
    model_off_button: str = Label
    stop_keeping_button: str = Label
    updated: str
    reflection_shared: str
    reflection_private: str
    make_private_button: str = Label
    make_shared_button: str = Label

    @model_validator(mode="after")
    def _placeholders_are_known(self) -> ConsentWording:
        for name in type(self).model_fields:
            text: str = getattr(self, name)
            used = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            unknown = used - PLACEHOLDERS.get(name, set())
            if unknown:
                raise ValueError(f"consent.{name}: unknown placeholder(s) {sorted(unknown)}")
        return self

    def say(self, name: str, **values: str) -> str:
        template: str = getattr(self, name)
        return template.format(**values).strip()


class PrivacyNotice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # A date-like label ("2026-11-29"), short enough to store beside every consent record.
    version: str = Field(pattern=r"^[0-9A-Za-z.\-]{1,20}$")
    notice: str = Field(min_length=200)
    consent: ConsentWording


class PrivacyNoticeError(Exception):
    """The privacy file is missing or invalid: the coach must not start without it."""


def load_privacy_notice(path: Path) -> PrivacyNotice:
    return load_model(path, PrivacyNotice, error=PrivacyNoticeError, label=str(path))
