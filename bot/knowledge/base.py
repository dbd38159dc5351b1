"""The knowledge base as the rest of the coach sees it: search, ask, and pick a card.

It opens lazily, on the first question or card, because loading the model and the store costs a
few hundred milliseconds that a turn without knowledge should not pay. If the store is missing or
corrupt it is reported once and the coach carries on without the material: flows skip their cards
and ``/ask`` says the material is unavailable. On first open, an empty store is filled from the
bundled concept cards so ``make chat`` shows cards with no extra step, and cards added or
changed since are brought in.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.answers import Answer, answer, cite
from bot.knowledge.embeddings import (
    ModelFileError,
    OnnxEmbedder,
    default_model_files,
    model_files_in,
)
from bot.knowledge.ingest import ingest
from bot.knowledge.retrieval import Fusion, Passage, Retriever
from bot.knowledge.store import KnowledgeStore, KnowledgeUnavailable, open_client

log = logging.getLogger(__name__)
CARD_CHARS = 420


@dataclass(frozen=True)
class KnowledgeConfig:
    store_dir: Path
    chroma_url: str | None
    model_dir: Path | None
    cards_dir: Path | None
    fusion: Fusion
    threshold: float
    auto_ingest: bool


@dataclass(frozen=True)
class CardChoice:
    id: str
    title: str
    text: str
    source: str


class KnowledgeBase:
    def __init__(self, *, store: KnowledgeStore, retriever: Retriever) -> None:
        self.store = store
        self.retriever = retriever

    def search(self, query: str, *, k: int = 5, kind: str | None = None) -> list[Passage]:
        return self.retriever.search(query, k=k, kind=kind)

    def ask(self, question: str) -> Answer:
        return answer(question, retriever=self.retriever)

    def card(self, *, query: str, exclude: Collection[str]) -> CardChoice | None:
        """The most relevant concept card not yet shown, or None when none is relevant enough."""
        for passage in self.retriever.search(query, k=8, kind="card"):
            card_id = str(passage.metadata.get("card_id") or passage.source)
            if card_id in exclude:
                continue
            summary = str(passage.metadata.get("summary") or "").strip()
            text = _card_excerpt(passage.text, summary=summary)
            return CardChoice(
                id=card_id, title=passage.title, text=text, source=cite(passage).source
            )
        return None


def _card_excerpt(chunk: str, *, summary: str) -> str:
    """The first paragraph of substance in the matched part of a card, cut at a sentence.

    The summary describes the card ("a reflection exercise comparing..."); a paragraph of the
    card itself says something the person can use, so that is shown when there is one.
    """
    paragraphs = [
        p.strip()
        for p in chunk.split("\n\n")
        if p.strip() and not p.lstrip().startswith("#") and p.strip() != summary
    ]
    text = " ".join((paragraphs[0] if paragraphs else summary or chunk).split())
    if len(text) <= CARD_CHARS:
        return text
    cut = text[:CARD_CHARS]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > CARD_CHARS // 2 else cut.rsplit(" ", 1)[0] + "\u2026"


def open_knowledge(config: KnowledgeConfig) -> KnowledgeBase:
    """Load the model and open the store; raises ``KnowledgeUnavailable`` if either fails."""
    try:
        files = model_files_in(config.model_dir) if config.model_dir else default_model_files()
        embedder = OnnxEmbedder(files)
    except (ModelFileError, OSError, RuntimeError) as exc:
        raise KnowledgeUnavailable(f"cannot load the embedding model: {exc}") from exc
    client = open_client(directory=config.store_dir, url=config.chroma_url)
    store = KnowledgeStore(client=client, embedder=embedder)
    if config.auto_ingest and config.cards_dir and config.cards_dir.is_dir():
        # Idempotent and cheap when nothing changed (files are skipped by content hash); it
        # also completes a store whose first filling was interrupted, and picks up new cards.
        report = ingest([config.cards_dir], store=store)
        log.info("bundled concept cards: %s", report.summary())
    return KnowledgeBase(
        store=store, retriever=Retriever(store, fusion=config.fusion, threshold=config.threshold)
    )


class LazyKnowledge:
    """Opens the knowledge base on first use; remembers a failure instead of retrying each turn."""

    def __init__(self, config: KnowledgeConfig | None) -> None:
        self._config = config
        self._base: KnowledgeBase | None = None
        self._failed = config is None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Open the knowledge base on a background thread, so the first card does not wait."""
        if self._config is not None and self._base is None and not self._failed:
            threading.Thread(target=self.get, name="knowledge-warm-up", daemon=True).start()

    def get(self) -> KnowledgeBase | None:
        if self._base is not None or self._failed:
            return self._base
        with self._lock:
            if self._base is None and not self._failed and self._config is not None:
                try:
                    self._base = open_knowledge(self._config)
                except KnowledgeUnavailable as exc:
                    self._failed = True
                    log.warning("knowledge base unavailable; carrying on without it: %s", exc)
        return self._base
