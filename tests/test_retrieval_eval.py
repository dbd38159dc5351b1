"""The retrieval evaluation over the workshop seeds (runs when ../shared/seeds exists).

The issue's targets are hit@5 >= 0.95 on direct and >= 0.85 on paraphrased questions over the
seeds. Direct questions meet theirs and are gated at the target; paraphrased and practical ones
do not yet (see evals/retrieval/README.md), so they are gated at today's level as a floor that a
regression would break, not at the target.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main

from conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not SEEDS.is_dir(), reason="the workshop seeds are not beside this checkout"
    ),
]


@pytest.fixture(scope="module")
def figures() -> dict:
    result = CliRunner().invoke(main, ["evals", "retrieval", "--corpus", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return {r["corpus"]: r for r in data["results"]} | {"ingest": data["ingest_seconds"]}


def test_direct_questions_over_the_seeds_meet_the_target(figures) -> None:
    assert figures["seeds"]["groups"]["direct"]["hit@5"] >= 0.95


def test_paraphrased_and_practical_questions_hold_their_floor(figures) -> None:
    groups = figures["seeds"]["groups"]
    assert groups["paraphrase"]["hit@5"] >= 0.55
    assert groups["practical"]["hit@5"] >= 0.20
    assert groups["all"]["mrr"] >= 0.50


def test_the_cards_answer_most_questions(figures) -> None:
    assert figures["cards"]["groups"]["all"]["hit@5"] >= 0.80
    assert figures["cards"]["groups"]["direct"]["hit@5"] >= 0.85


def test_unanswerable_questions_mostly_get_silence(figures) -> None:
    assert figures["seeds"]["unanswerable_silent"] >= 0.5
    assert figures["cards"]["unanswerable_silent"] >= 0.5
