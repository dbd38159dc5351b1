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


def test_knowledge_benchmark_prints_its_figures(tmp_path) -> None:
    import knowledge as knowledge_benchmark

    printed: list[str] = []
    knowledge_benchmark.main(
        ["--corpus", str(ROOT / "knowledge"), "--rounds", "1"], echo=printed.append
    )
    assert re.match(
        r"ingest knowledge: \d+ files, \d+ chunks .* in [\d.]+ s, peak RSS \d+ MB", printed[0]
    )
    assert printed[1].startswith("search (70 queries): p50 ")
    assert printed[2].startswith("/ask end to end (70 turns): p50 ")
