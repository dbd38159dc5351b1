"""The benchmark runs and prints its figures (its numbers are read by people, not asserted)."""

from __future__ import annotations

import importlib.util
import re
import shutil
from types import ModuleType

from conftest import ROOT


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


engine_latency = _benchmark("engine_latency")
crisis_check = _benchmark("crisis_check")
knowledge = _benchmark("knowledge")
telegram_load = _benchmark("telegram_load")


def test_engine_latency_benchmark_prints_percentiles() -> None:
    printed: list[str] = []
    engine_latency.main(["--turns", "60"], echo=printed.append)
    assert printed[0].startswith("engine turn latency, 60 turns on sqlite")
    assert re.fullmatch(
        r"  p50 [\d.]+ ms  p90 [\d.]+ ms  p99 [\d.]+ ms  max [\d.]+ ms  mean [\d.]+ ms", printed[1]
    )


def test_knowledge_benchmark_prints_its_figures(tmp_path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    for name in ("defensive-reasoning.md", "ability-to-respond.md", "common-unity.md"):
        shutil.copy(ROOT / "knowledge" / name, cards / name)
    printed: list[str] = []
    knowledge.main(
        ["--corpus", str(cards), "--cards", str(cards), "--rounds", "1", "--questions", "10"],
        echo=printed.append,
    )
    assert re.match(
        r"ingest cards: 3 files, \d+ chunks .* in [\d.]+ s, peak RSS \d+ MB", printed[0]
    )
    assert printed[1].startswith("search (10 queries): p50 ")
    assert printed[2].startswith("/ask end to end (10 turns): p50 ")


def test_telegram_load_benchmark_prints_its_figures() -> None:
    printed: list[str] = []
    telegram_load.main(["--people", "4", "--duplicates", "0.5"], echo=printed.append)
    assert printed[0] == (
        "4 people x 13 updates (50% redelivered), SQLite, rate limiter off, lens on, "
        "crisis layer on"
    )
    assert re.fullmatch(r"updates handled: 52 in [\d.]+ s = \d+/s", printed[1])
    assert printed[2].startswith("reply latency: p50 ")
    assert re.fullmatch(
        r"CPU per update: bot [\d.]+ ms, fake server and load generator [\d.]+ ms", printed[3]
    )
    assert printed[4] == "people with lost messages: 0, with duplicated messages: 0, unfinished: 0"


def test_crisis_check_benchmark_prints_its_figures(tmp_path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("explicit: [I want to end it all]\nordinary: [the lift is fixed]\n")
    printed: list[str] = []
    crisis_check.main(["--cases", str(cases), "--rounds", "2"], echo=printed.append)
    assert re.fullmatch(r"patterns compiled in [\d.]+ s", printed[0])
    assert re.fullmatch(
        r"patterns: 2 messages, p50 [\d.]+ ms, p95 [\d.]+ ms, mean [\d.]+ ms, "
        r"[\d,]+ messages/s on one core",
        printed[1],
    )
