"""The pre-call brief's suggested questions, kept in ``prompts/coaching_questions.yaml``.

One list per situation the brief can detect; the model is strict (no unknown situation, no
empty list), so a typo in the file stops the app at start-up instead of silently offering fewer
questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from bot.content_file import load_model

Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)]


class CoachingQuestions(BaseModel):
    """Situation -> questions; the field order is the order situations are drawn from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    late_items: list[Question]
    revised_beliefs: list[Question]
    drop_offs: list[Question]
    kept: list[Question]
    call_note: list[Question]
    quiet: list[Question]
    general: list[Question]

    def pick(self, situations: list[str], *, low: int = 3, high: int = 5) -> list[str]:
        """Questions for ``situations`` (the first of each, then the seconds, up to ``high``),
        topped up from ``general`` to at least ``low``."""
        pools = [
            list(getattr(self, name))
            for name in type(self).model_fields
            if name in situations and name != "general"
        ]
        chosen: list[str] = []
        while len(chosen) < high and any(pools):
            for pool in pools:
                if pool and len(chosen) < high:
                    chosen.append(pool.pop(0))
        for question in self.general:
            if len(chosen) >= low:
                break
            if question not in chosen:
                chosen.append(question)
        return chosen


class CoachingQuestionsError(Exception):
    """The questions file is missing, unreadable or invalid."""


def load_coaching_questions(path: Path) -> CoachingQuestions:
    questions = load_model(path, CoachingQuestions, error=CoachingQuestionsError, label=path.name)
    empty = [name for name in type(questions).model_fields if not getattr(questions, name)]
    if empty:
        raise CoachingQuestionsError(f"{path.name}: no questions for {', '.join(empty)}")
    if len(questions.general) < 3:
        raise CoachingQuestionsError(f"{path.name}: general needs at least 3 questions")
    return questions
