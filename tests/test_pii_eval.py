"""The redaction evaluation: its markup, its measures, and the redactor at its targets."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.evals.pii import (
    MAX_OVER_REDACTION,
    RECALL_TARGETS,
    Gold,
    Report,
    evaluate,
    format_report,
    load_messages,
    parse,
)
from bot.redaction import Finder, Recogniser, Redactor

from conftest import ROOT

MESSAGES = ROOT / "evals" / "pii" / "messages.yaml"
HELD_OUT = ROOT / "evals" / "pii" / "held_out.yaml"


# --- markup ------------------------------------------------------------------------------------
def test_parse_splits_text_and_spans() -> None:
    message = parse("Spoke to [[PERSON|Derek]] on [[PHONE|07700 900123]], fine.")
    assert message.text == "Spoke to Derek on 07700 900123, fine."
    assert message.gold == (
        Gold(9, 14, "PERSON", "Derek"),
        Gold(18, 30, "PHONE", "07700 900123"),
    )
    for gold in message.gold:
        assert message.text[gold.start : gold.end] == gold.text


def test_parse_keeps_possessives_titles_and_unicode_outside_or_inside_as_marked() -> None:
    message = parse("Mrs [[PERSON|Wiśniewska]]'s flat: [[ADDRESS|Flat 5, Wren House]]")
    assert message.text == "Mrs Wiśniewska's flat: Flat 5, Wren House"
    assert [(g.label, g.text) for g in message.gold] == [
        ("PERSON", "Wiśniewska"),
        ("ADDRESS", "Flat 5, Wren House"),
    ]


def test_parse_accepts_plain_text_and_single_brackets() -> None:
    message = parse("Already redacted: [PERSON 1] and [EMAIL]")
    assert message.text == "Already redacted: [PERSON 1] and [EMAIL]"
    assert message.gold == ()


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("Call [[TELEPHONE|07700 900123]]", "unknown type 'TELEPHONE'"),
        ("Call [[person|Derek]]", "unknown type 'person'"),
        ("Call [[PHONE 07700 900123]] now", "unmatched"),
        ("Call [[PHONE|07700 900123] now", "unmatched"),
        ("Call PHONE|07700 900123]] now", "unmatched"),
        ("Call [[PHONE|]] now", "empty PHONE span"),
        ("Call [[PERSON| Derek]] now", "starts or ends with a space"),
        ("Call [[PERSON|Derek|Smith]] now", "contains '|'"),
        ("Call [[PERSON|[[PERSON|Derek]]]]", "unmatched"),
    ],
)
def test_parse_rejects_malformed_markup_naming_the_message(markup: str, reason: str) -> None:
    with pytest.raises(ValueError, match="malformed markup") as error:
        parse(markup)
    assert reason in str(error.value)
    assert repr(markup) in str(error.value)


def test_load_messages_wants_a_list_of_strings(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("a: [[PERSON|b]]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="list of messages"):
        load_messages(path)
    path.write_text("- 12\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must be a string"):
        load_messages(path)
    path.write_text('- "fine [[PERSON|Jo]]"\n- "bad [[PERSON|Jo]"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("'bad [[PERSON|Jo]'")):
        load_messages(path)


# --- measures, on a redactor whose spans are known -----------------------------------------------
def _redactor(*rules: tuple[str, str]) -> Redactor:
    def finder(pattern: str) -> Finder:
        compiled = re.compile(pattern)
        return lambda text: [m.span() for m in compiled.finditer(text)]

    return Redactor([Recogniser(label, finder(pattern)) for label, pattern in rules])


def test_a_span_is_found_when_every_non_space_character_is_covered() -> None:
    redactor = _redactor(("PERSON", r"Derek|Smith"), ("EMAIL", r"\S+@\S+"))
    messages = [
        parse("[[PERSON|Derek Smith]] came"),  # two predicted spans, the space between is fine
        parse("[[PERSON|Derek Smithson]] came"),  # "son" left showing: a miss
        parse("mail [[EMAIL|d@example.org]]"),
    ]
    report = evaluate(messages, redactor)
    person = report.rows["PERSON"]
    assert (person.total, person.found, person.right_label) == (2, 1, 1)
    assert [(miss.text, miss.redacted) for miss in person.misses] == [
        ("Derek Smithson", "Derek Smith")
    ]
    assert report.rows["EMAIL"].recall == 1.0
    assert report.recall == pytest.approx(2 / 3)


def test_the_wrong_label_still_counts_as_found_but_not_as_right() -> None:
    report = evaluate(
        [parse("ring [[PHONE|07700 900123]]")], _redactor(("NHS", r"[0-9][0-9 ]{10}[0-9]"))
    )
    row = report.rows["PHONE"]
    assert (row.found, row.right_label) == (1, 0)


def test_over_redaction_counts_ordinary_words_but_not_a_title_before_a_name() -> None:
    redactor = _redactor(("PERSON", r"Mrs \w+|Monday"))
    report = evaluate([parse("Mrs [[PERSON|Patel]] rang on Monday about £1,250.")], redactor)
    assert report.rows["PERSON"].found == 1
    # Words: rang, on, Monday, about, £1,250 ("Mrs" is the name's title, "Patel" is marked).
    assert report.ordinary_words == 5
    assert [word for word, _ in report.over_redacted] == ["Monday"]
    assert report.over_redaction == pytest.approx(1 / 5)


def test_checks_follow_the_targets() -> None:
    report = evaluate([parse("mail [[EMAIL|a@example.org]] or [[PHONE|07700 900123]]")])
    checks = report.checks()
    assert set(checks) == {"overall recall", "EMAIL recall", "PHONE recall", "over-redaction"}
    assert report.passes() == all(checks.values())
    assert "EMAIL" in format_report(report)


# --- the data set and the redactor at the targets ------------------------------------------------
def _types(path: Path) -> tuple[Counter[str], int]:
    messages = load_messages(path)
    counts = Counter(gold.label for message in messages for gold in message.gold)
    return counts, sum(not message.gold for message in messages)


def test_the_set_covers_every_kind_of_personal_data() -> None:
    counts, without = _types(MESSAGES)
    minimum = {
        "PERSON": 150,
        "EMAIL": 40,
        "PHONE": 50,
        "POSTCODE": 40,
        "ADDRESS": 40,
        "NI_NUMBER": 20,
        "NHS_NUMBER": 20,
    }
    short = {label: counts[label] for label, n in minimum.items() if counts[label] < n}
    assert not short
    assert without >= 60  # messages with no personal data, full of capitalised traps


def test_nhs_numbers_in_both_sets_carry_a_valid_check_digit() -> None:
    for path in (MESSAGES, HELD_OUT):
        for message in load_messages(path):
            for gold in message.gold:
                if gold.label != "NHS_NUMBER":
                    continue
                digits = [int(c) for c in gold.text if c.isdigit()]
                check = (
                    11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
                )
                assert len(digits) == 10 and check % 11 == digits[9], gold.text


def test_the_held_out_set_parses() -> None:
    counts, without = _types(HELD_OUT)
    assert sum(counts.values()) > 50 and without > 10


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(load_messages(MESSAGES))


def test_overall_recall_meets_its_target(report: Report) -> None:
    misses = [miss.text for row in report.rows.values() for miss in row.misses]
    assert report.recall >= RECALL_TARGETS["overall"], misses


@pytest.mark.parametrize("label", ["EMAIL", "PHONE"])
def test_contact_details_are_all_found(report: Report, label: str) -> None:
    row = report.rows[label]
    assert row.recall >= RECALL_TARGETS[label] == 1.0, [miss.text for miss in row.misses]


def test_over_redaction_stays_under_its_target(report: Report) -> None:
    assert report.over_redaction <= MAX_OVER_REDACTION, report.over_redacted


# --- the command -------------------------------------------------------------------------------
def test_cli_prints_the_table_and_json() -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["evals", "pii"])
    assert table.exit_code == 0, table.output
    assert "PERSON" in table.output and "overall" in table.output
    assert "over-redaction" in table.output
    data = json.loads(runner.invoke(main, ["evals", "pii", "--json"]).output)
    assert set(data["types"]) >= {"PERSON", "EMAIL", "PHONE", "NHS_NUMBER"}
    assert data["passes"] is True and data["checks"]["EMAIL recall"] is True
    assert 0 <= data["over_redaction"] <= MAX_OVER_REDACTION


def test_cli_lists_misses_and_reads_another_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        '- "Kiri said hello from Zed Road"\n- "[[PERSON|qwyzx]] ok at the hall"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evals", "pii", "--messages", str(path), "--misses"])
    assert result.exit_code == 0, result.output
    assert "missed PERSON 'qwyzx'" in result.output


def test_cli_reports_malformed_markup(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text('- "met [[PERSON|Jo] today"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["evals", "pii", "--messages", str(path)])
    assert result.exit_code != 0
    assert "malformed markup" in result.output and "met [[PERSON|Jo] today" in result.output
