"""The first few transformer layers of a sentence model, cut from its ONNX graph in memory.

all-MiniLM-L6-v2 has six layers and costs ~0.3 ms per token on one core here;
the reasoning lens reads every free-text answer and must stay within ~10 ms, so it runs the
embeddings plus the first ``layers`` layers only (mean-pooled over the tokens like the whole
model). Cross-validated on the lens's examples, one layer of six scores as well as the whole
model at a sixth of the cost (see ``evals/lens/README.md``).

The cut is made from the bundled model file each time the lens loads (well under a second), so
nothing derived from the model is stored or downloaded.
"""

from __future__ import annotations

from pathlib import Path


class LayerCutError(RuntimeError):
    """The model's graph does not have the shape this cut expects."""


def first_layers(model: Path, layers: int) -> bytes:
    """A serialised ONNX model: ``model``'s inputs through the end of transformer layer
    ``layers``, whose output (per-token hidden states) is the graph's only output."""
    import onnx
    from onnx.utils import Extractor

    proto = onnx.load(str(model))
    # In an exported BERT each layer ends in two LayerNormalization nodes (after attention and
    # after the feed-forward block), after the one that closes the embeddings: layer k ends at
    # norm 2k, counting the embeddings' norm as 0.
    norms = [node for node in proto.graph.node if node.op_type == "LayerNormalization"]
    total = (len(norms) - 1) // 2
    if len(norms) != 2 * total + 1 or total == 0:
        raise LayerCutError(f"{model.name} does not look like a BERT encoder graph")
    if not 1 <= layers <= total:
        raise LayerCutError(f"{model.name} has {total} layers; cannot keep {layers}")
    inputs = [tensor.name for tensor in proto.graph.input]
    cut = Extractor(proto).extract_model(inputs, [norms[2 * layers].output[0]])
    return cut.SerializeToString()  # type: ignore[no-any-return]
