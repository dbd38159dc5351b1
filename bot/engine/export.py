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
    )
    content = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    return Reply(text=text, document=Document("my-coach-data.json", content))
