"""The vector store: chromadb through langchain's vector-store interface, plus a lexical index.

A local persistent Chroma store lives in the data directory; with ``COACH_CHROMA_URL`` set, a
Chroma server is used instead. The collection's name carries the embedding model's fingerprint,
so vectors from two models never mix, and it uses cosine distance (langchain's default, l2,
gives scores outside 0..1). Chunk ids are deterministic (source, content hash, position), so
adding the same file twice stores nothing new.

Lexical (BM25) search and fusion need every chunk's text and vector in memory; ``corpus()`` loads
them once and is invalidated whenever the store changes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import bm25s
import chromadb
import numpy as np
import Stemmer
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from numpy.typing import NDArray

from bot.knowledge.chunking import Chunk
from bot.knowledge.embeddings import OnnxEmbedder

COLLECTION_PREFIX = "coach-knowledge"
# A passage leans towards its nearest card only when that card is clearly about the same thing;
# measured, 0.2 to 0.45 and bridging from any card or only from cards citing the passage's file
# all scored the same, so the stricter choice is kept for documents no card was written for.
PASSAGE_BRIDGE = 0.45
PASSAGE_BRIDGE_WEIGHT = 0.5


class KnowledgeUnavailable(RuntimeError):
    """The store cannot be opened or read; the coach carries on without the material."""


@dataclass
class Corpus:
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    vectors: NDArray[np.float32]
    lexical: bm25s.BM25 | None

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def bridged(self) -> NDArray[np.float32]:
        """The vectors used for ranking: each document passage leaned towards its nearest card.

        A card explains an idea in plain words and in the material's terms, so a passage's
        vector moved part of the way towards the card that matches it best is closer to the
        ways people actually ask about it. Measured on our questions (evals/retrieval/README.md):
        paraphrased questions over the seeds 0.45 -> 0.60 hit@5, direct ones unchanged. Cards
        themselves, and passages no card is close to, keep their own vectors; Chroma keeps the
        passages' own vectors too, so nothing stored depends on which cards exist today.
        """
        cards = self.card_rows
        documents = np.array(
            [i for i, m in enumerate(self.metadatas) if m.get("kind") != "card"], dtype=np.int64
        )
        result = self.vectors.copy()
        if not len(cards) or not len(documents):
            return result
        similarities = self.vectors[documents] @ self.vectors[cards].T
        nearest = similarities.argmax(axis=1)
        close = similarities[np.arange(len(documents)), nearest] >= PASSAGE_BRIDGE
        rows = documents[close]
        moved = self.vectors[rows] + PASSAGE_BRIDGE_WEIGHT * self.vectors[cards[nearest[close]]]
        result[rows] = moved / np.linalg.norm(moved, axis=1, keepdims=True)
        return result

    @cached_property
    def position(self) -> dict[str, int]:
        return {chunk_id: index for index, chunk_id in enumerate(self.ids)}

    @cached_property
    def card_rows(self) -> NDArray[np.int64]:
        return np.array(
            [i for i, m in enumerate(self.metadatas) if m.get("kind") == "card"], dtype=np.int64
        )


def open_client(*, directory: Path, url: str | None) -> Any:
    """A Chroma client: a server when ``url`` is given, else a local persistent store."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if url:
            parsed = urlparse(url)
            return chromadb.HttpClient(
                host=parsed.hostname or "localhost",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=settings,
            )
        directory.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(directory), settings=settings)
    except Exception as exc:  # chromadb raises many kinds; all mean the store is unusable
        raise KnowledgeUnavailable(f"cannot open the knowledge store: {exc}") from exc


