"""Planning one invented reflection: which questions were answered, when, and how it ended.

A plan is made before anything is written, so its cost in engagement events is known first and
the generator can keep each person within their share of ``--events``. People drop off the way
they do in the product: a few at the first question, more at free-text questions than at
buttons; optional questions are sometimes skipped. A check-in reviews the person's open ledger
items one by one, deciding for each what happened and whether to close, keep, change or drop it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.demo import phrases
from bot.demo.shapes import FlowShape, Question

FIRST_QUESTION_DROP = 0.06
FREE_TEXT_DROP = 0.03
BUTTON_DROP = 0.01
REVIEW_DROP = 0.015
SKIP_OPTIONAL = 0.25
# What people decided about an item, by whether it happened.
DECISIONS = {
    "yes": {"done": 75, "keep": 10, "revise": 15},
    "partly": {"keep": 40, "revise": 35, "done": 25},
    "not_yet": {"keep": 60, "revise": 20, "drop": 20},
    "no": {"drop": 60, "revise": 40},
}
HAPPENED = {"yes": 40, "partly": 25, "not_yet": 25, "no": 10}


@dataclass
class Given:
    """One question answered (or skipped)."""

    question: Question
    at: datetime
    text: str | None
    value: Any
    skipped: bool = False


@dataclass
class Review:
    item: dict[str, Any]  # the ledger item's row, changed when the plan is written
    at: datetime
    answers: dict[str, Given]


@dataclass
class Plan:
    shape: FlowShape
    started: datetime
    scene: phrases.Scene
    given: list[Given] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    status: str = "completed"  # completed | abandoned | cancelled | active
    step_id: str = ""  # where the row rests: the last question, or the one left unanswered
    ended: datetime | None = None

    @property
    def commits(self) -> bool:
        return self.status == "completed" and self.shape.ending is not None

    @property
    def cost(self) -> int:
        """Engagement events this reflection writes (its command, start, answers, end ...)."""
        return (
            2
            + len(self.given)
            + len(self.reviews)
            + (self.status != "active")
            + (self.status == "cancelled")
            + self.commits
        )

    @property
    def last_at(self) -> datetime:
        return self.given[-1].at if self.given else self.started


def plan_reflection(
    rng: random.Random,
    shape: FlowShape,
    *,
    started: datetime,
    open_items: list[dict[str, Any]],
    next_start: datetime | None,
    may_stay_open: bool,
) -> Plan:
    plan = Plan(shape, started, phrases.scene(rng))
    if shape.review:
        _review_items(rng, plan, open_items)
    else:
        for index, question in enumerate(shape.questions):
            hazard = FIRST_QUESTION_DROP if index == 0 else _drop_chance(question)
            if rng.random() < hazard:
                plan.status = "dropped"
                plan.step_id = question.id
                break
            plan.given.append(_answer(rng, question, _later(rng, plan.last_at), plan))
    if plan.status == "dropped":
        _drop(rng, plan, next_start, may_stay_open)
    else:
        plan.step_id = plan.given[-1].question.id if plan.given else shape.first_step
        plan.ended = plan.last_at + timedelta(seconds=5)
    return plan


def _review_items(rng: random.Random, plan: Plan, open_items: list[dict[str, Any]]) -> None:
    """The check-in's questions, once per item open when it started, as far as the person got."""
    for item in [row for row in open_items if row["created_at"] < plan.started]:
        answers: dict[str, Given] = {}
        for step_id, value in _review_path(rng, plan.shape, item):
            question = plan.shape.question(step_id)
            if question is None:
                continue
            if rng.random() < REVIEW_DROP:
                plan.status, plan.step_id = "dropped", question.id
                return
            at = _later(rng, plan.last_at)
            if value is None:
                given = _answer(rng, question, at, plan)
            else:
                given = Given(question, at, None, value)
            plan.given.append(given)
            answers[step_id] = given
        if "decision" in answers:
            plan.reviews.append(Review(item, plan.last_at, answers))


def _review_path(
    rng: random.Random, shape: FlowShape, item: dict[str, Any]
) -> list[tuple[str, str | None]]:
    """The check-in's branches for one item: (step id, choice made, or None to make up)."""
    happened = _weighted(rng, HAPPENED, shape.question("happened"))
    decision = _weighted(rng, DECISIONS.get(happened, {}), shape.question("decision"))
    path: list[tuple[str, str | None]] = [("happened", happened)]
    path.append(("what_stopped" if happened in ("not_yet", "no") else "what_happened", None))
    path.append(("learned", None))
    if item["kind"] == "assumption_test":
        path.append(("belief_now", None))
    path.append(("decision", decision))
    if decision == "revise":
        path.append(("revised_text", None))
    path.append(("next_step", None))
    if decision not in ("done", "drop"):
        path.append(("next_due", None))
    return path


def _weighted(rng: random.Random, weights: dict[str, int], question: Question | None) -> str:
    """A value from ``weights`` that the question still offers; any of its options otherwise."""
    options = question.options if question else ()
    usable = {value: weight for value, weight in weights.items() if value in options}
    if not usable:
        return rng.choice(options) if options else ""
    return rng.choices(list(usable), weights=list(usable.values()))[0]


def _answer(rng: random.Random, question: Question, at: datetime, plan: Plan) -> Given:
    if question.optional and rng.random() < SKIP_OPTIONAL:
        return Given(question, at, None, None, skipped=True)
    if question.is_date:
        words, days = phrases.date_answer(rng)
        return Given(question, at, words, (at.date() + timedelta(days=days)).isoformat())
    if question.free_text:
        text = phrases.answer_text(rng, question.id, plan.scene)
        return Given(question, at, text, text)
    if question.kind == "scale":
        return Given(question, at, None, _scale(rng, question, plan))
    if question.kind == "multi_choice":
        picks = rng.sample(question.options, k=min(len(question.options), rng.randint(1, 2)))
        return Given(question, at, None, picks)
    return Given(question, at, None, rng.choice(question.options))


def _scale(rng: random.Random, question: Question, plan: Plan) -> int:
    """Ratings asked twice in one reflection tend to rise the second time."""
    earlier = [g.value for g in plan.given if g.question.kind == "scale" and not g.skipped]
    if earlier:
        return min(question.scale_max, int(earlier[-1]) + rng.randint(0, 3))
    return rng.randint(1, max(1, question.scale_max * 6 // 10))


def _drop(rng: random.Random, plan: Plan, next_start: datetime | None, may_stay_open: bool) -> None:
    if may_stay_open and rng.random() < 0.5:
        plan.status = "active"
        return
    if rng.random() < 0.25:
        plan.status = "cancelled"
        plan.ended = plan.last_at + timedelta(seconds=rng.randint(30, 300))
        return
    # The product abandons a reflection when the person starts another one.
    plan.status = "abandoned"
    ended = plan.last_at + timedelta(hours=rng.randint(1, 72))
    if next_start is not None:
        ended = max(plan.last_at + timedelta(minutes=1), min(next_start, ended))
    plan.ended = ended


def _drop_chance(question: Question) -> float:
    return FREE_TEXT_DROP if question.free_text else BUTTON_DROP


def _later(rng: random.Random, at: datetime) -> datetime:
    """When the next answer came: between a quarter of a minute and four minutes later."""
    return at + timedelta(seconds=rng.randint(15, 240))
