"""``coach lens train`` and ``coach evals lens``: the same examples give the same artefact, byte
for byte, and the evaluation refuses a model trained on other examples."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from bot.cli import main
from bot.cli.lens import DEFAULT_EXAMPLES
from bot.lens.artefact import MANIFEST, WEIGHTS, artefact_sha256
from bot.lens.examples import load_examples
from bot.lens.labels import LABELS


def test_training_is_reproducible_and_evaluated_on_the_held_out_quarter(tmp_path: Path) -> None:
    # A small set (8 per label) keeps this quick; the shipped model is trained on the full file.
    full = yaml.safe_load(DEFAULT_EXAMPLES.read_text(encoding="utf-8"))
    small = tmp_path / "examples.yaml"
    small.write_text(yaml.safe_dump({k: v[:8] for k, v in full.items()}), encoding="utf-8")
    examples = load_examples(small)
    runner = CliRunner()
    digests = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = runner.invoke(main, ["lens", "train", "--examples", str(small), "--out", str(out)])
        assert result.exit_code == 0, result.output
        digests.append(artefact_sha256(out))
        assert digests[-1] in result.output
        assert f"trained on {len(examples.training())} examples" in result.output
    assert digests[0] == digests[1]
    assert (tmp_path / "a" / WEIGHTS).read_bytes() == (tmp_path / "b" / WEIGHTS).read_bytes()
    manifest = json.loads((tmp_path / "a" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["training_data_sha256"] == examples.training_sha256()

    evaluated = runner.invoke(
        main,
        ["evals", "lens", "--examples", str(small), "--model", str(tmp_path / "a"), "--json"],
    )
    assert evaluated.exit_code == 0, evaluated.output
    figures = json.loads(evaluated.output)
    assert set(figures["labels"]) == set(LABELS) and figures["artefact"] == digests[0]
    assert sum(row["n"] for row in figures["labels"].values()) == len(examples.held_out())

    stale = runner.invoke(main, ["evals", "lens", "--model", str(tmp_path / "a")])
    assert stale.exit_code != 0 and "run `coach lens train` first" in stale.output


def test_changing_held_out_examples_leaves_the_training_hash_alone(tmp_path: Path) -> None:
    examples = load_examples(DEFAULT_EXAMPLES)
    held = {text for text, _ in examples.held_out()}
    trimmed = {
        label: [t for t in texts if t not in held] for label, texts in examples.by_label.items()
    }
    path = tmp_path / "trimmed.yaml"
    path.write_text(yaml.safe_dump(trimmed), encoding="utf-8")
    assert load_examples(path).training_sha256() == examples.training_sha256()
