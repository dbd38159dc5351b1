"""The trained classifier as plain numpy: features, probabilities, and the words behind a label.

A sentence's features are its embedding, its word and word-pair weights (tf-idf over the training
vocabulary, sublinear counts, unit length) and, per label, how many cue phrases it holds. One
linear layer and a softmax turn them into a probability per label: multinomial logistic
regression, trained with scikit-learn (``bot.lens.training``) but needing only numpy to run.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bot.lens.cues import cue_counts, find_cues
from bot.lens.text import ngrams

Matrix = NDArray[np.float32]
# An n-gram must move a label's score by at least this much to be named as a trigger.
MIN_CONTRIBUTION = 0.3
MAX_WORDS = 3
# Words that carry no pattern of their own: never named as triggers, alone or as a pair.
FUNCTION_WORDS = frozenset(
    "i me my we us our you your he him his she her they them their it its this that these those "
    "the an and or but so to of in on at for with by from as if not no is are was were be been "
    "am do did does have has had can could will would should may might just there here what".split()
)


@dataclass(frozen=True)
class LensWeights:
    labels: tuple[str, ...]
    vocabulary: tuple[str, ...]
    idf: Matrix  # (words,)
    coef: Matrix  # (labels, dimension + words + labels with cues)
    intercept: Matrix  # (labels,)
    cue_labels: tuple[str, ...]
    dimension: int
    word_weight: float
    cue_weight: float

    def __post_init__(self) -> None:
        index = {word: i for i, word in enumerate(self.vocabulary)}
        object.__setattr__(self, "_index", index)
        width = self.dimension + len(self.vocabulary) + len(self.cue_labels)
        if self.coef.shape != (len(self.labels), width):
            raise ValueError(f"weights are {self.coef.shape}, expected {(len(self.labels), width)}")
        if self.intercept.shape != (len(self.labels),) or self.idf.shape != (len(self.vocabulary),):
            raise ValueError("intercept or idf has the wrong length")
        # Relative to the mean over labels: a softmax is unchanged by a shift shared by all
        # labels, so this is how much a word favours one label over the rest.
        words = self.coef[:, self.dimension : self.dimension + len(self.vocabulary)]
        object.__setattr__(self, "_lift", words - words.mean(axis=0, keepdims=True))

    def word_vector(self, text: str) -> Matrix:
        """Sublinear tf-idf over the vocabulary, scaled to unit length."""
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        vector = np.zeros(len(self.vocabulary), dtype=np.float32)
        for gram, count in Counter(ngrams(text)).items():
            position = index.get(gram)
            if position is not None:
                vector[position] = (1.0 + math.log(count)) * self.idf[position]
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def features(self, embeddings: Matrix, texts: list[str]) -> Matrix:
        """One row per text: embedding, weighted word vector, weighted cue counts."""
        words = np.stack([self.word_vector(t) for t in texts]) if texts else np.zeros((0, 0))
        cues = np.log1p(np.array([cue_counts(t, self.cue_labels) for t in texts], np.float32))
        rows: Matrix = np.hstack(
            [embeddings, self.word_weight * words, self.cue_weight * cues.reshape(len(texts), -1)]
        ).astype(np.float32)
        return rows

    def probabilities(self, features: Matrix) -> Matrix:
        logits = features @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: Matrix = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probs

    def triggers(self, label: str, text: str, features: Matrix) -> tuple[str, ...]:
        """The cue phrases for ``label`` in ``text``; failing those, the n-grams that pushed it
        up most; empty when no single word did (the embedding, the meaning, carried it)."""
        cues = find_cues(text).get(label)
        if cues:
            return cues[:MAX_WORDS]
        row = self.labels.index(label)
        start = self.dimension
        weighted = features[start : start + len(self.vocabulary)]
        lift: Matrix = self._lift[row]  # type: ignore[attr-defined]
        contribution = weighted * lift
        named: list[str] = []
        for i in np.argsort(-contribution):
            if contribution[i] < MIN_CONTRIBUTION or len(named) == MAX_WORDS:
                break
            if not set(self.vocabulary[i].split()) <= FUNCTION_WORDS:
                named.append(self.vocabulary[i])
        return tuple(named)
