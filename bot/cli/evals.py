"""``coach evals retrieval``, ``safety`` and ``pii``: our evaluation sets and their figures."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import cast

import click

from bot.cli import common
from bot.evals import retrieval as evals
from bot.knowledge.embeddings import OnnxEmbedder, default_model_files, model_files_in
from bot.knowledge.retrieval import FUSIONS, Fusion, Retriever

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = ROOT / "evals" / "retrieval" / "questions.yaml"
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_SAFETY_CASES = ROOT / "evals" / "safety" / "cases.yaml"
DEFAULT_PII_MESSAGES = ROOT / "evals" / "pii" / "messages.yaml"


@click.group("evals")
def evals_group() -> None:
    """Evaluation sets and their figures."""


@evals_group.command("retrieval")
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    help="Documents to search (default: ../shared/seeds).",
)
@click.option(
    "--cards", type=click.Path(path_type=Path), help="Concept cards (default: knowledge/)."
)
@click.option(
    "--questions", type=click.Path(path_type=Path), default=DEFAULT_QUESTIONS, show_default=True
)
@click.option(
    "--fusion", type=click.Choice([*FUSIONS, "all"]), default=None, help="Default: the setting."
)
@click.option("--threshold", type=float, default=None, help="Default: the setting.")
@click.option("--json", "as_json", is_flag=True)
def retrieval(
    corpus: Path | None,
    cards: Path | None,
    questions: Path,
    fusion: str | None,
    threshold: float | None,
    as_json: bool,
) -> None:
    """Print hit@1, hit@5 and MRR per question kind, over the documents and over the cards."""
    settings = common.settings()
    corpus = corpus or (DEFAULT_SEEDS if DEFAULT_SEEDS.is_dir() else None)
    cards = cards or settings.resolved_knowledge_dir
    if corpus is None or not corpus.exists():
        raise click.ClickException("no corpus: pass --corpus PATH (the seeds are not here)")
    chosen = cast(Fusion, fusion or settings.retrieval_fusion)
    methods: list[Fusion] = list(FUSIONS) if fusion == "all" else [chosen]
    limit = settings.relevance_threshold if threshold is None else threshold
    asked = evals.load_questions(questions)
    files = (
        model_files_in(settings.embedding_model_dir)
        if settings.embedding_model_dir
        else default_model_files()
    )
    embedder = OnnxEmbedder(files)
    results: list[evals.Evaluation] = []
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="coach-evals-") as directory:
        # The documents are searched the way the coach searches them: beside the concept cards,
        # which widen paraphrased questions; only document passages count as hits.
        bundled = [cards] if cards is not None and cards.exists() else []
        for name, paths in (("seeds", [corpus, *bundled]), ("cards", bundled)):
            if not paths:
                continue
            store, seconds = evals.build_store(
                paths, embedder=embedder, directory=Path(directory) / name
            )
            timings[name] = seconds
            retriever = Retriever(store, fusion=methods[0], threshold=limit)
            for method in methods:
                results.append(
                    evals.evaluate(
                        asked,
                        retriever=retriever,
                        corpus=name,
                        fusion=method,
                        threshold=limit,
                        cards=name == "cards",
                    )
                )
    if as_json:
        click.echo(
            json.dumps(
                {"ingest_seconds": timings, "results": [r.to_json() for r in results]}, indent=2
            )
        )
        return
    click.echo(evals.format_table(results))
    for name, seconds in timings.items():
        click.echo(f"ingested {name} in {seconds:.1f} s")


@evals_group.command("safety")
@click.option(
    "--cases", type=click.Path(path_type=Path), default=DEFAULT_SAFETY_CASES, show_default=True
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--misses", is_flag=True, help="List the messages each category got wrong.")
@click.option(
    "--embeddings",
    is_flag=True,
    help="Also the embedding layer: cross-validated figures and per-message latency.",
)
@click.option("--sample", type=int, default=300, show_default=True, help="Messages timed.")
def safety(cases: Path, as_json: bool, misses: bool, embeddings: bool, sample: int) -> None:
    """Print recall per risk category and false alarms on safe messages, against the gates."""
    from bot.evals import safety as safety_evals

    if embeddings:
        _safety_with_embeddings(safety_evals.load_cases(cases), sample)
        return

    rows = safety_evals.evaluate(safety_evals.load_cases(cases))
    if as_json:
        click.echo(
            json.dumps(
                {
                    row.category: {
                        "n": row.total,
                        "flagged": row.flagged,
                        "rate": round(row.rate, 4),
                        "right_card": row.right_card,
                        "passes": row.passes(),
                        "misses": row.misses,
                    }
                    for row in rows
                },
                indent=2,
            )
        )
        return
    click.echo(safety_evals.format_rows(rows))
    if misses:
        for row in rows:
            for text in row.misses:
                click.echo(f"  {row.category}: {text}")


@evals_group.command("pii")
@click.option(
    "--messages",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=DEFAULT_PII_MESSAGES,
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--misses", is_flag=True, help="List missed spans and over-redacted words.")
def pii(messages: Path, as_json: bool, misses: bool) -> None:
    """Print the redactor's recall per kind of personal data and its over-redaction."""
    from bot.evals import pii as pii_evals

    try:
        report = pii_evals.evaluate(pii_evals.load_messages(messages))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(pii_evals.format_report(report, misses=misses))


def _safety_with_embeddings(cases: dict[str, list[str]], size: int) -> None:
    """The layer's cross-validated figures beside the patterns', then what each costs."""
    from bot.cli.safety import embedder_for
    from bot.evals import safety_embeddings as layer
    from bot.safety.semantic import CrisisClassifier, SemanticCheck
    from bot.safety.training import train

    embedder = embedder_for(common.settings())
    click.echo(layer.format_layer_rows(layer.layer_rows(cases, embedder.embed)))
    texts, data = layer.labelled(cases, embedder.embed)
    weights, threshold = train(data)
    classifier = CrisisClassifier(embedder.files.fingerprint, weights, threshold)
    # Timed as the bot runs it: one message at a time, on one thread.
    single = embedder_for(common.settings(), threads=1)
    second = SemanticCheck(single.embed, classifier)
    timed = layer.sample(texts, size)
    click.echo(layer.latency(timed, label="patterns").line())
    click.echo(layer.latency(timed, label="patterns + embeddings", second=second).line())
