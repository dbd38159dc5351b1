"""The benchmark runs and prints its figures (its numbers are read by people, not asserted)."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import engine_latency


def test_engine_latency_benchmark_prints_percentiles() -> None:
    printed: list[str] = []
    engine_latency.main(["--turns", "60"], echo=printed.append)
    assert printed[0].startswith("engine turn latency, 60 turns on sqlite")
    assert re.fullmatch(
        r"  p50 [\d.]+ ms  p90 [\d.]+ ms  p99 [\d.]+ ms  max [\d.]+ ms  mean [\d.]+ ms", printed[1]
    )
