"""What the brief shows of each reflection: a few key answers, shortened; the rest is on the
timeline.

The answer that says what the reflection is about (the flow's recap slot: the problem, the
situation, the facts) comes first, under the flow's own label for it; then the person's other
typed answers in the order given, up to ``per_reflection``, each under its step's name (the full
question would take more room than the answer). Ratings, dates and ticked options are left to
the themes and the timeline. A long answer is cut at a word boundary with a visible "…", and
each reflection says how many of its answers the page leaves out, so nothing goes missing
without the coach knowing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.flows.library import FlowLibrary
from bot.web import page_budget
from bot.web.timeline import Exchange, ReflectionView

CUT = "\N{HORIZONTAL ELLIPSIS}"
TRAILING = " ,;:.-\N{EN DASH}\N{EM DASH}"


@dataclass(frozen=True)
class KeyAnswer:
    label: str  # a few words for the question, to keep the page short
    question: str  # the question in full, for the screen
    answer: str
    cut: bool  # shortened for the page


@dataclass(frozen=True)
class DigestEntry:
    number: int
    title: str
    status: str
    started_at: datetime
    answers: Sequence[KeyAnswer]
    left_out: int  # answers given but not shown here


@dataclass(frozen=True)
class Digest:
    entries: Sequence[DigestEntry]  # newest first
    earlier: int  # older reflections of the same period left to the timeline


def shorten(text: str, *, limit: int) -> tuple[str, bool]:
    """``text`` on one line, cut to at most ``limit`` characters (the "…" included) at a word
    boundary where there is one; and whether it was cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat, False
    kept = flat[: limit - len(CUT)]
    space = kept.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back; else cut inside a long word
        kept = kept[:space]
    return kept.rstrip(TRAILING) + CUT, True


def digest(
    *,
    views: Sequence[ReflectionView],
    flows: FlowLibrary,
    most: int = 4,
    room: float | None = None,
    per_reflection: int = 2,
    limit: int = 140,
) -> Digest:
    """The newest of ``views`` (newest first), each with its key answers: at most ``most``, and
    no more than fit in ``room`` printed lines, though always one."""
    entries: list[DigestEntry] = []
    used = 0.0
    for view in views[:most]:
        flow = flows.get(view.flow_id)
        lead = flow.recap.slot if flow is not None and flow.recap is not None else None
        chosen = _key_exchanges(view.exchanges, lead=lead, most=per_reflection)
        answers = []
        for exchange in chosen:
            answer, cut = shorten(exchange.answer, limit=limit)
            label = (
                flow.recap.label
                if flow is not None and flow.recap is not None and exchange.step_id == lead
                else exchange.step_id.replace("_", " ").capitalize()
            )
            answers.append(
                KeyAnswer(label=label, question=exchange.question, answer=answer, cut=cut)
            )
        entry = DigestEntry(
            number=view.number,
            title=view.title,
            status=view.status,
            started_at=view.started_at,
            answers=answers,
            left_out=len(view.exchanges) - len(answers),
        )
        used += entry_lines(entry)
        if entries and room is not None and used > room:
            break
        entries.append(entry)
    return Digest(entries=entries, earlier=len(views) - len(entries))


def entry_lines(entry: DigestEntry) -> float:
    """Printed lines for one reflection: its heading, then each answer beside its label."""
    return page_budget.SUBHEADING + page_budget.listed(
        (a.answer for a in entry.answers), width=page_budget.BESIDE
    )


def _key_exchanges(exchanges: Sequence[Exchange], *, lead: str | None, most: int) -> list[Exchange]:
    """The recap answer first (the last one given, if the person went back to it), then the
    other typed answers in order. A check-in asks the same questions once per commitment, so
    repeated questions are not folded together."""
    typed = [e for e in exchanges if e.free_text]
    # A lens follow-up is asked at the same step: the answer to the question itself leads.
    leads = [e for e in typed if e.step_id == lead and not e.probe]
    return (leads[-1:] + [e for e in typed if e.step_id != lead])[:most]
