"""``coach evals retrieval``: hit@1, hit@5 and MRR over ``evals/retrieval/questions.yaml``.

The corpus is ingested into a throw-away store, so an evaluation never touches the coach's own.
Over documents a hit is a passage from the expected file that contains the answer phrase; over
concept cards (which are written in other words) a hit is a card that cites the expected file.
Unanswerable questions are scored by how often nothing clears the relevance threshold.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter

from bot.knowledge.embeddings import OnnxEmbedder
from bot.knowledge.ingest import ingest
from bot.knowledge.retrieval import Fusion, Passage, Retriever
from bot.knowledge.store import KnowledgeStore, open_client

KINDS = ("direct", "paraphrase", "practical")


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: Literal["direct", "paraphrase", "practical", "unanswerable"]
    question: str
    source: str | None
    answer: str | None


def load_questions(path: Path) -> list[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return TypeAdapter(list[Question]).validate_python(raw)


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def is_hit(question: Question, passage: Passage, *, cards: bool) -> bool:
    if question.source is None:
        return False
    if cards:
        return question.source in str(passage.metadata.get("cites", ""))
    if passage.source != question.source:
        return False
    return question.answer is None or normalise(question.answer) in normalise(passage.text)


@dataclass
class Scores:
    """Figures for one group of questions."""

    count: int = 0
    hit1: int = 0
    hit5: int = 0
    reciprocal: float = 0.0
    answered: int = 0

    def add(self, rank: int | None, *, answered: bool) -> None:
        self.count += 1
        self.answered += answered
        if rank is not None:
            self.hit1 += rank == 1
            self.hit5 += rank <= 5
            self.reciprocal += 1 / rank

    def row(self) -> dict[str, float]:
        n = max(self.count, 1)
        return {
            "n": self.count,
            "hit@1": self.hit1 / n,
            "hit@5": self.hit5 / n,
            "mrr": self.reciprocal / n,
            "answered": self.answered / n,
        }


@dataclass
class Evaluation:
    corpus: str
    fusion: str
    threshold: float
    groups: dict[str, Scores] = field(default_factory=dict)
    unanswerable_silent: float = 0.0
    misses: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "corpus": self.corpus,
            "fusion": self.fusion,
            "threshold": self.threshold,
            "groups": {name: scores.row() for name, scores in self.groups.items()},
            "unanswerable_silent": self.unanswerable_silent,
            "misses": self.misses,
        }


def build_store(
    paths: Iterable[Path], *, embedder: OnnxEmbedder, directory: Path
) -> tuple[KnowledgeStore, float]:
    """A fresh store holding ``paths``; returns it and the seconds ingestion took."""
    store = KnowledgeStore(client=open_client(directory=directory, url=None), embedder=embedder)
    started = time.perf_counter()
    ingest(list(paths), store=store)
    return store, time.perf_counter() - started


def evaluate(
    questions: Sequence[Question],
    *,
    retriever: Retriever,
    corpus: str,
    fusion: Fusion,
    threshold: float,
    cards: bool,
) -> Evaluation:
    result = Evaluation(corpus=corpus, fusion=fusion, threshold=threshold)
    silent = unanswerable = 0
    kind = "card" if cards else "document"
    for question in questions:
        passages = retriever.search(
            question.question, k=5, fusion=fusion, threshold=threshold, kind=kind
        )
        if question.kind == "unanswerable":
            unanswerable += 1
            silent += not passages
            continue
        rank = next(
            (i for i, passage in enumerate(passages, 1) if is_hit(question, passage, cards=cards)),
            None,
        )
        for group in (question.kind, "all"):
            result.groups.setdefault(group, Scores()).add(rank, answered=bool(passages))
        if rank is None or rank > 5:
            result.misses.append(question.id)
    result.unanswerable_silent = silent / max(unanswerable, 1)
    return result


def format_table(evaluations: Sequence[Evaluation]) -> str:
    lines = [
        f"{'corpus':<8} {'fusion':<16} {'thr':>4}  {'group':<10} {'n':>3} {'hit@1':>6} "
        f"{'hit@5':>6} {'MRR':>6} {'answered':>8}"
    ]
    for evaluation in evaluations:
        for group in (*KINDS, "all"):
            scores = evaluation.groups.get(group)
            if scores is None:
                continue
            row = scores.row()
            lines.append(
                f"{evaluation.corpus:<8} {evaluation.fusion:<16} {evaluation.threshold:>4.2f}  "
                f"{group:<10} {row['n']:>3.0f} {row['hit@1']:>6.2f} {row['hit@5']:>6.2f} "
                f"{row['mrr']:>6.2f} {row['answered']:>8.2f}"
            )
        lines.append(
            f"{evaluation.corpus:<8} {evaluation.fusion:<16} {evaluation.threshold:>4.2f}  "
            f"unanswerable: nothing above the threshold for {evaluation.unanswerable_silent:.2f}"
        )
    return "\n".join(lines)
