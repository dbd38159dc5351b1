"""``coach safety train``: fit the crisis check's optional embedding layer on cases.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.cli import common
from bot.evals.safety import load_cases
from bot.evals.safety_embeddings import cases_sha256, labelled
from bot.knowledge.embeddings import OnnxEmbedder, default_model_files, model_files_in
from bot.safety.semantic import CLASSIFIER_PATH, ClassifierFile
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CASES = ROOT / "evals" / "safety" / "cases.yaml"


@click.group("safety")
def safety_group() -> None:
    """The crisis check's optional embedding layer."""


def embedder_for(settings: Settings, *, threads: int = 0) -> OnnxEmbedder:
    """The configured sentence model (by default on every core, for embedding in batches)."""
    directory = settings.embedding_model_dir
    files = model_files_in(directory) if directory else default_model_files()
    return OnnxEmbedder(files, threads=threads)


@safety_group.command("train")
@click.option(
    "--cases",
    type=click.Path(path_type=Path, exists=True),
    default=DEFAULT_CASES,
    show_default=True,
)
@click.option("--out", type=click.Path(path_type=Path), default=CLASSIFIER_PATH, show_default=True)
def train_command(cases: Path, out: Path) -> None:
    """Fit the classifier on the labelled cases and write its weights (a small JSON file)."""
    from bot.safety.training import classifier_file, train

    embedder = embedder_for(common.settings())
    _, data = labelled(load_cases(cases), embedder.embed)
    weights, threshold = train(data)
    artefact = classifier_file(
        weights,
        threshold,
        labelled=data,
        cases_sha256=cases_sha256(cases),
        model=embedder.files.fingerprint,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(artefact_text(artefact), encoding="utf-8")
    rows = ", ".join(f"{name} {count}" for name, count in artefact.training.rows.items())
    click.echo(f"trained on {len(data.vectors)} messages ({rows})")
    click.echo(f"threshold {artefact.threshold:.3f} (not-safe chance), written to {out}")


def artefact_text(artefact: ClassifierFile) -> str:
    """The classifier as JSON with one line per row of weights: small, and readable in a diff."""
    body = artefact.model_dump(mode="json")
    rows = body.pop("weights")
    head = json.dumps(body, indent=1)
    lines = ",\n".join("  " + json.dumps(row) for row in rows)
    return f'{head[:-2]},\n "weights": [\n{lines}\n ]\n}}\n'
