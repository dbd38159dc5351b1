"""Reasoning-lens latency per answer (not a test: it prints).

Builds the lens as the bot does (bundled model, one thread), then reads answers of one to three
sentences made from the labelled examples, each on its own as a turn would. Prints p50/p95/p99
per answer and per single sentence, in milliseconds, against the target of p95 <= 10 ms; and the
cost of loading the lens at start.

    python benchmarks/lens.py [--answers 400] [--threads 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.lens.detector import bundled_detector
from bot.lens.examples import load_examples

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import percentile  # noqa: E402

EXAMPLES = ROOT / "evals" / "lens" / "examples.yaml"
TARGET_P95_MS = 10.0


def answers(count: int, *, seed: int = 7) -> list[str]:
    """Answers of one to three example sentences, the way people write a few lines."""
    texts = [text for text, _ in load_examples(EXAMPLES).pairs()]
    pick = random.Random(seed)
    return [" ".join(pick.sample(texts, pick.choice((1, 1, 2, 2, 3)))) for _ in range(count)]


def _timed(read: Callable[[str], object], texts: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call. On a shared machine the wall clock includes
    waiting for a core; the CPU time (this thread's: one onnxruntime thread runs on the caller)
    is what the lens itself costs."""
    wall, cpu = [], []
    for text in texts:
        started, started_cpu = time.perf_counter(), time.thread_time()
        read(text)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu


def _line(name: str, timings: list[float]) -> str:
    return (
        f"  {name}: p50 {percentile(timings, 0.5):.1f} ms  p95 {percentile(timings, 0.95):.1f} ms"
        f"  p99 {percentile(timings, 0.99):.1f} ms  mean {statistics.fmean(timings):.1f} ms"
    )


def _load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text(encoding="utf-8").split()[0]
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None, *, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=400)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    detector = bundled_detector(threads=args.threads)
    load_ms = (time.perf_counter() - started) * 1000
    sample = answers(args.answers)
    _timed(detector.read, sample[:10])  # warm up
    wall, cpu = _timed(detector.read, sample)
    single_wall, single_cpu = _timed(detector.read, [a.split(". ")[0] for a in sample])
    echo(
        f"reasoning lens, {len(sample)} answers ({args.threads} thread(s)), "
        f"loaded in {load_ms:.0f} ms, load average {_load_average()}"
    )
    echo(_line("per answer, wall", wall))
    echo(_line("per answer, cpu", cpu))
    echo(_line("per sentence, wall", single_wall))
    echo(_line("per sentence, cpu", single_cpu))
    for name, timings in (("wall", wall), ("cpu", cpu)):
        verdict = "meets" if percentile(timings, 0.95) <= TARGET_P95_MS else "MISSES"
        echo(f"  target p95 <= {TARGET_P95_MS:.0f} ms per answer ({name}): {verdict}")


if __name__ == "__main__":
    main()
