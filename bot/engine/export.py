"""What /export hands the person: a readable summary, and everything as a JSON file."""

from __future__ import annotations

import json
from typing import Any

from bot.engine.replies import Document, Reply
from bot.wording import Messages


def describe_export(data: dict[str, Any], *, messages: Messages) -> Reply:
    """/export: a readable summary, with everything as a JSON file attached."""
    reflections = data.get("reflections") or []
    answers = sum(len(r.get("answers") or []) for r in reflections)
    text = messages.say(
        "export_summary",
        reflections=len(reflections),
        answers=answers,
        ledger=len(data.get("ledger") or []),
        flags=len(data.get("safety_flags") or []),
        reminders="on" if (data.get("reminder_setting") or {}).get("enabled") else "off",
        consent=_latest_choices(data.get("consent_records") or []),
    )
    content = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    return Reply(text=text, document=Document("my-coach-data.json", content))


def _latest_choices(records: list[dict[str, Any]]) -> str:
    """ "keep: yes, share: no, model: no (privacy notice 2026-11-29)" from the consent history."""
    latest: dict[str, dict[str, Any]] = {}
    for record in records:  # oldest first, so the last one per purpose wins
        latest[str(record.get("purpose"))] = record
    if not latest:
        return "none recorded"
    choices = ", ".join(
        f"{purpose}: {'yes' if record.get('granted') else 'no'}"
        for purpose, record in latest.items()
    )
    versions = sorted({str(record.get("notice_version")) for record in latest.values()})
    return f"{choices} (privacy notice {', '.join(versions)})"
