"""The crisis check's optional embedding layer: it can only add cards, its weights are a small
versioned file tied to one sentence model, and it finds wording the patterns do not know."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from bot.cli.safety import artefact_text
from bot.engine.events import Text
from bot.knowledge.embeddings import OnnxEmbedder, default_model_files
from bot.prefetch import Prefetched
from bot.safety.crisis import Category, Hit, check, check_with_history
from bot.safety.semantic import (
    CLASSES,
    ClassifierFileError,
    CrisisClassifier,
    SemanticCheck,
    load_classifier,
)
from bot.safety.training import Labelled, classifier_file, cross_validate, fit, not_safe, train
from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.group_commit import GroupCommitter

# Wording written for these tests, in none of cases.yaml, that the patterns do not catch.
UNSEEN_RISK = [
    ("I have been holding the bottle of pills all evening", Category.EXPLICIT),
    ("the person I live with gets physical when he's had a drink", Category.HARM_FROM_OTHERS),
    ("I have been marking my skin again when nobody is home", Category.SELF_HARM),
]
UNSEEN_SAFE = [
    "The minutes from Tuesday are attached",
    "we need more chairs for the hall on Saturday",
    "I asked the chair to let residents speak first",
]


def _always(category: Category) -> Hit:
    return Hit(category, "a fake second opinion", "embeddings")


@pytest.mark.parametrize(
    "text", ["I want to end it all", "honestly kms", "my partner hits me when he's been drinking"]
)
def test_a_pattern_hit_is_never_replaced_by_the_layer(text: str) -> None:
    def second(_: str) -> Hit:
        raise AssertionError("the layer is asked only when the patterns found nothing")

    assert check(text, second=second) == check(text)
    hit, _ = check_with_history(text, [], second=second)
    assert hit is not None and hit.source == "patterns"


def test_the_layer_can_add_a_hit_and_saying_nothing_changes_nothing() -> None:
    quiet = "the caretaker fixed the lift at last"
    assert check(quiet) is None
    added = check(quiet, second=lambda _: _always(Category.INDIRECT))
    assert added is not None and added.source == "embeddings"
    hit, trail = check_with_history(quiet, [1, 1], second=lambda _: None)
    assert hit is None and trail == [1, 1, 0]


def _clusters(rows_per_class: int = 40) -> Labelled:
    """Five well-separated groups of unit vectors: one per class (safe as "ordinary")."""
    generator = np.random.default_rng(7)
    centres = np.eye(len(CLASSES), 16) * 3.0
    vectors, categories = [], []
    for number, name in enumerate(CLASSES):
        points = centres[number] + generator.normal(0, 0.6, size=(rows_per_class, 16))
        vectors.append(points / np.linalg.norm(points, axis=1, keepdims=True))
        categories += ["ordinary" if name == "safe" else name] * rows_per_class
    return Labelled(
        vectors=np.vstack(vectors).astype(np.float32),
        categories=np.array(categories),
        folds=np.arange(len(categories)) % 5,
    )


def test_training_separates_the_classes_and_cross_validation_scores_unseen_rows() -> None:
    data = _clusters()
    weights, threshold = train(data)
    scores = not_safe(weights, data.vectors)
    risky = data.categories != "ordinary"
    assert 0.5 <= threshold < 1
    assert (scores[risky] >= threshold).mean() > 0.95
    assert (scores[~risky] >= threshold).mean() <= 0.05
    flagged, _ = cross_validate(data)
    assert flagged[risky].mean() > 0.9 and flagged[~risky].mean() <= 0.1


def test_the_classifier_file_is_versioned_and_refuses_another_model(tmp_path: Path) -> None:
    data = _clusters(10)
    weights = fit(data.vectors, data.classes)
    artefact = classifier_file(weights, 0.7, labelled=data, cases_sha256="0" * 64, model="model-a")
    path = tmp_path / "classifier.json"
    path.write_text(artefact_text(artefact), encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1
    loaded = load_classifier(path, embedding_model="model-a")
    assert np.allclose(loaded.weights, weights, rtol=1e-5, atol=1e-6)
    with pytest.raises(ClassifierFileError, match="model-b"):
        load_classifier(path, embedding_model="model-b")
    broken = json.loads(path.read_text(encoding="utf-8")) | {"classes": ["safe", "explicit"]}
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ClassifierFileError, match="classes"):
        load_classifier(path, embedding_model="model-a")


def test_a_vector_is_enough_so_an_embedding_can_be_reused() -> None:
    data = _clusters(10)
    classifier = CrisisClassifier("model-a", fit(data.vectors, data.classes), 0.6)
    hit = classifier.hit_for_vector(data.vectors[-1])  # the last group is harm from others
    assert hit is not None and hit.category == Category.HARM_FROM_OTHERS
    assert classifier.hit_for_vector(data.vectors[0]) is None


@pytest.fixture(scope="module")
def shipped() -> SemanticCheck:
    """The shipped classifier with the bundled sentence model, loaded once for the module."""
    files = default_model_files()
    embedder = OnnxEmbedder(files, threads=1)
    return SemanticCheck(embedder.embed, load_classifier(embedding_model=files.fingerprint))


@pytest.mark.parametrize(("text", "category"), UNSEEN_RISK)
def test_the_shipped_layer_finds_wording_the_patterns_miss(
    shipped: SemanticCheck, text: str, category: Category
) -> None:
    assert check(text) is None
    hit = shipped(text)
    assert hit is not None and hit.category == category and hit.source == "embeddings"


@pytest.mark.parametrize("text", UNSEEN_SAFE)
def test_the_shipped_layer_stays_quiet_on_ordinary_wording(
    shipped: SemanticCheck, text: str
) -> None:
    assert shipped(text) is None


def test_the_layer_is_on_by_default_and_the_setting_turns_it_off(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert services.engine.crisis_second_opinion is None  # the tests' environment turns it off
    monkeypatch.delenv("COACH_CRISIS_EMBEDDINGS")
    defaults = Settings(**services.settings.model_dump(include={"data_dir", "database_url"}))
    assert defaults.crisis_embeddings
    switched = build_services(defaults, migrate=False)
    try:
        engine = switched.engine
        second = engine.crisis_second_opinion
        assert isinstance(second, Prefetched) and isinstance(second.compute, SemanticCheck)
        text, category = UNSEEN_RISK[1]
        hit = engine.crisis_hit(text)
        assert hit is not None and hit.category == category
    finally:
        switched.close()


async def test_under_load_the_layer_embeds_a_message_before_its_turn(
    services: Services, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    switched = build_services(
        services.settings.model_copy(update={"crisis_embeddings": True}), migrate=False
    )
    second = switched.engine.crisis_second_opinion
    assert isinstance(second, Prefetched)
    committer = GroupCommitter(switched.database)
    text, _ = UNSEEN_RISK[1]
    try:
        replies = await switched.conversation.handle_update_grouped(
            committer, transport="test", external_id="layer-1", event=Text(text, clock())
        )
    finally:
        committer.stop()
        switched.close()
    # The turn found the embedding made on a worker thread, and the card was shown.
    assert second.hits == 1
    assert replies is not None and any("116 123" in reply.text for reply in replies)


def test_train_writes_a_classifier_the_coach_can_load(tmp_path: Path) -> None:
    cases = {
        "explicit": ["I want to end my life", "I'm going to take all my pills tonight"] * 3,
        "self_harm": ["I cut my arms again last night", "I burn myself to cope"] * 3,
        "indirect": ["everyone would be better off without me", "I won't be around"] * 3,
        "harm_from_others": ["my partner hits me", "he threatened to kill me"] * 3,
        "figurative": ["the council is killing this estate", "I could murder a brew"] * 3,
        "ordinary": ["the lift is fixed", "we met the housing officer", "I chaired well"] * 4,
    }
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(cases), encoding="utf-8")
    out = tmp_path / "classifier.json"
    result = CliRunner().invoke(main, ["safety", "train", "--cases", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "trained on 42 messages" in result.output
    loaded = load_classifier(out, embedding_model=default_model_files().fingerprint)
    assert loaded.dimension == 384


@pytest.mark.parametrize("text", ["Tomorrow", "tonight", "Tomorrow morning", "forever", "Done"])
def test_a_reply_of_a_few_words_is_left_to_the_patterns(shipped: SemanticCheck, text: str) -> None:
    # Typed as a due date or an answer, these once scored as risk on their sentence vector.
    assert check(text) is None and shipped(text) is None
