"""Knowledge benchmark (prints figures, asserts nothing).

1. Ingest of a corpus (default: the workshop seeds) into an empty store, in a child process so
   its peak RSS is the ingest's own: wall time and peak resident memory.
2. Search latency (embed + Chroma + BM25 + fusion) over the retrieval questions: p50/p95.
3. ``/ask`` end to end through the conversation service (a committed turn): p50/p95.

    python benchmarks/knowledge.py [--corpus PATH] [--cards PATH] [--rounds 5] [--questions N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import percentile  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
QUESTIONS = ROOT / "evals" / "retrieval" / "questions.yaml"

CHILD = """
import json, resource, sys, time
from pathlib import Path
from bot.knowledge.embeddings import OnnxEmbedder, default_model_files
from bot.knowledge.ingest import ingest
from bot.knowledge.store import KnowledgeStore, open_client
started = time.perf_counter()
embedder = OnnxEmbedder(default_model_files())
store = KnowledgeStore(client=open_client(directory=Path(sys.argv[1]), url=None), embedder=embedder)
report = ingest([Path(p) for p in sys.argv[2:]], store=store)
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "chunks": report.chunks,
    "collapsed": report.duplicates_collapsed,
    "files": len(report.added),
}))
"""


def ingest_in_child(store: Path, paths: list[Path]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(store), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=SEEDS if SEEDS.is_dir() else ROOT / "knowledge"
    )
    parser.add_argument("--cards", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--questions", type=int, default=None, help="Use only the first N.")
    args = parser.parse_args(argv)

    import yaml

    from bot.engine.events import Command
    from bot.services import build_services
    from bot.settings import Settings

    questions = [q["question"] for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]
    questions = questions[: args.questions]
    with tempfile.TemporaryDirectory() as directory:
        data = Path(directory)
        figures = ingest_in_child(data / "corpus-only", [args.corpus])
        files, chunks, collapsed = figures["files"], figures["chunks"], figures["collapsed"]
        echo(
            f"ingest {args.corpus.name}: {files:.0f} files, {chunks:.0f} chunks "
            f"({collapsed:.0f} near-duplicates collapsed) in {figures['seconds']:.1f} s, "
            f"peak RSS {figures['peak_mb']:.0f} MB"
        )
        # The coach's own store: the cards plus the corpus, as a trainer would have it.
        ingest_in_child(data / "knowledge", [args.cards, args.corpus])
        settings = Settings(
            data_dir=data,
            database_url=f"sqlite:///{data / 'coach.db'}",
            prompts_dir=ROOT / "prompts",
            knowledge_enabled=True,
            knowledge_auto_ingest=False,
        )
        services = build_services(settings)
        try:
            base = services.knowledge.get()
            assert base is not None, "knowledge base did not open"
            base.search("warm up", k=5)
            search_ms: list[float] = []
            for _ in range(args.rounds):
                for question in questions:
                    started = time.perf_counter()
                    base.search(question, k=5)
                    search_ms.append((time.perf_counter() - started) * 1000)
            ask_ms: list[float] = []
            for number, question in enumerate(questions):
                event = Command(name="ask", argument=question, at=datetime.now(UTC))
                started = time.perf_counter()
                services.conversation.handle(
                    transport="bench", external_id=f"p{number % 7}", event=event
                )
                ask_ms.append((time.perf_counter() - started) * 1000)
        finally:
            services.close()
    echo(
        f"search ({len(search_ms)} queries): p50 {percentile(search_ms, 0.5):.1f} ms  "
        f"p95 {percentile(search_ms, 0.95):.1f} ms  mean {statistics.fmean(search_ms):.1f} ms"
    )
    echo(
        f"/ask end to end ({len(ask_ms)} turns): p50 {percentile(ask_ms, 0.5):.1f} ms  "
        f"p95 {percentile(ask_ms, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()
