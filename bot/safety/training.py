"""Training the embedding layer's classifier, and measuring it without testing on its training.

The model is a multinomial logistic regression with an L2 penalty, fitted by accelerated
gradient descent in numpy (a convex problem: every run reaches the same weights). Rows are
split into folds by a hash of their text, so the split is the same on every machine and needs
no random seed. The threshold is chosen out of fold: each row is scored by a model that never
saw it, and the threshold is the one that keeps false alarms on ordinary messages at the
target. ``cross_validate`` repeats all of that inside each outer fold, so the figures it
reports come from rows that neither the weights nor the threshold were fitted to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from bot.safety.semantic import CLASSES, FORMAT, ClassifierFile, Training, softmax

FOLDS = 5
L2 = 1 / 3  # chosen by 5-fold cross-validation on cases.yaml (C = 3 in the usual notation)
TARGET_FALSE_ALARMS = 0.01  # on ordinary messages: the patterns' own false alarms come on top
ITERATIONS = 300
SAFE_CATEGORIES = ("figurative", "ordinary")

Matrix = NDArray[np.float64]


def class_of(category: str) -> int:
    """The class index of an eval category: both safe categories are "safe"."""
    return 0 if category in SAFE_CATEGORIES else CLASSES.index(category)


def fold_of(text: str, *, folds: int = FOLDS) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % folds


def fit(vectors: NDArray[np.floating], classes: NDArray[np.int_], *, l2: float = L2) -> Matrix:
    """Weights, (dimension + 1) x classes with the bias last, minimising cross-entropy plus
    ``l2`` times half the squared weights (the bias is not penalised)."""
    rows, dimension = vectors.shape
    design = np.hstack([np.asarray(vectors, dtype=np.float64), np.ones((rows, 1))])
    targets = np.eye(len(CLASSES))[classes]
    penalty = np.full((dimension + 1, 1), l2)
    penalty[-1] = 0.0
    # A step of one over the gradient's Lipschitz constant, from the largest eigenvalue of the
    # design's Gram matrix (power iteration from a fixed start: no randomness).
    probe = np.ones(dimension + 1) / np.sqrt(dimension + 1)
    for _ in range(50):
        probe = design.T @ (design @ probe)
        probe /= np.linalg.norm(probe)
    step = 1.0 / (0.5 * float(probe @ (design.T @ (design @ probe))) + l2)
    weights = np.zeros((dimension + 1, len(CLASSES)))
    ahead, momentum = weights.copy(), 1.0
    for _ in range(ITERATIONS):
        gradient = design.T @ (softmax(design @ ahead) - targets) + penalty * ahead
        following = ahead - step * gradient
        next_momentum = (1 + np.sqrt(1 + 4 * momentum * momentum)) / 2
        ahead = following + ((momentum - 1) / next_momentum) * (following - weights)
        weights, momentum = following, next_momentum
    return weights


def not_safe(weights: Matrix, vectors: NDArray[np.floating]) -> NDArray[np.float64]:
    """Each vector's chance of being in a risk class."""
    design = np.hstack([np.asarray(vectors, dtype=np.float64), np.ones((len(vectors), 1))])
    result: NDArray[np.float64] = 1.0 - softmax(design @ weights)[:, 0]
    return result


def out_of_fold(
    vectors: NDArray[np.floating], classes: NDArray[np.int_], folds: NDArray[np.int_]
) -> NDArray[np.float64]:
    """Each row's chance of risk from a model fitted without its fold."""
    scores = np.zeros(len(vectors))
    for fold in np.unique(folds):
        held = folds == fold
        scores[held] = not_safe(fit(vectors[~held], classes[~held]), vectors[held])
    return scores


def threshold_for(scores: NDArray[np.float64], ordinary: NDArray[np.bool_]) -> float:
    """The lowest threshold that keeps the share of ordinary rows flagged at the target."""
    ranked = np.sort(scores[ordinary])[::-1]
    allowed = int(np.floor(TARGET_FALSE_ALARMS * len(ranked)))
    if allowed >= len(ranked):
        return 0.5
    # Flag when score >= threshold: just above the first ordinary score past the allowance.
    return float(min(0.999, max(0.5, np.nextafter(ranked[allowed], 1.0))))


@dataclass(frozen=True)
class Labelled:
    """The eval set as arrays: one vector, eval category and fold per message."""

    vectors: NDArray[np.float32]
    categories: NDArray[np.str_]
    folds: NDArray[np.int_]

    @property
    def classes(self) -> NDArray[np.int_]:
        return np.array([class_of(str(category)) for category in self.categories])

    def subset(self, keep: NDArray[np.bool_]) -> Labelled:
        return Labelled(self.vectors[keep], self.categories[keep], self.folds[keep])


def train(labelled: Labelled) -> tuple[Matrix, float]:
    """Weights fitted on every row, and a threshold chosen out of fold (``labelled.folds``)."""
    scores = out_of_fold(labelled.vectors, labelled.classes, labelled.folds)
    threshold = threshold_for(scores, labelled.categories == "ordinary")
    return fit(labelled.vectors, labelled.classes), threshold


def cross_validate(labelled: Labelled) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    """Whether each row is flagged, and its score, by a model (and threshold) that never saw it.

    Inside each outer fold the training rows are split again (by position, every fifth row),
    so the threshold too is chosen without the outer fold's rows.
    """
    flagged = np.zeros(len(labelled.vectors), dtype=bool)
    scores = np.zeros(len(labelled.vectors))
    for fold in range(FOLDS):
        held = labelled.folds == fold
        training = labelled.subset(~held)
        inner = Labelled(
            training.vectors, training.categories, np.arange(len(training.vectors)) % FOLDS
        )
        weights, threshold = train(inner)
        scores[held] = not_safe(weights, labelled.vectors[held])
        flagged[held] = scores[held] >= threshold
    return flagged, scores


def classifier_file(
    weights: Matrix, threshold: float, *, labelled: Labelled, cases_sha256: str, model: str
) -> ClassifierFile:
    """The artefact: weights rounded to seven significant figures, with their provenance."""
    counts = {name: 0 for name in CLASSES}
    for number in labelled.classes:
        counts[CLASSES[int(number)]] += 1
    return ClassifierFile(
        format=FORMAT,
        embedding_model=model,
        classes=CLASSES,
        threshold=round(threshold, 6),
        weights=tuple(tuple(float(f"{value:.7g}") for value in row) for row in weights),
        training=Training(
            trained_on=date.today(),
            cases_sha256=cases_sha256,
            rows=counts,
            l2=L2,
            target_false_alarms=TARGET_FALSE_ALARMS,
        ),
    )
