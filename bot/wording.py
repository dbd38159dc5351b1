"""The coach's own sentences (help, errors, menus), kept in ``prompts/messages.yaml``.

Each message may use only the ``{placeholders}`` listed for it here, checked at load time, so an
edited message cannot fail with a KeyError in the middle of someone's reflection.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator


@dataclass(frozen=True)
class Uses:
    """Field metadata: the ``{placeholders}`` a message may use."""

    names: frozenset[str]

    def __init__(self, *names: str) -> None:
        object.__setattr__(self, "names", frozenset(names))


class Messages(BaseModel):
    """Every message the engine says outside the flows' own questions.

    Each field names the placeholders its message may use (``Uses``); a field without one may
    use none.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    welcome: str
    welcome_back: Annotated[str, Uses("flow_title")]
    help: str
    help_in_flow: Annotated[str, Uses("flow_title", "position", "total")]
    menu: str
    idle: str
    unknown_command: Annotated[str, Uses("command")]
    ignored_argument: Annotated[str, Uses("command", "argument")]
    not_text: str
    empty: str
    too_long: Annotated[str, Uses("limit", "tail")]
    not_an_option: Annotated[str, Uses("text")]
    pick_options: str
    need_more_picks: Annotated[str, Uses("count")]
    scale_invalid: Annotated[str, Uses("max")]
    date_invalid: str
    date_past: str
    cannot_skip: str
    skipped: str
    back_at_start: str
    went_back: Annotated[str, Uses("previous")]
    not_in_flow: Annotated[str, Uses("command")]
    cancelled: Annotated[str, Uses("flow_title")]
    switch_prompt: Annotated[str, Uses("current", "new")]
    switch_keep: Annotated[str, Uses("current")]
    switch_start: Annotated[str, Uses("new")]
    stale_button: str
    done_button: str
    skip_button: str
    recap: Annotated[str, Uses("label", "text")]
    commitment_recorded: Annotated[str, Uses("text", "due")]
    no_due_date: str
    progress_empty: str
    progress_header: Annotated[str, Uses("completed", "started")]
    progress_flow_line: Annotated[str, Uses("flow_title", "count")]
    progress_open_header: str
    progress_open_line: Annotated[str, Uses("text", "due")]
    progress_overdue_line: Annotated[str, Uses("text", "due")]
    progress_closed_header: str
    progress_closed_line: Annotated[str, Uses("text", "status")]
    progress_footer: str
    progress_lens_header: str
    progress_lens_early: str
    progress_lens_ownership: Annotated[str, Uses("recent", "first", "window")]
    progress_lens_more: str
    progress_lens_fewer: str
    progress_lens_same: str
    progress_lens_pattern: Annotated[str, Uses("pattern", "count", "total")]
    probe_optional: str
    skipped_answer: str
    knowledge_card: Annotated[str, Uses("title", "text", "source")]
    flow_unavailable: str
    ask_usage: str
    ask_header: str
    ask_line: Annotated[str, Uses("text", "citation")]
    ask_nothing: str
    ask_unavailable: str
    remind_menu: Annotated[str, Uses("current")]
    remind_none: str
    remind_set: Annotated[str, Uses("schedule")]
    remind_off: str
    remind_usage: str
    remind_off_button: str
    reminder_nudge: str
    reminder_due: Annotated[str, Uses("text", "due")]
    enrol_joined: Annotated[str, Uses("cohort")]
    enrol_already: Annotated[str, Uses("cohort")]
    enrol_unknown: str
    enrol_used: str
    enrol_expired: str
    enrol_too_many: str
    slow_down: str
    internal_error: str
    delete_confirm: str
    delete_yes_button: str
    delete_no_button: str
    delete_done: str
    delete_kept: str
    callme_done: str
    callme_note_private: str
    export_summary: Annotated[
        str, Uses("reflections", "answers", "ledger", "flags", "reminders", "consent")
    ]

    @model_validator(mode="after")
    def _placeholders_are_known(self) -> Messages:
        for name, allowed in allowed_placeholders().items():
            text: str = getattr(self, name)
            if not text.strip():
                raise ValueError(f"{name}: must not be empty")
            try:
                used = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from exc
            unknown = used - allowed
            if unknown:
                allowed_list = ", ".join(sorted(allowed)) or "none"
                raise ValueError(
                    f"{name}: unknown placeholder(s) {sorted(unknown)}; allowed: {allowed_list}"
                )
        return self

    def say(self, name: str, **values: Any) -> str:
        template: str = getattr(self, name)
        return template.format(**values).strip()


def allowed_placeholders() -> dict[str, frozenset[str]]:
    """Message name -> the placeholders it may use."""
    return {
        name: next((m.names for m in field.metadata if isinstance(m, Uses)), frozenset())
        for name, field in Messages.model_fields.items()
    }


class MessagesFileError(Exception):
    """The messages file is missing, unreadable or invalid."""


def load_messages(path: Path) -> Messages:
    """Load and check ``messages.yaml``."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Messages.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise MessagesFileError(f"{path.name}: cannot read it: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'file'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise MessagesFileError(f"{path.name}: {problems}") from exc
