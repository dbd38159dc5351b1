"""``coach knowledge ingest | stats | search`` and ``coach ask``."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click
from tqdm import tqdm

from bot.cli import common
from bot.knowledge.base import KnowledgeBase, open_knowledge
from bot.knowledge.ingest import discover, ingest
from bot.knowledge.store import KnowledgeUnavailable
from bot.services import knowledge_config


def _open(*, auto_ingest: bool) -> KnowledgeBase:
    config = knowledge_config(common.settings())
    try:
        return open_knowledge(replace(config, auto_ingest=config.auto_ingest and auto_ingest))
    except KnowledgeUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def knowledge() -> None:
    """The workshop material: ingest it, inspect it, search it."""


@knowledge.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Remove stored files that are no longer present.")
def ingest_command(paths: tuple[Path, ...], prune: bool) -> None:
    """Add or update Markdown, text, PDF, Word and HTML files (default: the concept cards)."""
    settings = common.settings()
    targets = list(paths) or [settings.resolved_knowledge_dir or Path("knowledge")]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise click.ClickException(f"no such file or folder: {', '.join(missing)}")
    base = _open(auto_ingest=False)
    files = discover(targets)
    with tqdm(total=len(files), unit="file", disable=not sys.stderr.isatty()) as bar:

        def advance(source: str) -> None:
            bar.set_postfix_str(source[-30:])
            bar.update(1)

        report = ingest(targets, store=base.store, prune=prune, progress=advance)
    for problem in report.failed:
        click.echo(f"skipped {problem}", err=True)
    click.echo(report.summary())


@knowledge.command()
def stats() -> None:
    """What the store holds: files, chunks, cards."""
    base = _open(auto_ingest=False)
    corpus = base.store.corpus()
    sources = {str(m.get("source")) for m in corpus.metadatas}
    cards = {str(m.get("source")) for m in corpus.metadatas if m.get("kind") == "card"}
    collapsed = sum(int(m.get("copies", 1)) - 1 for m in corpus.metadatas)
    click.echo(f"collection: {base.store.collection_name}")
    click.echo(
        f"files: {len(sources)} ({len(cards)} concept cards, {len(sources) - len(cards)} documents)"
    )
    click.echo(f"chunks: {len(corpus)} (standing for {collapsed} collapsed near-duplicates)")


@knowledge.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--json", "as_json", is_flag=True, help="Print [{text, title, source, score}, ...].")
def search(query: str, k: int, as_json: bool) -> None:
    """Search the material; the JSON form is a stable contract."""
    base = _open(auto_ingest=True)
    try:
        passages = base.search(query, k=k)
    except KnowledgeUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps([p.to_json() for p in passages], ensure_ascii=False, indent=2))
        return
    if not passages:
        click.echo("Nothing in the material is relevant enough to that.")
    for number, passage in enumerate(passages, 1):
        click.echo(f"{number}. [{passage.score:.2f}] {passage.title} ({passage.source})")
        click.echo("   " + " ".join(passage.text.split())[:300])


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def ask(question: str, as_json: bool) -> None:
    """Answer a question from the workshop material, with citations."""
    base = _open(auto_ingest=True)
    try:
        result = base.ask(question)
    except KnowledgeUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    if not result.found:
        click.echo("Nothing in the workshop material answers that.")
        return
    for line in result.lines:
        click.echo(f"- {line.text}\n  ({line.citation.describe()})")
