"""The real detector on the shipped model: labels with confidence and the words behind them,
answers read sentence by sentence, and an artefact refused when it does not match."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.lens.artefact import BUNDLED, MANIFEST, WEIGHTS, LensModelError, artefact_sha256
from bot.lens.detector import LensDetector, load_detector
from bot.lens.text import MAX_SENTENCES, sentences


@pytest.fixture(scope="module")
def detector(lens_embedder) -> LensDetector:
    return load_detector(lens_embedder, embedding_model=lens_embedder.model_id)


@pytest.mark.parametrize(
    ("text", "label", "words"),
    [
        ("The council never once answers our emails, not ever.", "absolutes", "never"),
        ("She thinks I'm not up to the job, I can tell.", "mind_reading", "she thinks"),
        ("I'll ring the caretaker tomorrow and ask what he's seeing.", "ownership", "i'll"),
        ("There's nothing I can do, it's out of my hands.", "resignation", "out of my hands"),
    ],
)
def test_a_sentence_gets_its_label_a_confidence_and_the_cue_words(
    detector, text, label, words
) -> None:
    top = detector.read(text).top()
    assert top is not None and top.label == label
    assert 0.5 <= top.confidence <= 1.0
    assert words in top.words


def test_plain_description_finds_nothing(detector) -> None:
    assert (
        detector.read("The residents' meeting is in the library on Wednesday at six.").top() is None
    )


def test_an_answer_is_read_sentence_by_sentence(detector) -> None:
    reading = detector.read(
        "The repairs are late because the contractor is useless. "
        "I'll ask the housing officer on Friday what's actually holding it up."
    )
    by_sentence = {f.sentence: f.label for f in reading.findings if f.confidence >= 0.5}
    assert by_sentence == {0: "blame_out_there", 1: "ownership"}
    assert list(reading.labels()) == sorted(
        reading.labels(), key=lambda label: -reading.labels()[label]
    )


def test_long_answers_are_cut_to_a_bounded_number_of_sentences() -> None:
    text = " ".join(f"This is sentence number {n} of many." for n in range(30))
    assert len(sentences(text)) == MAX_SENTENCES
    assert sentences("  ") == [] and sentences("ok") == ["ok"]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(BUNDLED, target)
    return target


def test_the_shipped_artefact_loads_and_is_versioned(lens_embedder) -> None:
    manifest = json.loads((BUNDLED / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == 1 and manifest["training_examples"] > 0
    assert len(artefact_sha256(BUNDLED)) == 64
    assert (BUNDLED / WEIGHTS).stat().st_size < 1_000_000  # small enough to ship and load fast


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda d: (d / WEIGHTS).write_bytes((d / WEIGHTS).read_bytes()[:-40] + b"x" * 40),
            "corrupt",
        ),
        (lambda d: (d / WEIGHTS).unlink(), "missing or unreadable"),
        (
            lambda d: (d / MANIFEST).write_text("{not json", encoding="utf-8"),
            "missing or unreadable",
        ),
        (lambda d: _edit(d, labels=["absolutes", "none"]), "trained for labels"),
        (lambda d: _edit(d, cues_sha256="0" * 64), "other cue phrases"),
        (lambda d: _edit(d, format=2), "missing or unreadable"),
    ],
)
def test_a_damaged_or_mismatched_artefact_is_refused_with_a_clear_message(
    lens_embedder, tmp_path, damage, message
) -> None:
    directory = _copy(tmp_path)
    damage(directory)
    with pytest.raises(LensModelError, match=message):
        load_detector(lens_embedder, embedding_model=lens_embedder.model_id, directory=directory)


def test_an_artefact_for_another_embedding_model_is_refused(lens_embedder, tmp_path) -> None:
    with pytest.raises(LensModelError, match="embedding model"):
        load_detector(lens_embedder, embedding_model="0123456789", directory=_copy(tmp_path))


def _edit(directory: Path, **changes: object) -> None:
    path = directory / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
