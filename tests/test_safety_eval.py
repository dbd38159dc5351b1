"""The crisis check against its labelled set, at the issue's gates (tests fail below them)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.evals.safety import GATES, Row, evaluate, load_cases

from conftest import ROOT

CASES = ROOT / "evals" / "safety" / "cases.yaml"


@pytest.fixture(scope="module")
def rows() -> dict[str, Row]:
    """Every case checked once for the whole module."""
    return {row.category: row for row in evaluate(load_cases(CASES))}


@pytest.mark.parametrize("category", list(GATES))
def test_each_category_meets_its_gate(category: str, rows: dict[str, Row]) -> None:
    row = rows[category]
    assert row.total > 0
    assert row.passes(), (row.rate, row.misses)


def test_the_held_out_file_loads_in_the_same_format() -> None:
    held_out = load_cases(ROOT / "evals" / "safety" / "held_out.yaml")
    assert set(held_out) == set(GATES)


def test_cli_prints_the_table_and_json() -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["evals", "safety"])
    assert table.exit_code == 0
    assert "explicit" in table.output and "false alarms" in table.output
    data = json.loads(runner.invoke(main, ["evals", "safety", "--json"]).output)
    assert set(data) == set(GATES)
