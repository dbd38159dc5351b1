"""Reading one YAML content file into its strict pydantic model, with one clear error."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M], *, error: type[Exception], label: str) -> M:
    """``model`` from the file at ``path``; ``error(f"{label}: ...")`` if it is missing,
    unreadable or invalid, so the coach refuses to start naming the file and the problem."""
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise error(f"{label}: {exc}") from exc
