"""The trained lens on disk: ``manifest.json`` beside ``weights.npz``, checked before use.

The manifest says what the weights are for: the format version, the label order, the embedding
model they were trained on, a hash of the cue patterns, a hash of the training examples, how
they were trained, and the sha256 of the weights file. Loading refuses, naming the problem, a
file that is missing, altered, of another format, or trained for other labels, cues or
embeddings, so the bot never starts with a lens that would read sentences wrongly.

Files are written byte for byte reproducibly (sorted JSON, zip entries with a fixed date), so
training twice on the same examples gives the same ``artefact_sha256``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.lens.cues import cues_fingerprint
from bot.lens.labels import LABELS
from bot.lens.weights import LensWeights

FORMAT = 1
MANIFEST = "manifest.json"
WEIGHTS = "weights.npz"
BUNDLED = Path(__file__).resolve().parent / "model"
_ARRAYS = ("coef", "intercept", "idf", "vocabulary")


class LensModelError(RuntimeError):
    """The lens artefact is missing, corrupt or does not match this code or model."""


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    labels: tuple[str, ...]
    cue_labels: tuple[str, ...]
    embedding_model: str
    embedding_dimension: int
    cues_sha256: str
    training_data_sha256: str
    training_examples: int
    split: str
    word_weight: float
    cue_weight: float
    regularisation_c: float
    also_threshold: float
    trained_with: dict[str, str]
    weights_sha256: str


def save(directory: Path, *, weights: LensWeights, manifest: Manifest) -> str:
    """Write the artefact; returns its sha256 (of the manifest, which pins the weights)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / WEIGHTS).write_bytes(_npz(weights))
    (directory / MANIFEST).write_text(_manifest_json(manifest), encoding="utf-8")
    return artefact_sha256(directory)


def manifest_for(weights: LensWeights, **fields: object) -> Manifest:
    """The manifest for ``weights``, with the weights' own hash filled in."""
    digest = hashlib.sha256(_npz(weights)).hexdigest()
    return Manifest.model_validate({**fields, "weights_sha256": digest, "format": FORMAT})


def artefact_sha256(directory: Path) -> str:
    return hashlib.sha256((directory / MANIFEST).read_bytes()).hexdigest()


def load(directory: Path, *, embedding_model: str) -> tuple[LensWeights, Manifest]:
    """The weights in ``directory``, checked against this code and the embedding model in use."""
    where = f"reasoning-lens model in {directory}"
    retrain = "run `coach lens train` to rebuild it"
    try:
        manifest = Manifest.model_validate_json((directory / MANIFEST).read_text("utf-8"))
        data = (directory / WEIGHTS).read_bytes()
    except (OSError, ValidationError) as exc:
        raise LensModelError(f"{where} is missing or unreadable ({exc}); {retrain}") from exc
    if hashlib.sha256(data).hexdigest() != manifest.weights_sha256:
        raise LensModelError(f"{where}: {WEIGHTS} does not match its manifest (corrupt or edited)")
    if manifest.labels != LABELS:
        raise LensModelError(f"{where} was trained for labels {manifest.labels}; {retrain}")
    if manifest.cues_sha256 != cues_fingerprint():
        raise LensModelError(f"{where} was trained with other cue phrases; {retrain}")
    if manifest.embedding_model != embedding_model:
        raise LensModelError(
            f"{where} was trained on embedding model {manifest.embedding_model}, "
            f"not {embedding_model} (the lens reads with the bundled all-MiniLM-L6-v2, "
            "cut to its first layer)"
        )
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            loaded = {name: arrays[name] for name in _ARRAYS}
        weights = LensWeights(
            labels=manifest.labels,
            vocabulary=tuple(str(w) for w in loaded["vocabulary"]),
            idf=loaded["idf"].astype(np.float32),
            coef=loaded["coef"].astype(np.float32),
            intercept=loaded["intercept"].astype(np.float32),
            cue_labels=manifest.cue_labels,
            dimension=manifest.embedding_dimension,
            word_weight=manifest.word_weight,
            cue_weight=manifest.cue_weight,
        )
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise LensModelError(f"{where}: {WEIGHTS} is not a valid weights file ({exc})") from exc
    return weights, manifest


def _npz(weights: LensWeights) -> bytes:
    arrays = {
        "coef": weights.coef.astype(np.float32),
        "intercept": weights.intercept.astype(np.float32),
        "idf": weights.idf.astype(np.float32),
        "vocabulary": np.array(weights.vocabulary, dtype=np.str_),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in _ARRAYS:
            member = io.BytesIO()
            np.lib.format.write_array(member, arrays[name], allow_pickle=False)
            # A fixed date: np.savez stamps the current time, which would change the hash.
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def _manifest_json(manifest: Manifest) -> str:
    return json.dumps(manifest.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"
