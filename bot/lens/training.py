"""``coach lens train``: fit the classifier on the training half of the examples, with numpy
weights as the result.

scikit-learn is used here only, to fit a multinomial logistic regression; what it learns is
copied into plain arrays (``LensWeights``), so the running coach needs numpy alone. The word
vocabulary and idf are computed here in numpy, with the very code the detector runs, so training
and reading cannot disagree about what a feature is.

The settings below were chosen by 5-fold cross-validation on the training half only (never on
the held-out quarter); see ``evals/lens/README.md``.
"""

from __future__ import annotations

import math
import platform
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version

import numpy as np

from bot.lens.artefact import Manifest, manifest_for
from bot.lens.cues import LABELS_WITH_CUES, cues_fingerprint
from bot.lens.detector import Embedder
from bot.lens.examples import HELD_OUT_SHARE, SPLIT_SALT, Examples
from bot.lens.labels import LABELS
from bot.lens.text import ngrams
from bot.lens.weights import LensWeights


@dataclass(frozen=True)
class TrainingSettings:
    regularisation_c: float = 16.0
    word_weight: float = 1.0
    cue_weight: float = 0.5
    min_document_frequency: int = 2
    # A second label is reported for a sentence at this probability or above.
    also_threshold: float = 0.35


def train(
    examples: Examples,
    *,
    embedder: Embedder,
    embedding_model: str,
    settings: TrainingSettings | None = None,
) -> tuple[LensWeights, Manifest]:
    """Weights and manifest from the training half of ``examples`` (the held-out quarter unread)."""
    from sklearn.linear_model import LogisticRegression

    chosen = settings or TrainingSettings()
    pairs = examples.training()
    texts = [text for text, _ in pairs]
    targets = np.array([LABELS.index(label) for _, label in pairs])
    vocabulary, idf = _vocabulary(texts, min_df=chosen.min_document_frequency)
    embeddings = embedder.embed(texts)
    blank = LensWeights(
        labels=LABELS,
        vocabulary=vocabulary,
        idf=idf,
        coef=np.zeros(
            (len(LABELS), embeddings.shape[1] + len(vocabulary) + len(LABELS_WITH_CUES)),
            np.float32,
        ),
        intercept=np.zeros(len(LABELS), np.float32),
        cue_labels=LABELS_WITH_CUES,
        dimension=int(embeddings.shape[1]),
        word_weight=chosen.word_weight,
        cue_weight=chosen.cue_weight,
    )
    features = blank.features(embeddings, texts).astype(np.float64)
    classifier = LogisticRegression(C=chosen.regularisation_c, max_iter=5000)
    classifier.fit(features, targets)
    if list(classifier.classes_) != list(range(len(LABELS))):
        raise ValueError("every label needs training examples")
    weights = LensWeights(
        labels=LABELS,
        vocabulary=vocabulary,
        idf=idf,
        coef=classifier.coef_.astype(np.float32),
        intercept=classifier.intercept_.astype(np.float32),
        cue_labels=LABELS_WITH_CUES,
        dimension=blank.dimension,
        word_weight=chosen.word_weight,
        cue_weight=chosen.cue_weight,
    )
    manifest = manifest_for(
        weights,
        labels=LABELS,
        cue_labels=LABELS_WITH_CUES,
        embedding_model=embedding_model,
        embedding_dimension=blank.dimension,
        cues_sha256=cues_fingerprint(),
        training_data_sha256=examples.training_sha256(),
        training_examples=len(pairs),
        split=f"held out: sha256({SPLIT_SALT!r} + text)[:8] / 2^32 < {HELD_OUT_SHARE}",
        word_weight=chosen.word_weight,
        cue_weight=chosen.cue_weight,
        regularisation_c=chosen.regularisation_c,
        also_threshold=chosen.also_threshold,
        trained_with={
            "python": platform.python_version(),
            "numpy": version("numpy"),
            "scikit-learn": version("scikit-learn"),
        },
    )
    return weights, manifest


def _vocabulary(texts: list[str], *, min_df: int) -> tuple[tuple[str, ...], np.ndarray]:
    """Words and word pairs in at least ``min_df`` texts, sorted, with smoothed idf."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(ngrams(text)))
    vocabulary = tuple(sorted(w for w, n in counts.items() if n >= min_df))
    total = len(texts)
    idf = np.array(
        [math.log((1 + total) / (1 + counts[w])) + 1.0 for w in vocabulary], dtype=np.float32
    )
    return vocabulary, idf
