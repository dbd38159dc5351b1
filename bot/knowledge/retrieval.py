"""Hybrid retrieval: dense (Chroma) and lexical (BM25) candidates, fused, then thresholded.

Several fusion methods are kept so ``coach evals retrieval --fusion all`` can compare them on our
questions; the default is the one that scored best there (see evals/retrieval/README.md). Every
result carries the same kind of score, the cosine similarity between the query and the passage's
ranking vector (its own, or for a document passage, leaned towards its nearest card: see
``Corpus.bridged``), so the relevance threshold means one thing whichever method ranked it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from bot.knowledge.store import Corpus, KnowledgeStore, lexical_search

Fusion = Literal["dense", "bm25", "rrf", "dense_plus_bm25", "weighted"]
FUSIONS: tuple[Fusion, ...] = ("dense", "bm25", "rrf", "dense_plus_bm25", "weighted")
MAX_QUERY_CHARS = 1_000
CANDIDATES = 20
# Chroma's nearest neighbours by the passages' own vectors, re-scored by their bridged ones;
# measured, 80 finds everything an exhaustive search does.
DENSE_POOL = 80
RRF_K = 60
LEXICAL_EXTRAS = 2
DENSE_WEIGHT = 0.7
BRIDGE_CARDS = 2
CARD_BRIDGE = 0.4
BRIDGE_WEIGHT = 0.5
FOLLOWER_MARGIN = 0.15


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    title: str
    source: str
    kind: str
    headings: str
    score: float
    metadata: dict[str, Any]

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "score": round(self.score, 4),
        }


class Retriever:
    def __init__(
        self, store: KnowledgeStore, *, fusion: Fusion, threshold: float, expand: bool = True
    ) -> None:
        self.store = store
        self.fusion = fusion
        self.threshold = threshold
        self.expand = expand

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        kind: str | None = None,
        fusion: Fusion | None = None,
        threshold: float | None = None,
    ) -> list[Passage]:
        """The best ``k`` passages for ``query``, or none if nothing clears the threshold."""
        query = " ".join(query.split())[:MAX_QUERY_CHARS]
        if not query or k <= 0:
            return []
        corpus = self.store.corpus()
        if not len(corpus):
            return []
        vector = self.store.embedder.embed([query])[0]
        ranking_query, ranking_vector = query, vector
        if self.expand and kind != "card":
            ranking_query, ranking_vector = _expand_with_cards(corpus, query, vector)
        method = fusion or self.fusion
        order = self._rank(method, corpus, ranking_query, ranking_vector, k=k, kind=kind)
        position = corpus.position
        # Scored against the question as asked: widening helps find passages, but must not make
        # an unrelated question look answerable.
        similarities = corpus.bridged @ vector
        limit = self.threshold if threshold is None else threshold
        ranked = order[: max(k * 4, CANDIDATES)]
        # The threshold decides whether the material answers the question at all; once the best
        # passage clears it, others a little below it may follow (paraphrased passages score
        # lower against the question as asked, yet are often the right ones).
        best = max((float(similarities[position[c]]) for c in ranked), default=0.0)
        if best < limit:
            return []
        floor = limit - FOLLOWER_MARGIN
        passages = []
        for chunk_id in ranked:
            index = position[chunk_id]
            score = float(similarities[index])
            if score < floor:
                continue
            metadata = corpus.metadatas[index]
            passages.append(
                Passage(
                    id=chunk_id,
                    text=corpus.texts[index],
                    title=str(metadata.get("title", "")),
                    source=str(metadata.get("source", "")),
                    kind=str(metadata.get("kind", "")),
                    headings=str(metadata.get("headings", "")),
                    score=score,
                    metadata=metadata,
                )
            )
            if len(passages) == k:
                break
        return passages

    def _rank(
        self,
        method: Fusion,
        corpus: Corpus,
        query: str,
        vector: np.ndarray[Any, Any],
        *,
        k: int,
        kind: str | None,
    ) -> list[str]:
        depth = max(CANDIDATES, k * 2)
        dense: list[tuple[str, float]] = []
        if method != "bm25":
            where = {"kind": kind} if kind else None
            pool = self.store.dense(vector.tolist(), k=min(DENSE_POOL, len(corpus)), where=where)
            rescored = [
                (chunk_id, float(corpus.bridged[corpus.position[chunk_id]] @ vector))
                for chunk_id, _ in pool
            ]
            dense = sorted(rescored, key=lambda item: -item[1])[:depth]
        lexical: list[tuple[str, float]] = []
        if method != "dense":
            lexical = [
                (corpus.ids[i], score)
                for i, score in lexical_search(corpus, query, k=depth * 2)
                if kind is None or corpus.metadatas[i].get("kind") == kind
            ][:depth]
        dense_ids = [chunk_id for chunk_id, _ in dense]
        lexical_ids = [chunk_id for chunk_id, _ in lexical]
        if method == "dense":
            return dense_ids
        if method == "bm25":
            return lexical_ids
        if method == "rrf":
            fused: dict[str, float] = {}
            for ranking in (dense_ids, lexical_ids):
                for rank, chunk_id in enumerate(ranking):
                    fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
            return sorted(fused, key=lambda chunk_id: -fused[chunk_id])
        if method == "dense_plus_bm25":
            # Dense first; the best lexical hits dense missed take the last places in the top k.
            extras = [c for c in lexical_ids if c not in dense_ids[:k]][:LEXICAL_EXTRAS]
            head = dense_ids[: max(k - len(extras), 0)]
            rest = [c for c in dense_ids if c not in head and c not in extras]
            return head + extras + rest
        top_lexical = lexical[0][1] if lexical else 1.0
        blended: dict[str, float] = {}
        similarities = corpus.bridged @ vector
        for chunk_id in set(dense_ids) | set(lexical_ids):
            blended[chunk_id] = DENSE_WEIGHT * float(similarities[corpus.position[chunk_id]])
        for chunk_id, score in lexical:
            blended[chunk_id] += (1 - DENSE_WEIGHT) * score / top_lexical
        return sorted(blended, key=lambda chunk_id: -blended[chunk_id])


def _expand_with_cards(
    corpus: Corpus, query: str, vector: np.ndarray[Any, Any]
) -> tuple[str, np.ndarray[Any, Any]]:
    """Widen a query with the concept cards it matches best.

    People ask in their own words ("residents keep moaning but never get involved"); the cards
    explain each idea in plain words and in the material's terms ("blame-and-complain culture"),
    so they bridge the two. Only cards that clear ``CARD_BRIDGE`` are used, so a question the
    material does not cover is not widened into one it does.
    """
    cards = corpus.card_rows
    if not len(cards):
        return query, vector
    similarities = corpus.vectors[cards] @ vector
    best = np.argsort(-similarities)[:BRIDGE_CARDS]
    chosen = [int(cards[i]) for i in best if similarities[i] >= CARD_BRIDGE]
    if not chosen:
        return query, vector
    words = [query]
    for row in chosen:
        metadata = corpus.metadatas[row]
        words.append(f"{metadata.get('title', '')}. {metadata.get('summary', '')}")
    widened = vector + BRIDGE_WEIGHT * corpus.vectors[chosen].mean(axis=0)
    return " ".join(words), widened / np.linalg.norm(widened)