class KnowledgeStore:
    def __init__(self, *, client: Any, embedder: OnnxEmbedder) -> None:
        self.embedder = embedder
        self.collection_name = f"{COLLECTION_PREFIX}-{embedder.files.fingerprint}"
        try:
            self.vectors = Chroma(
                client=client,
                collection_name=self.collection_name,
                embedding_function=embedder,
                collection_configuration={"hnsw": {"space": "cosine"}},
            )
            # The same collection, for searches by vector that need no embedding function.
            self._collection = client.get_collection(self.collection_name, embedding_function=None)
        except Exception as exc:
            raise KnowledgeUnavailable(f"cannot open the knowledge collection: {exc}") from exc
        self._corpus: Corpus | None = None
        self._lock = threading.Lock()

    def sources(self) -> dict[str, str]:
        """Each stored source file and the content hash it was stored under."""
        found: dict[str, str] = {}
        for metadata in self._get(include=["metadatas"])["metadatas"] or []:
            if metadata:
                found[str(metadata["source"])] = str(metadata["file_hash"])
        return found

    def replace(self, source: str, chunks: Sequence[Chunk]) -> None:
        """Store ``chunks`` as the whole content of ``source``, dropping what it had before."""
        self.delete_source(source)
        if chunks:
            try:
                self.vectors.add_texts(
                    texts=[chunk.text for chunk in chunks],
                    metadatas=[dict(chunk.metadata) for chunk in chunks],
                    ids=[chunk.id for chunk in chunks],
                )
            except Exception as exc:
                raise KnowledgeUnavailable(f"cannot write to the knowledge store: {exc}") from exc
        self._corpus = None

    def delete_source(self, source: str) -> None:
        ids = self._get(where={"source": source}, include=[])["ids"]
        if ids:
            self.vectors.delete(ids=list(ids))
        self._corpus = None

    def count(self) -> int:
        return len(self._get(include=[])["ids"])

    def corpus(self) -> Corpus:
        """Every chunk's text, metadata and vector, with a BM25 index over the texts."""
        with self._lock:
            if self._corpus is None:
                data = self._get(include=["documents", "metadatas", "embeddings"])
                texts = [str(t) for t in data["documents"] or []]
                embeddings = data["embeddings"]
                vectors = (
                    np.asarray(embeddings, dtype=np.float32)
                    if embeddings is not None and len(embeddings)
                    else np.zeros((0, self.embedder.dimension), dtype=np.float32)
                )
                self._corpus = Corpus(
                    ids=list(data["ids"]),
                    texts=texts,
                    metadatas=[dict(m or {}) for m in data["metadatas"] or []],
                    vectors=vectors,
                    lexical=_bm25(texts),
                )
            return self._corpus

    def dense(
        self, vector: list[float], *, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` nearest chunks to ``vector`` as (id, cosine similarity).

        Asks Chroma for ids and distances only: langchain's search also fetches every
        candidate's text and metadata, which the corpus already holds in memory (measured at
        80 candidates: 9.2 ms through langchain, 1.6 ms for ids and distances).
        """
        try:
            found = self._collection.query(
                query_embeddings=[vector], n_results=k, where=where, include=["distances"]
            )
        except Exception as exc:
            raise KnowledgeUnavailable(f"cannot search the knowledge store: {exc}") from exc
        ids = found["ids"][0] if found["ids"] else []
        distances = found["distances"][0] if found["distances"] else []
        return [(str(i), 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def _get(self, **kwargs: Any) -> Any:
        try:
            return self.vectors.get(**kwargs)
        except Exception as exc:
            raise KnowledgeUnavailable(f"cannot read the knowledge store: {exc}") from exc


_STEMMER = Stemmer.Stemmer("english")


def _tokens(texts: list[str]) -> list[list[str]]:
    tokenized = bm25s.tokenize(
        texts, stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False
    )
    return [list(tokens) for tokens in tokenized]


def _bm25(texts: list[str]) -> bm25s.BM25 | None:
    if not texts:
        return None
    index = bm25s.BM25()
    index.index(_tokens(texts), show_progress=False)
    return index


def lexical_search(corpus: Corpus, query: str, *, k: int) -> list[tuple[int, float]]:
    """BM25 hits as (position in corpus, score), best first; words it has never seen are ignored."""
    if corpus.lexical is None or not query.strip():
        return []
    tokens = [t for t in _tokens([query])[0] if t in corpus.lexical.vocab_dict]
    if not tokens:
        return []
    k = min(k, len(corpus))
    documents, scores = corpus.lexical.retrieve([tokens], k=k, show_progress=False)
    return [(int(d), float(s)) for d, s in zip(documents[0], scores[0], strict=True) if s > 0]
