"""``coach lens train | check`` and ``coach evals lens``: the reasoning lens's model and figures."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.lens.artefact import BUNDLED, LensModelError, artefact_sha256, save
from bot.lens.examples import Examples, ExamplesError, load_examples

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXAMPLES = ROOT / "evals" / "lens" / "examples.yaml"
NO_SINGLE_WORD = "no single word: the sentence as a whole"


def _examples(path: Path) -> Examples:
    try:
        return load_examples(path)
    except ExamplesError as exc:
        raise click.ClickException(str(exc)) from exc


def _detector(model_dir: Path):  # type: ignore[no-untyped-def]
    from bot.lens.detector import bundled_detector

    try:
        return bundled_detector(threads=0, directory=model_dir)
    except LensModelError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def lens() -> None:
    """The reasoning lens: train its classifier, or try it on a sentence."""


@lens.command("train")
@click.option(
    "--examples", type=click.Path(path_type=Path), default=DEFAULT_EXAMPLES, show_default=True
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=BUNDLED,
    help="Where to write the model (default: the one shipped in the package).",
)
def train_command(examples: Path, out: Path) -> None:
    """Fit the classifier on the training three quarters of the examples and write the model."""
    from bot.lens.detector import lens_embedder
    from bot.lens.training import train

    loaded = _examples(examples)
    try:
        embedder = lens_embedder(threads=0)
    except LensModelError as exc:
        raise click.ClickException(str(exc)) from exc
    weights, manifest = train(loaded, embedder=embedder, embedding_model=embedder.model_id)
    digest = save(out, weights=weights, manifest=manifest)
    click.echo(
        f"trained on {manifest.training_examples} examples "
        f"({len(loaded.held_out())} held out, unread); {len(weights.vocabulary)} word features"
    )
    click.echo(f"wrote {out} (artefact sha256 {digest})")


@lens.command("check")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True)
def check_command(text: str, as_json: bool) -> None:
    """Show what the lens finds in TEXT: labels, confidence and the words behind each."""
    reading = _detector(BUNDLED).read(text)
    if as_json:
        found = [
            {
                "label": f.label,
                "confidence": f.confidence,
                "words": list(f.words),
                "sentence": f.sentence,
            }
            for f in reading.findings
        ]
        click.echo(json.dumps(found, indent=2))
        return
    if not reading.findings:
        click.echo("nothing found: this reads as plain description")
    for finding in reading.findings:
        words = ", ".join(f"“{w}”" for w in finding.words) or NO_SINGLE_WORD
        click.echo(
            f"sentence {finding.sentence + 1}: {finding.label} ({finding.confidence:.2f}): {words}"
        )


@click.command("lens")
@click.option(
    "--examples", type=click.Path(path_type=Path), default=DEFAULT_EXAMPLES, show_default=True
)
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=BUNDLED)
@click.option("--json", "as_json", is_flag=True)
@click.option("--misses", is_flag=True, help="List the held-out sentences read wrongly.")
def evals_lens(examples: Path, model_dir: Path, as_json: bool, misses: bool) -> None:
    """Print precision, recall and F1 per label on the held-out quarter, against the gates."""
    from bot.evals.lens import evaluate, format_report

    loaded = _examples(examples)
    detector = _detector(model_dir)
    if detector.manifest.training_data_sha256 != loaded.training_sha256():
        raise click.ClickException(
            "the model was trained on other examples than these: run `coach lens train` first"
        )
    report = evaluate(detector, loaded)
    if as_json:
        click.echo(
            json.dumps({**report.to_json(), "artefact": artefact_sha256(model_dir)}, indent=2)
        )
        return
    click.echo(format_report(report, misses=misses))
