"""The optional embedding layer of the crisis check: a second opinion after the patterns.

A multinomial logistic regression over the coach's own sentence vectors (``OnnxEmbedder``)
sorts a message into "safe" or one of the four risk categories. It is asked only when the
patterns and the weak cues found nothing, so it can add a card and can never take one away.
It is off unless ``COACH_CRISIS_EMBEDDINGS`` is set, because embedding a message costs
milliseconds where the patterns cost a fraction of one.

The trained weights are a small, versioned JSON file (``model/crisis_classifier.json``, made by
``coach safety train``) that names the embedding model it was trained with: vectors from another
model mean nothing to it, so loading refuses a mismatch. ``hit_for_vector`` takes a vector, so
a message embedded once (for retrieval, say) need not be embedded again for this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.content_file import load_model
from bot.safety.categories import Category, Hit

CLASSIFIER_PATH = Path(__file__).resolve().parent / "model" / "crisis_classifier.json"
FORMAT = 1
SAFE = "safe"
CLASSES = (SAFE, *(category.value for category in Category))

Vector = NDArray[np.float32]
Embed = Callable[[list[str]], NDArray[np.float32]]


class ClassifierFileError(Exception):
    """The classifier file is missing, invalid, or made for another embedding model."""


class Training(BaseModel):
    """Where the weights came from, so a reviewer can tell one artefact from another."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    trained_on: date
    cases_sha256: str = Field(min_length=64, max_length=64)
    rows: dict[str, int]
    l2: float = Field(gt=0)  # the weight of the penalty on large weights (1 / C)
    target_false_alarms: float = Field(gt=0, lt=1)  # on ordinary messages, out of fold


class ClassifierFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int
    embedding_model: str = Field(min_length=4)  # ``ModelFiles.fingerprint`` of the embedder
    classes: tuple[str, ...]
    threshold: float = Field(gt=0, lt=1)  # flag when the chance of "safe" falls below 1 - this
    weights: tuple[tuple[float, ...], ...]  # one row per vector dimension, then the bias row
    training: Training

    @model_validator(mode="after")
    def _consistent(self) -> ClassifierFile:
        if self.format != FORMAT:
            raise ValueError(
                f"format {self.format} is not {FORMAT}: retrain with coach safety train"
            )
        if self.classes != CLASSES:
            raise ValueError(f"classes must be {list(CLASSES)}")
        if len(self.weights) < 2 or any(len(row) != len(CLASSES) for row in self.weights):
            raise ValueError("weights must have one column per class")
        return self


@dataclass(frozen=True)
class CrisisClassifier:
    """Scores sentence vectors; the weights of a ``ClassifierFile`` as arrays."""

    embedding_model: str
    weights: NDArray[np.float64]  # (dimension + 1) x classes, the last row the bias
    threshold: float

    @classmethod
    def of(cls, data: ClassifierFile) -> CrisisClassifier:
        return cls(data.embedding_model, np.array(data.weights, dtype=np.float64), data.threshold)

    @property
    def dimension(self) -> int:
        return int(self.weights.shape[0]) - 1

    def probabilities(self, vectors: NDArray[np.floating]) -> NDArray[np.float64]:
        """One row per vector: the chance of each class, in ``CLASSES`` order."""
        logits = vectors @ self.weights[:-1] + self.weights[-1]
        return softmax(logits)

    def hit_for_vector(self, vector: NDArray[np.floating]) -> Hit | None:
        """A hit when the vector's chance of being safe is below the trained threshold."""
        chances = self.probabilities(vector.reshape(1, -1))[0]
        risk = 1.0 - float(chances[0])
        if risk < self.threshold:
            return None
        category = Category(CLASSES[1 + int(np.argmax(chances[1:]))])
        return Hit(category, f"embedding similarity ({risk:.0%} not safe)", "embeddings")


def softmax(logits: NDArray[np.floating]) -> NDArray[np.float64]:
    shifted = np.asarray(logits, dtype=np.float64)
    shifted = shifted - shifted.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return result


def load_classifier(path: Path = CLASSIFIER_PATH, *, embedding_model: str) -> CrisisClassifier:
    """The classifier in ``path``; refuses one trained on vectors of another model."""
    data = load_model(path, ClassifierFile, error=ClassifierFileError, label=str(path))
    if data.embedding_model != embedding_model:
        raise ClassifierFileError(
            f"{path}: trained on embedding model {data.embedding_model}, but the configured "
            f"model is {embedding_model}; run coach safety train"
        )
    return CrisisClassifier.of(data)


# Shorter messages are left to the patterns. A reply of a word or two carries too little for a
# sentence vector: "Tomorrow", "tonight" and "forever", typed as a due date or an answer, scored
# as risk. In cases.yaml and the blind set the layer alone caught no message under seven words.
MIN_WORDS = 5


@dataclass(frozen=True)
class SemanticCheck:
    """The layer as the crisis check's second opinion: embed the text, then score it."""

    embed: Embed
    classifier: CrisisClassifier

    def __call__(self, text: str) -> Hit | None:
        """A hit for ``text`` from its sentence vector, or None."""
        if len(text.split()) < MIN_WORDS:
            return None
        return self.classifier.hit_for_vector(self.embed([text])[0])
