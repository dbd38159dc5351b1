"""The lens against its gates on the held-out quarter the classifier never trained on."""

from __future__ import annotations

import pytest

from bot.cli.lens import DEFAULT_EXAMPLES
from bot.evals.lens import LABEL_F1_GATE, MACRO_F1_GATE, LensReport, evaluate, format_report
from bot.lens.detector import load_detector
from bot.lens.examples import is_held_out, load_examples
from bot.lens.labels import LABELS


@pytest.fixture(scope="module")
def report(lens_embedder) -> LensReport:
    detector = load_detector(lens_embedder, embedding_model=lens_embedder.model_id)
    examples = load_examples(DEFAULT_EXAMPLES)
    # The shipped model must be the one trained on these examples, or the figures mean nothing.
    assert detector.manifest.training_data_sha256 == examples.training_sha256(), (
        "examples changed since training: run `coach lens train`"
    )
    return evaluate(detector, examples)


def test_the_split_is_fixed_and_training_never_sees_the_held_out_quarter() -> None:
    examples = load_examples(DEFAULT_EXAMPLES)
    training = {text for text, _ in examples.training()}
    held_out = {text for text, _ in examples.held_out()}
    assert not training & held_out and all(is_held_out(t) for t in held_out)
    assert len(training) + len(held_out) == len(examples.pairs())
    for label in LABELS:
        n = sum(1 for _, gold in examples.held_out() if gold == label)
        assert n >= 15, f"{label}: only {n} held-out examples"


def test_macro_f1_and_every_label_meet_the_gates(report: LensReport) -> None:
    scores = {s.label: round(s.f1, 3) for s in report.scores}
    assert report.macro_f1 >= MACRO_F1_GATE, format_report(report)
    assert all(f1 >= LABEL_F1_GATE for f1 in scores.values()), format_report(report)
    assert [s.label for s in report.scores] == list(LABELS)
    assert "pass" in format_report(report).splitlines()[-1]
