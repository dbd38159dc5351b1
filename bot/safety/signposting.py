"""The reviewed signposting file (``prompts/safety.yaml``), checked strictly at start.

The crisis wording and helpline numbers live only there, never in code or a model's output. The
model refuses a file whose crisis card lacks any of the services the coach promises to name, so
an edit cannot silently drop one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.content_file import load_model

REQUIRED_IN_CRISIS_CARD = ("999", "116 123", "85258", "111")
REQUIRED_IN_HARM_CARD = ("999",)


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reviewed_on: date
    reviewed_by: str = Field(min_length=3)


class Cards(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    crisis: str = Field(min_length=50)
    harm_from_others: str = Field(min_length=50)
    resume_button: str = Field(min_length=2, max_length=40)
    later_button: str = Field(min_length=2, max_length=40)
    later: str = Field(min_length=10)
    paused: str = Field(min_length=10)

    @model_validator(mode="after")
    def _names_every_service(self) -> Cards:
        for card, required in (
            ("crisis", REQUIRED_IN_CRISIS_CARD),
            ("harm_from_others", REQUIRED_IN_HARM_CARD),
        ):
            missing = [number for number in required if number not in getattr(self, card)]
            if missing:
                raise ValueError(f"the {card} card must name {', '.join(missing)}")
        return self


class Signposting(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    review: Review
    cards: Cards


class SignpostingFileError(Exception):
    """The signposting file is missing or invalid: the coach must not start without it."""


def load_signposting(path: Path) -> Signposting:
    return load_model(path, Signposting, error=SignpostingFileError, label=str(path))
