"""The crisis check's CPU cost per message on evals/safety/cases.yaml (not a test: it prints).

Every case is checked as the engine checks it (normalising, the patterns, the weak-cue trail),
in several rounds; the figures are per message, from the fastest round (the one least disturbed
by other work on the machine), with messages per second on one core. ``--embeddings`` also
times the optional embedding layer on a sample, one message at a time on one thread, as the bot
would run it.

    python benchmarks/crisis_check.py [--rounds 5] [--embeddings] [--sample 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.evals.safety import load_cases
from bot.safety.crisis import SecondOpinion, check_with_history
from bot.safety.patterns import default_patterns

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import percentile  # noqa: E402

CASES = ROOT / "evals" / "safety" / "cases.yaml"


def timed(texts: list[str], second: SecondOpinion | None = None) -> list[float]:
    """Milliseconds per message, in order."""
    timings = []
    for text in texts:
        started = time.perf_counter()
        check_with_history(text, [0, 1], second=second)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def line(label: str, timings: list[float]) -> str:
    mean = statistics.fmean(timings)
    return (
        f"{label}: {len(timings)} messages, p50 {percentile(timings, 0.5):.3f} ms, "
        f"p95 {percentile(timings, 0.95):.3f} ms, mean {mean:.3f} ms, "
        f"{1000 / mean:,.0f} messages/s on one core"
    )


def main(argv: list[str] | None = None, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--embeddings", action="store_true")
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args(argv)
    texts = [text for texts in load_cases(args.cases).values() for text in texts]
    started = time.perf_counter()
    default_patterns()
    echo(f"patterns compiled in {time.perf_counter() - started:.2f} s")
    rounds = [timed(texts) for _ in range(max(1, args.rounds))]
    echo(line("patterns", min(rounds, key=statistics.fmean)))
    if args.embeddings:
        from bot.knowledge.embeddings import OnnxEmbedder, default_model_files
        from bot.safety.semantic import SemanticCheck, load_classifier

        files = default_model_files()
        second = SemanticCheck(
            OnnxEmbedder(files, threads=1).embed,
            load_classifier(embedding_model=files.fingerprint),
        )
        step = max(1, len(texts) // args.sample)
        sample = texts[::step][: args.sample]
        timed(sample[:5], second)  # the model's first runs are slower
        echo(line("patterns + embeddings", timed(sample, second)))


if __name__ == "__main__":
    main()
