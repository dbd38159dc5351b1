"""The coach's own sentences (help, errors, menus), kept in ``prompts/messages.yaml``.

Each message may use only the ``{placeholders}`` listed for it here, checked at load time, so an
edited message cannot fail with a KeyError in the middle of someone's reflection.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

# Message name -> the placeholders it may use.
ALLOWED: dict[str, frozenset[str]] = {
    "welcome": frozenset(),
    "welcome_back": frozenset({"flow_title"}),
    "help": frozenset(),
    "help_in_flow": frozenset({"flow_title", "position", "total"}),
    "menu": frozenset(),
    "idle": frozenset(),
    "unknown_command": frozenset({"command"}),
    "ignored_argument": frozenset({"command", "argument"}),
    "not_text": frozenset(),
    "empty": frozenset(),
    "too_long": frozenset({"limit", "tail"}),
    "not_an_option": frozenset({"text"}),
    "pick_options": frozenset(),
    "need_more_picks": frozenset({"count"}),
    "scale_invalid": frozenset({"max"}),
    "date_invalid": frozenset(),
    "date_past": frozenset(),
    "cannot_skip": frozenset(),
    "skipped": frozenset(),
    "back_at_start": frozenset(),
    "went_back": frozenset({"previous"}),
    "not_in_flow": frozenset({"command"}),
    "cancelled": frozenset({"flow_title"}),
    "switch_prompt": frozenset({"current", "new"}),
    "switch_keep": frozenset({"current"}),
    "switch_start": frozenset({"new"}),
    "stale_button": frozenset(),
    "done_button": frozenset(),
    "skip_button": frozenset(),
    "recap": frozenset({"label", "text"}),
    "commitment_recorded": frozenset({"text", "due"}),
    "no_due_date": frozenset(),
    "progress_empty": frozenset(),
    "progress_header": frozenset({"completed", "started"}),
    "progress_flow_line": frozenset({"flow_title", "count"}),
    "progress_open_header": frozenset(),
    "progress_open_line": frozenset({"text", "due"}),
    "progress_overdue_line": frozenset({"text", "due"}),
    "progress_closed_header": frozenset(),
    "progress_closed_line": frozenset({"text", "status"}),
    "progress_footer": frozenset(),
    "skipped_answer": frozenset(),
    "knowledge_card": frozenset({"title", "text", "source"}),
    "flow_unavailable": frozenset(),
    "ask_usage": frozenset(),
    "ask_header": frozenset(),
    "ask_line": frozenset({"text", "citation"}),
    "ask_nothing": frozenset(),
    "ask_unavailable": frozenset(),
}


class Messages(BaseModel):
    """Every message the engine says outside the flows' own questions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    welcome: str
    welcome_back: str
    help: str
    help_in_flow: str
    menu: str
    idle: str
    unknown_command: str
    ignored_argument: str
    not_text: str
    empty: str
    too_long: str
    not_an_option: str
    pick_options: str
    need_more_picks: str
    scale_invalid: str
    date_invalid: str
    date_past: str
    cannot_skip: str
    skipped: str
    back_at_start: str
    went_back: str
    not_in_flow: str
    cancelled: str
    switch_prompt: str
    switch_keep: str
    switch_start: str
    stale_button: str
    done_button: str
    skip_button: str
    recap: str
    commitment_recorded: str
    no_due_date: str
    progress_empty: str
    progress_header: str
    progress_flow_line: str
    progress_open_header: str
    progress_open_line: str
    progress_overdue_line: str
    progress_closed_header: str
    progress_closed_line: str
    progress_footer: str
    skipped_answer: str
    knowledge_card: str
    flow_unavailable: str
    ask_usage: str
    ask_header: str
    ask_line: str
    ask_nothing: str
    ask_unavailable: str

    @model_validator(mode="after")
    def _placeholders_are_known(self) -> Messages:
        for name, allowed in ALLOWED.items():
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
