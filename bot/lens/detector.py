"""The reasoning lens: which patterns an answer shows, how sure, and the words behind each.

Each sentence gets a probability per label. Its top label is a finding unless it is "none", and
any other label at ``also_threshold`` or above is a finding too (a sentence can be both an
absolute and mind reading). Every sentence of an answer is embedded in one batch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from bot.lens.artefact import BUNDLED, LensModelError, Manifest, load
from bot.lens.labels import NONE
from bot.lens.reading import Finding, LensReading
from bot.lens.text import sentences
from bot.lens.weights import LensWeights, Matrix


class Embedder(Protocol):
    def embed(self, texts: list[str]) -> NDArray[np.float32]: ...


class LensDetector:
    def __init__(self, *, weights: LensWeights, manifest: Manifest, embedder: Embedder) -> None:
        self.weights = weights
        self.manifest = manifest
        self.embedder = embedder

    def read(self, text: str) -> LensReading:
        """The findings in an answer, strongest first."""
        parts = sentences(text)
        if not parts:
            return LensReading()
        return LensReading(tuple(sorted(self._findings(parts), key=lambda f: -f.confidence)))

    def top_labels(self, texts: list[str]) -> list[str]:
        """Each text's single strongest label ("none" when nothing fires): what the eval scores.

        Every sentence of every text is embedded in one call, which batches them."""
        split = [sentences(text) for text in texts]
        flat = [part for parts in split for part in parts]
        embeddings = self.embedder.embed(flat)
        result, start = [], 0
        for parts in split:
            found = self._findings(parts, embeddings[start : start + len(parts)])
            start += len(parts)
            top = max(found, key=lambda f: f.confidence, default=None)
            result.append(top.label if top else NONE)
        return result

    def _findings(self, parts: list[str], embeddings: Matrix | None = None) -> list[Finding]:
        weights = self.weights
        if embeddings is None:
            embeddings = self.embedder.embed(parts)
        features = weights.features(embeddings, parts)
        probabilities = weights.probabilities(features)
        findings = []
        for number, (part, row) in enumerate(zip(parts, probabilities, strict=True)):
            top = int(np.argmax(row))
            for index, label in enumerate(weights.labels):
                if label == NONE:
                    continue
                confidence = float(row[index])
                if index == top or confidence >= self.manifest.also_threshold:
                    words = weights.triggers(label, part, features[number])
                    findings.append(Finding(label, round(confidence, 3), words, number))
        return findings


def load_detector(
    embedder: Embedder, *, embedding_model: str, directory: Path = BUNDLED
) -> LensDetector:
    """The detector from the artefact in ``directory`` (by default the one shipped in the
    package); raises ``LensModelError`` naming the problem if it does not match."""
    weights, manifest = load(directory, embedding_model=embedding_model)
    if weights.dimension != _dimension(embedder):
        raise LensModelError(f"the lens expects {weights.dimension}-dimensional embeddings")
    return LensDetector(weights=weights, manifest=manifest, embedder=embedder)


def _dimension(embedder: Embedder) -> int:
    size = getattr(embedder, "dimension", None)
    return size if isinstance(size, int) else int(embedder.embed(["a"]).shape[1])


# The lens reads with the first of the sentence model's six layers: cross-validated macro-F1
# 0.833 against the whole model's 0.840 (no real difference), at a sixth of the cost
# (evals/lens/README.md has the figures for each depth).
LENS_LAYERS = 1


def lens_embedder(*, threads: int = 1):  # type: ignore[no-untyped-def]
    """The encoder the lens is trained and read with: the bundled model, cut to ``LENS_LAYERS``.
    Raises ``LensModelError`` naming the problem when the model cannot be loaded."""
    from bot.knowledge.embeddings import ModelFileError, OnnxEmbedder, default_model_files

    try:
        return OnnxEmbedder(
            default_model_files(), threads=threads, layers=LENS_LAYERS, batch_size=1
        )
    except ModelFileError as exc:
        raise LensModelError(f"the reasoning lens cannot load its embedding model: {exc}") from exc


def bundled_detector(*, threads: int = 1, directory: Path = BUNDLED) -> LensDetector:
    """The shipped lens on the bundled embedding model (the one the knowledge base uses, cut to
    ``LENS_LAYERS``: the weights are trained on exactly these vectors). One thread: under load,
    turns run in parallel and a single-threaded embedding is the cheaper one per answer."""
    embedder = lens_embedder(threads=threads)
    return load_detector(embedder, embedding_model=embedder.model_id, directory=directory)
