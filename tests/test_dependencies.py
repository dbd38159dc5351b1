"""The dependency tree stays free of PyTorch (it would pull in gigabytes and is never needed)."""

from __future__ import annotations

from importlib.metadata import distributions

FORBIDDEN = {"torch", "torchvision", "torchaudio", "sentence-transformers", "tensorflow", "jax"}


def test_no_pytorch_or_other_deep_learning_framework_is_installed() -> None:
    installed = {(d.metadata["Name"] or "").lower() for d in distributions()}
    assert not installed & FORBIDDEN
