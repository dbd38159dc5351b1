"""The labelled examples (``evals/lens/examples.yaml``) and the fixed held-out split.

Whether an example is held out is a property of its own text: the first eight hex digits of
sha256("lens-holdout-v1:" + the normalised text), read as a fraction, below 0.25. So the split
needs no file of its own, never changes when examples are added (a sentence cannot drift from
the held-out half into training), and gives each label close to a quarter of its examples.
Training reads only the other three quarters; ``coach evals lens`` reads only this quarter.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import RootModel, StringConstraints, field_validator

from bot.content_file import load_model
from bot.lens.labels import LABELS

SPLIT_SALT = "lens-holdout-v1:"
HELD_OUT_SHARE = 0.25
MIN_WORDS, MAX_WORDS = 4, 60

Example = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600)]


class ExamplesError(ValueError):
    """The examples file is missing or invalid."""


class ExamplesFile(RootModel[dict[str, list[Example]]]):
    """Label -> examples; every label present, no example twice (ignoring case)."""

    @field_validator("root")
    @classmethod
    def _check(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(value) - set(LABELS)
        missing = set(LABELS) - set(value)
        if unknown or missing:
            raise ValueError(f"labels must be {list(LABELS)}; unknown {unknown}, missing {missing}")
        seen: dict[str, str] = {}
        for label, texts in value.items():
            for text in texts:
                words = len(text.split())
                if not MIN_WORDS <= words <= MAX_WORDS:
                    raise ValueError(f"{label}: {words} words (keep to {MIN_WORDS}-{MAX_WORDS})")
                key = normalise(text)
                if key in seen:
                    raise ValueError(f"{label}: duplicate of an example under {seen[key]}")
                seen[key] = label
        return value


@dataclass(frozen=True)
class Examples:
    by_label: dict[str, list[str]]

    def pairs(self) -> list[tuple[str, str]]:
        """(text, label) in the canonical label order, then file order."""
        return [(text, label) for label in LABELS for text in self.by_label[label]]

    def training(self) -> list[tuple[str, str]]:
        return [(t, label) for t, label in self.pairs() if not is_held_out(t)]

    def held_out(self) -> list[tuple[str, str]]:
        return [(t, label) for t, label in self.pairs() if is_held_out(t)]

    def training_sha256(self) -> str:
        """Identifies the training half exactly: the artefact records it."""
        canonical = json.dumps(self.training(), ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def load_examples(path: Path) -> Examples:
    loaded = load_model(path, ExamplesFile, error=ExamplesError, label=str(path))
    return Examples(by_label=loaded.root)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).strip().casefold())


def is_held_out(text: str) -> bool:
    digest = hashlib.sha256((SPLIT_SALT + normalise(text)).encode()).hexdigest()
    return int(digest[:8], 16) / 2**32 < HELD_OUT_SHARE
