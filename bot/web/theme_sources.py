"""What recurring themes are counted from: the coach's ``Record`` of a person, nothing else.

The record holds only reflections read through ``coach_visible_sessions`` (shared, not marked
private) and the commitments made in them, so that is all the themes can see. Check-ins on
those commitments are counted only when the check-in itself is one of those reflections: a
person who kept a check-in private keeps its "not yet" private too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.flows.library import FlowLibrary
from bot.flows.schema import MultiChoiceStep, ScaleStep
from bot.store.caseload import Record
from bot.web.digest import shorten
from bot.web.themes import Commitment, Rating, Review, SharedReflection
from bot.web.timeline import is_free_text

Recent = Callable[[datetime], bool]
COMMITMENT_LIMIT = 90  # a commitment named in a theme is quoted, so kept short


def shared_reflections(
    *, record: Record, flows: FlowLibrary, recent: Recent
) -> list[SharedReflection]:
    """The record's reflections, oldest first, as themes read them."""
    found = []
    for reflection in sorted(record.reflections, key=lambda r: r.number):
        flow = flows.get(reflection.flow_id)
        steps = {} if flow is None else {step.id: step for step in flow.steps}
        # Every answer counts: a check-in asks its questions once per commitment, and an answer
        # given again after going back adds nothing, since a theme counts reflections.
        texts: list[str] = []
        picked: list[str] = []
        ratings: dict[str, Rating] = {}  # a scale answered again after going back: the last
        for answer in record.answers.get(reflection.id, []):
            step = steps.get(answer.step_id)
            if is_free_text(answer, step) and answer.text:
                texts.append(answer.text)
            elif isinstance(step, MultiChoiceStep) and isinstance(answer.value, list):
                labels = {option.value: option.label for option in step.options}
                picked.extend(labels[v] for v in answer.value if v in labels)
            elif isinstance(step, ScaleStep) and isinstance(answer.value, int):
                name = step.id.replace("_", " ")
                ratings[name] = Rating(name=name, value=answer.value, top=step.max)
        found.append(
            SharedReflection(
                number=reflection.number,
                flow=flow.title if flow else reflection.flow_id,
                recent=recent(reflection.started_at),
                texts=texts,
                picked=picked,
                ratings=list(ratings.values()),
            )
        )
    return found


def commitments(*, record: Record, recent: Recent) -> list[Commitment]:
    """The record's ledger, with the check-ins made in reflections the coach may see."""
    visible = {reflection.id for reflection in record.reflections}
    return [
        Commitment(
            text=shorten(item.text, limit=COMMITMENT_LIMIT)[0],
            status=item.status,
            closed_recently=item.closed_at is not None and recent(item.closed_at),
            reviews=_reviews(record, item.id, visible, recent),
        )
        for item in record.ledger
    ]


def _reviews(record: Record, item_id: int, visible: set[int], recent: Recent) -> Sequence[Review]:
    return [
        Review(happened=review.happened, recent=recent(review.reviewed_at))
        for review in record.reviews.get(item_id, [])
        if review.session_id in visible
    ]
