"""Answering a question from the material without a language model: extractive, and cited.

The best passages are split into sentences; each sentence is scored by its similarity to the
question, and the top few are returned with the card or document they came from. When no passage
clears the relevance threshold the answer says so plainly instead of offering something loosely
related, because a confident wrong answer is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.knowledge.retrieval import Passage, Retriever

PASSAGES = 4
SENTENCES = 3
MIN_SENTENCE_CHARS = 30
MAX_SENTENCE_CHARS = 420
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'\u201c(])|\n+")
_MARKUP = re.compile(r"^[#>*\-\u2022\u25a0\s]+|\*\*")


@dataclass(frozen=True)
class Citation:
    title: str
    source: str

    def describe(self) -> str:
        return f"{self.title}, {self.source}" if self.title else self.source


@dataclass(frozen=True)
class AnswerLine:
    text: str
    citation: Citation
    score: float


@dataclass(frozen=True)
class Answer:
    question: str
    lines: tuple[AnswerLine, ...]

    @property
    def found(self) -> bool:
        return bool(self.lines)

    def to_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "found": self.found,
            "answer": [
                {
                    "text": line.text,
                    "title": line.citation.title,
                    "source": line.citation.source,
                    "score": round(line.score, 4),
                }
                for line in self.lines
            ],
        }


def cite(passage: Passage) -> Citation:
    """Cards name the card and the seed files they draw on; documents name the file."""
    if passage.kind == "card":
        cites = str(passage.metadata.get("cites") or "")
        source = f"knowledge/{passage.source}" + (f", drawing on {cites}" if cites else "")
        return Citation(title=passage.title, source=source)
    heading = passage.headings.split(" > ")[-1] if passage.headings else ""
    return Citation(title=heading or passage.title, source=passage.source)


def answer(question: str, *, retriever: Retriever) -> Answer:
    """The most relevant sentences from the best passages, each with its citation."""
    passages = retriever.search(question, k=PASSAGES)
    if not passages:
        return Answer(question=question, lines=())
    candidates: list[tuple[str, Passage]] = []
    for passage in passages:
        for sentence in _sentences(passage.text):
            candidates.append((sentence, passage))
    if not candidates:
        return Answer(question=question, lines=())
    embedder = retriever.store.embedder
    vectors = embedder.embed([question] + [sentence for sentence, _ in candidates])
    scores = vectors[1:] @ vectors[0]
    # Favour sentences from higher-ranked passages a little, so the best passage leads.
    rank_bonus = np.array([0.02 * (PASSAGES - passages.index(p)) for _, p in candidates])
    order = np.argsort(-(scores + rank_bonus))
    chosen: list[AnswerLine] = []
    seen: set[str] = set()
    per_passage: dict[str, int] = {}
    for index in order:
        sentence, passage = candidates[int(index)]
        key = sentence.lower()
        if key in seen or float(scores[index]) < retriever.threshold * 0.75:
            continue
        if per_passage.get(passage.id, 0) >= 2:
            continue
        per_passage[passage.id] = per_passage.get(passage.id, 0) + 1
        seen.add(key)
        chosen.append(AnswerLine(text=sentence, citation=cite(passage), score=float(scores[index])))
        if len(chosen) == SENTENCES:
            break
    if not chosen:
        best = passages[0]
        chosen.append(AnswerLine(text=_trim(best.text), citation=cite(best), score=best.score))
    return Answer(question=question, lines=tuple(chosen))


def _sentences(text: str) -> list[str]:
    """Answer-sized units: sentences, with a list kept together with the line introducing it.

    Questions are left out: in cards they are prompts for the reader, never answers.
    """
    units: list[str] = []
    collecting = False
    for piece in _SENTENCE_END.split(text):
        if piece.lstrip().startswith("#"):
            collecting = False  # a heading names a section; it answers nothing
            continue
        is_item = bool(re.match(r"^\s*(?:[-*\u2022\u25a0]|\d+[.)])\s+", piece))
        sentence = _MARKUP.sub("", piece).replace("**", "").strip()
        if not sentence:
            continue
        if collecting and is_item:
            joiner = " " if units[-1].endswith(":") else "; "
            units[-1] = units[-1] + joiner + sentence.rstrip(".;")
            continue
        collecting = sentence.endswith(":")
        units.append(sentence)
    return [
        _trim(unit)
        for unit in units
        if len(unit) >= MIN_SENTENCE_CHARS and not unit.endswith("?") and not unit.endswith(":")
    ]


def _trim(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_SENTENCE_CHARS:
        return text
    return text[: MAX_SENTENCE_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
