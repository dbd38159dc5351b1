"""Cutting the sentence model to its first layers (what the reasoning lens reads with)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from bot.knowledge.embeddings import ModelFileError, OnnxEmbedder, default_model_files
from bot.knowledge.model_layers import LayerCutError, first_layers


def test_the_first_layer_gives_unit_vectors_that_still_tell_meanings_apart(lens_embedder) -> None:
    vectors = lens_embedder.embed(
        [
            "The repairs team never rings back.",
            "Nobody from repairs ever returns my calls.",
            "The community garden opens on Saturday morning.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similar, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert similar > unrelated + 0.1


def test_the_cut_is_not_the_whole_model_and_says_so(embedder, lens_embedder) -> None:
    text = ["I'll ask the caretaker what he has seen."]
    assert float(embedder.embed(text)[0] @ lens_embedder.embed(text)[0]) < 0.99
    assert lens_embedder.model_id == f"{default_model_files().fingerprint}-L1"
    assert embedder.model_id == default_model_files().fingerprint


def test_one_text_at_a_time_gives_the_same_vectors_as_a_padded_batch() -> None:
    texts = ["Short one.", "A much longer sentence about the partnership board and its agenda."]
    files = default_model_files()
    one = OnnxEmbedder(files, threads=1, layers=1, batch_size=1).embed(texts)
    batched = OnnxEmbedder(files, threads=1, layers=1, batch_size=8).embed(texts)
    assert np.allclose(one, batched, atol=1e-4)


@pytest.mark.parametrize("layers", [0, 7])
def test_a_cut_outside_the_model_is_refused(layers: int) -> None:
    with pytest.raises(LayerCutError, match="has 6 layers"):
        first_layers(default_model_files().model, layers)
    with pytest.raises(ModelFileError, match="has 6 layers"):
        OnnxEmbedder(default_model_files(), layers=layers)


def test_a_graph_that_is_not_a_bert_encoder_is_refused(tmp_path: Path) -> None:
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"])],
        "not-bert",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
    )
    path = tmp_path / "model.onnx"
    onnx.save(helper.make_model(graph), str(path))
    with pytest.raises(LayerCutError, match="does not look like a BERT encoder"):
        first_layers(path, 1)
