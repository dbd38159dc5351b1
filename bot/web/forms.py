"""What the dashboard's forms may send, checked strictly: unknown fields and oversized values
are refused before a handler runs. (The CSRF token is checked earlier, in ``access``; it is
declared here only because unknown fields are refused.)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from bot.store.calls import MAX_NOTE_CHARS
from bot.store.models import StaffRole
from bot.web.passwords import MAX_LENGTH

Token = Annotated[str, StringConstraints(max_length=128)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254)]
Password = Annotated[str, StringConstraints(max_length=MAX_LENGTH)]
# Codes made at once from the dashboard, each shown on the page (the command line allows more).
MAX_INVITE_BATCH = 200


class StrictForm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    csrf_token: Token


class LoginForm(StrictForm):
    email: Email
    password: Password


class StaffAddForm(StrictForm):
    email: Email
    role: StaffRole
    password: Password
    password_again: Password


class AssignForm(StrictForm):
    pseudonym_prefix: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
    # 0 takes the participant off every caseload.
    coach_id: int = Field(ge=0)


class CsrfOnlyForm(StrictForm):
    """A button: nothing but the token."""


class CallDoneForm(StrictForm):
    call_id: int = Field(ge=1)


class CoachNoteForm(StrictForm):
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE_CHARS)
    ]


class InviteBatchForm(StrictForm):
    cohort_id: int = Field(ge=1)
    count: int = Field(ge=1, le=MAX_INVITE_BATCH)
    # None (or left blank): COACH_INVITE_VALID_DAYS.
    days: int | None = Field(default=None, ge=1, le=365)

    @field_validator("days", mode="before")
    @classmethod
    def _blank_is_default(cls, value: object) -> object:
        return None if value == "" else value
