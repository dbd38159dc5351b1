"""The concept cards: enough of them, well-formed, citing real seed files, in our own words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge.documents import read_document

from conftest import ROOT

CARDS = sorted(p for p in (ROOT / "knowledge").glob("*.md") if p.name != "README.md")
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_NAME = re.compile(r"^00\d_[0-9a-f]{16}\.txt$")

REQUIRED_TOPICS = [
    "defensive-reasoning",
    "mental-models",
    "rules-of-thumb-and-stereotypes",
    "ladder-of-inference",
    "ability-to-respond",
    "blame-and-complain-culture",
    "barriers-for-residents",
    "barriers-for-professionals",
    "threefold-relational-model",
    "building-shared-vision",
    "conflict-as-a-creative-process",
    "systems-thinking-whole-and-parts",
    "honest-broker-straight-talker",
    "common-unity",
    "collaboration-partnership-cooperation",
    "shared-leadership",
    "obstacles-to-shared-leadership",
    "systems-leadership-vest",
    "radical-listening",
    "sharing-and-building-power",
    "relationships-first",
    "camden-estates-asb-case-study",
    "flourishing-neighbourhoods",
    "learning-cities",
]


def test_there_are_at_least_thirty_cards_covering_the_method() -> None:
    ids = {path.stem for path in CARDS}
    assert len(ids) >= 30
    assert not [topic for topic in REQUIRED_TOPICS if topic not in ids]


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.stem)
def test_card_front_matter_is_complete(path: Path) -> None:
    document = read_document(path, source=path.name)
    card = document.card
    assert document.kind == "card"
    assert card["id"] == path.stem
    assert card["title"] and isinstance(card["tags"], list) and card["tags"]
    assert card["sources"] and all(SEED_NAME.match(s) for s in card["sources"]), card["sources"]
    assert 20 <= len(card["summary"]) <= 160
    assert 120 <= len(document.text.split()) <= 450


def test_camden_card_keeps_the_case_study_figures() -> None:
    text = (ROOT / "knowledge" / "camden-estates-asb-case-study.md").read_text(encoding="utf-8")
    for figure in ("120", "46", "45", "800", "50", "18%"):
        assert figure in text, figure


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the workshop material is not beside this checkout")
def test_no_wording_is_copied_from_the_seeds() -> None:
    result = subprocess.run(
        [sys.executable, str(SEEDS.parent / "tools" / "copycheck.py"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the workshop material is not beside this checkout")
def test_every_cited_seed_file_exists() -> None:
    cited = {s for path in CARDS for s in read_document(path, source=path.name).card["sources"]}
    assert cited <= {p.name for p in SEEDS.glob("*.txt")}
