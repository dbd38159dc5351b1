"""The reasoning lens's evaluation: precision, recall and F1 per label on the held-out quarter.

Each held-out example is read as an answer is read in a reflection (split into sentences), and
its strongest finding is compared with its label ("none" when nothing fires). The classifier
never trained on these examples (see ``bot.lens.examples``). Gates: macro-F1 at least 0.80 and
no label below 0.65.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.lens.detector import LensDetector
from bot.lens.examples import Examples
from bot.lens.labels import LABELS

MACRO_F1_GATE = 0.80
LABEL_F1_GATE = 0.65


@dataclass(frozen=True)
class LabelScore:
    label: str
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class LensReport:
    scores: tuple[LabelScore, ...]
    misses: tuple[tuple[str, str, str], ...]  # text, expected, predicted
    training_examples: int

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.scores) / len(self.scores)

    @property
    def accuracy(self) -> float:
        total = sum(s.support for s in self.scores)
        return sum(s.correct for s in self.scores) / total if total else 0.0

    def passes(self) -> bool:
        return self.macro_f1 >= MACRO_F1_GATE and all(s.f1 >= LABEL_F1_GATE for s in self.scores)

    def to_json(self) -> dict[str, object]:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "passes": self.passes(),
            "training_examples": self.training_examples,
            "labels": {
                s.label: {
                    "n": s.support,
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                }
                for s in self.scores
            },
        }


def evaluate(detector: LensDetector, examples: Examples) -> LensReport:
    held_out = examples.held_out()
    predicted = detector.top_labels([text for text, _ in held_out])
    scores = []
    for label in LABELS:
        support = sum(gold == label for _, gold in held_out)
        guessed = sum(p == label for p in predicted)
        correct = sum(p == gold == label for (_, gold), p in zip(held_out, predicted, strict=True))
        scores.append(LabelScore(label, support, guessed, correct))
    misses = tuple(
        (text, gold, p) for (text, gold), p in zip(held_out, predicted, strict=True) if p != gold
    )
    return LensReport(tuple(scores), misses, training_examples=len(examples.training()))


def format_report(report: LensReport, *, misses: bool = False) -> str:
    lines = [f"{'label':<20} {'n':>4} {'precision':>10} {'recall':>8} {'F1':>6}  verdict"]
    for s in report.scores:
        verdict = "pass" if s.f1 >= LABEL_F1_GATE else "FAIL"
        lines.append(
            f"{s.label:<20} {s.support:>4} {s.precision:>10.3f} {s.recall:>8.3f} {s.f1:>6.3f}  "
            f"{verdict}"
        )
    lines.append(
        f"macro-F1 {report.macro_f1:.3f} (gate {MACRO_F1_GATE}; every label >= {LABEL_F1_GATE}), "
        f"accuracy {report.accuracy:.3f}, held out {sum(s.support for s in report.scores)}, "
        f"trained on {report.training_examples}: {'pass' if report.passes() else 'FAIL'}"
    )
    if misses:
        lines += [f"  {gold} -> {got}: {text}" for text, gold, got in report.misses]
    return "\n".join(lines)
