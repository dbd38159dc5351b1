"""Searching and asking: relevance, citations, odd queries, and surviving a bad store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine import effects as fx
from bot.knowledge.base import KnowledgeBase

from conftest import PROMPTS, ROOT
from drivers import ServiceDriver


@pytest.fixture
def base(knowledge_services) -> KnowledgeBase:
    opened = knowledge_services.knowledge.get()
    assert opened is not None
    return opened


def test_search_finds_the_card_that_answers(base: KnowledgeBase) -> None:
    [first, *_] = base.search("What are the four aims of defensive reasoning?", k=3)
    assert first.source == "defensive-reasoning.md"
    assert 0.4 <= first.score <= 1.0


def test_a_paraphrase_in_everyday_words_reaches_the_right_card(base: KnowledgeBase) -> None:
    passages = base.search("people at meetings just moan and blame the council for everything", k=3)
    assert "blame-and-complain-culture.md" in [p.source for p in passages]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5_000,
        "مرحبا كيف حالك اليوم في الاجتماع",
        "会议进行得很糟糕",
        "🙃🙃🙃",
        "\x00\x01",
    ],
)
def test_odd_queries_never_fail(base: KnowledgeBase, query: str) -> None:
    passages = base.search(query, k=5)
    assert isinstance(passages, list) and len(passages) <= 5
    assert all(p.score >= 0.4 for p in passages)


def test_an_unrelated_question_finds_nothing(base: KnowledgeBase) -> None:
    assert base.search("recipe for a lemon drizzle cake with icing", k=5) == []
    assert not base.ask("recipe for a lemon drizzle cake with icing").found


def test_ask_answers_with_sentences_and_citations(base: KnowledgeBase) -> None:
    answer = base.ask("What does leadership as ownership mean?")
    assert answer.found and 1 <= len(answer.lines) <= 3
    for line in answer.lines:
        assert (
            line.citation.source.startswith("knowledge/")
            and "drawing on 00" in line.citation.source
        )
        assert not line.text.endswith("?")
    assert any("ability-to-respond" in line.citation.source for line in answer.lines)


def test_ask_mid_flow_answers_and_returns_to_the_same_step(knowledge_services, clock) -> None:
    driver = ServiceDriver(knowledge_services, clock)
    driver.command("/defensive")
    driver.say("The housing officer at the residents' meeting")
    driver.command("/ask what is the left-hand column?")
    assert "Here's what the workshop material says" in driver.text
    assert "knowledge/left-hand-column.md" in driver.text
    assert "What were you hoping would come out" in driver.last[-1].text
    driver.say("A date for the survey")
    assert "what was actually said" in driver.last[-1].text


def test_ask_without_a_question_explains_itself(knowledge_services, clock) -> None:
    driver = ServiceDriver(knowledge_services, clock)
    driver.command("/ask")
    assert "Put your question after /ask" in driver.text


def test_a_question_outside_a_reflection_is_answered(knowledge_services, clock) -> None:
    driver = ServiceDriver(knowledge_services, clock)
    driver.say("What does the honest broker do?")
    assert "honest-broker-straight-talker.md" in driver.text


def _walk_to_card(driver: ServiceDriver) -> None:
    driver.command("/defensive")
    for answer in [
        "The repairs manager at the residents' meeting",
        "A date for the damp survey",
        "She said it was in hand and I said fine",
        "I thought she was fobbing us off and I wanted to win the argument",
    ]:
        driver.say(answer)
    driver.press("Winning, or at least not losing")
    driver.press("Done")
    driver.say("'fobbing us off'")
    driver.say("We got no date and I stayed angry")


def test_the_flow_shows_one_relevant_card_with_its_citation(knowledge_services, clock) -> None:
    driver = ServiceDriver(knowledge_services, clock)
    _walk_to_card(driver)
    cards = [r.text for r in driver.last if r.text.startswith("From the workshop material")]
    assert len(cards) == 1
    assert "(Source: knowledge/" in cards[0] and "drawing on 000_9972dd4dbd814ff1.txt" in cards[0]


def test_a_card_is_never_shown_twice_in_one_session(clock) -> None:
    from bot.engine.facts import Card, StaticFacts

    from drivers import EngineDriver

    cards = [
        Card(id=f"c{n}", title=f"Card {n}", text="text", source="knowledge/x.md") for n in range(2)
    ]
    driver = EngineDriver(clock, StaticFacts(cards=cards))
    driver.command("/defensive")
    driver.state.active.seen_cards.append("c0")
    for answer in ["a", "b", "c", "d"]:
        driver.say(answer)
    driver.say("1")
    driver.press("Done")
    driver.say("e")
    driver.say("f")
    assert "Card 1" in driver.text and "Card 0" not in driver.text
    assert driver.state.active.seen_cards == ["c0", "c1"]


def test_a_corrupt_store_leaves_the_coach_working_without_cards(
    tmp_path: Path, monkeypatch, clock
) -> None:
    from bot.services import build_services
    from bot.settings import Settings

    store = tmp_path / "data" / "knowledge"
    store.mkdir(parents=True)
    (store / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("COACH_KNOWLEDGE_ENABLED", "true")
    services = build_services(Settings(data_dir=tmp_path / "data", prompts_dir=PROMPTS))
    try:
        driver = ServiceDriver(services, clock)
        driver.command("/ask what is defensive reasoning?")
        assert "isn't available right now" in driver.text
        _walk_to_card(driver)
        assert driver.last[-1].token == "1.share"
        assert "From the workshop material" not in driver.text
        driver.say("honestly I want to end it all")  # the crisis card needs no material
        assert "116 123" in driver.text and "85258" in driver.text
    finally:
        services.close()


def test_a_missing_store_is_filled_from_the_bundled_cards(
    tmp_path: Path, monkeypatch, clock
) -> None:
    from bot.services import build_services
    from bot.settings import Settings

    cards = tmp_path / "cards"
    cards.mkdir()
    for name in ("defensive-reasoning.md", "ability-to-respond.md"):
        shutil.copy(ROOT / "knowledge" / name, cards / name)
    monkeypatch.setenv("COACH_KNOWLEDGE_ENABLED", "true")
    services = build_services(
        Settings(data_dir=tmp_path / "data", prompts_dir=PROMPTS, knowledge_dir=cards)
    )
    try:
        driver = ServiceDriver(services, clock)
        driver.command("/ask what are the four aims of defensive reasoning?")
        assert "knowledge/defensive-reasoning.md" in driver.text
    finally:
        services.close()


def _coach(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env["COACH_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


@pytest.mark.slow
def test_cli_search_json_contract_and_data_dir_isolation(
    tmp_path: Path, cards_store_dir: Path
) -> None:
    data = tmp_path / "one"
    shutil.copytree(cards_store_dir, data / "knowledge")
    result = _coach("knowledge", "search", "defensive reasoning", "--k", "3", "--json", data=data)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert 1 <= len(rows) <= 3
    assert all(set(row) == {"text", "title", "source", "score"} for row in rows)
    assert "defensive-reasoning.md" in [row["source"] for row in rows]
    stats = _coach("knowledge", "stats", data=data)
    assert "concept cards" in stats.stdout
    empty = _coach("knowledge", "stats", data=tmp_path / "two")
    assert "files: 0" in empty.stdout  # another data directory is another store


@pytest.mark.slow
def test_cli_ask_json(tmp_path: Path, cards_store_dir: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(cards_store_dir, data / "knowledge")
    result = _coach("ask", "What is VEST?", "--json", data=data)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["found"] and answer["answer"][0]["source"].startswith("knowledge/")
    nothing = _coach("ask", "How do I reset my router password?", data=data)
    assert "Nothing in the workshop material answers that" in nothing.stdout


@pytest.mark.slow
def test_cli_ingest_reports_unreadable_files_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.md").write_text(
        "# Good\n\nThe tenants' forum agreed to meet on the estate every month.\n"
    )
    (folder / "bad.pdf").write_bytes(b"not a pdf")
    result = _coach("knowledge", "ingest", str(folder), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "skipped bad.pdf: cannot be read" in result.stderr
    assert "1 added" in result.stdout and "1 failed" in result.stdout
    again = _coach("knowledge", "ingest", str(folder), data=tmp_path / "data")
    assert "0 added" in again.stdout and "1 unchanged" in again.stdout


def test_effects_of_ask_are_only_a_command_event(knowledge_services, clock) -> None:
    from sqlalchemy import select

    from bot.store.models import EngagementEvent

    ServiceDriver(knowledge_services, clock).command("/ask what is common unity?")
    with knowledge_services.database.transaction() as session:
        types = session.scalars(select(EngagementEvent.type).order_by(EngagementEvent.id)).all()
    assert types == ["participant_joined", "consent_given", "command_used"]
    assert fx.CommandUsed  # the question itself is never stored


def test_a_card_excerpt_is_the_first_paragraph_of_substance_cut_at_a_sentence() -> None:
    from bot.knowledge.base import CARD_CHARS, _card_excerpt

    body = "Blame keeps us comfortable. " * 30
    chunk = f"# Blame\n\nA card about blame.\n\n## What it means\n\n{body}\n\nLater paragraph."
    excerpt = _card_excerpt(chunk, summary="A card about blame.")
    assert excerpt.startswith("Blame keeps us comfortable.") and excerpt.endswith(".")
    assert len(excerpt) <= CARD_CHARS
    assert _card_excerpt(
        "# Only a title\n\nA card about blame.", summary="A card about blame."
    ) == ("A card about blame.")


@pytest.mark.slow
def test_cli_names_a_corrupt_store_clearly(tmp_path: Path) -> None:
    store = tmp_path / "data" / "knowledge"
    store.mkdir(parents=True)
    (store / "chroma.sqlite3").write_bytes(b"not a database" * 500)
    result = _coach("knowledge", "search", "defensive reasoning", data=tmp_path / "data")
    assert result.returncode != 0
    assert "cannot open the knowledge store" in result.stderr
    assert "Traceback" not in result.stderr


def test_answer_units_skip_headings_and_questions_and_keep_lists_together() -> None:
    from bot.knowledge.answers import _sentences

    text = (
        "# What made the difference on the estates\n\n"
        "Why does this matter to you?\n\n"
        "The team named three things that helped:\n"
        "- knocking on doors in person\n"
        "- using plain language\n\n"
        "Residents then owned the action and kept it going for years."
    )
    assert _sentences(text) == [
        "The team named three things that helped: knocking on doors in person; "
        "using plain language",
        "Residents then owned the action and kept it going for years.",
    ]


def test_passages_lean_towards_their_nearest_card_only_when_it_is_close() -> None:
    import numpy as np

    from bot.knowledge.store import PASSAGE_BRIDGE, Corpus

    def unit(*values: float) -> list[float]:
        vector = np.array(values, dtype=np.float32)
        return list(vector / np.linalg.norm(vector))

    vectors = np.array(
        [
            unit(1, 0, 0),  # card
            unit(1, 1, 0),  # passage close to the card (cosine 0.71)
            unit(0, 0, 1),  # passage about something else (cosine 0)
        ],
        dtype=np.float32,
    )
    corpus = Corpus(
        ids=["card", "near", "far"],
        texts=["", "", ""],
        metadatas=[{"kind": "card"}, {"kind": "document"}, {"kind": "document"}],
        vectors=vectors,
        lexical=None,
    )
    bridged = corpus.bridged
    assert float(vectors[1] @ vectors[0]) >= PASSAGE_BRIDGE
    assert float(bridged[1] @ vectors[0]) > float(vectors[1] @ vectors[0])
    assert np.isclose(np.linalg.norm(bridged[1]), 1.0)
    assert np.array_equal(bridged[0], vectors[0])
    assert np.array_equal(bridged[2], vectors[2])
    assert np.array_equal(corpus.vectors, vectors)  # the stored vectors are left alone
