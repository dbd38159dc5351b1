"""The lens benchmark runs and prints its figures (read by people, not asserted)."""

from __future__ import annotations

import importlib.util
import re

from conftest import ROOT


def test_lens_benchmark_prints_latency_per_answer() -> None:
    spec = importlib.util.spec_from_file_location("lens_bench", ROOT / "benchmarks" / "lens.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    printed: list[str] = []
    module.main(["--answers", "20"], echo=printed.append)
    assert re.match(r"reasoning lens, 20 answers \(1 thread\(s\)\), loaded in \d+ ms", printed[0])
    number = r"[\d.]+ ms"
    for line in printed[1:5]:
        assert re.fullmatch(
            rf"  per (answer|sentence), (wall|cpu): p50 {number}  p95 {number}  p99 {number}"
            rf"  mean {number}",
            line,
        ), line
    assert printed[5].startswith("  target p95 <= 10 ms per answer (wall): ")
