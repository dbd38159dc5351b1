"""The redactor's evaluation: recall per kind of personal data, and over-redaction.

Messages mark personal data inline as ``[[TYPE|text]]``. A marked span is found when every
non-space character of it is covered by the redactor's spans, whatever their label (a phone
number redacted as an NHS number has still not leaked); whether the label was right is counted
separately. Over-redaction is the share of ordinary words (those outside every marked span) that
the redactor covers: each one blurs a reflection for no privacy gain.

A title just before a marked name ("Mrs", "Cllr") is neither: the markup leaves it outside the
name, and a redactor may take it with the name or leave it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.redaction import Redactor, default_redactor

TYPES = ("PERSON", "EMAIL", "PHONE", "POSTCODE", "ADDRESS", "NI_NUMBER", "NHS_NUMBER", "URL")
# Minimum recall: overall, and for the kinds a reflection never needs (a leaked phone number or
# email reaches the person directly).
RECALL_TARGETS = {"overall": 0.97, "EMAIL": 1.0, "PHONE": 1.0}
MAX_OVER_REDACTION = 0.02

_MARK = re.compile(r"\[\[([^\[\]|]*)\|([^\[\]]*)\]\]")
# A word: a run of non-space characters with outer punctuation trimmed; it must hold a letter
# or digit ("£1,250.40" is one word, "--" is none).
_WORD = re.compile(r"[^\W_](?:\S*[^\W_])?")
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "cllr",
        "councillor",
        "sgt",
        "pc",
        "dc",
        "officer",
        "fr",
        "father",
        "rev",
        "revd",
        "imam",
        "sister",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "auntie",
        "aunty",
        "uncle",
    }
)


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Message:
    markup: str  # as written in the file
    text: str  # what the redactor sees
    gold: tuple[Gold, ...]


def parse(markup: str) -> Message:
    """Split ``markup`` into plain text and its marked spans; ValueError if malformed."""

    def fail(reason: str) -> ValueError:
        return ValueError(f"malformed markup ({reason}) in message: {markup!r}")

    text: list[str] = []
    gold: list[Gold] = []
    length = pos = 0
    for m in _MARK.finditer(markup):
        length = _plain(markup[pos : m.start()], text, length, fail)
        label, content = m.group(1), m.group(2)
        if label not in TYPES:
            raise fail(f"unknown type {label!r}; expected one of {', '.join(TYPES)}")
        if not content.strip():
            raise fail(f"empty {label} span")
        if content != content.strip():
            raise fail(f"{label} span {content!r} starts or ends with a space")
        if "|" in content:
            raise fail(f"{label} span {content!r} contains '|'")
        gold.append(Gold(length, length + len(content), label, content))
        text.append(content)
        length += len(content)
        pos = m.end()
    _plain(markup[pos:], text, length, fail)
    return Message(markup, "".join(text), tuple(gold))


def _plain(segment: str, out: list[str], length: int, fail: Callable[[str], ValueError]) -> int:
    """Append text between spans to ``out``; stray brackets mean a span was mistyped."""
    for token in ("[[", "]]"):
        if token in segment:
            raise fail(f"unmatched {token!r} or a span without 'TYPE|'")
    out.append(segment)
    return length + len(segment)


def load_messages(path: Path) -> list[Message]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of messages")
    messages = []
    for item in data:
        if not isinstance(item, str):
            raise ValueError(f"{path}: every message must be a string, got {item!r}")
        messages.append(parse(item))
    return messages


@dataclass
class Miss:
    label: str
    text: str  # the marked span
    message: str  # the whole message, marked up
    redacted: str  # what the redactor did cover of it, "" if nothing


@dataclass
class TypeRow:
    label: str
    total: int = 0
    found: int = 0
    right_label: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    def target(self) -> float | None:
        return RECALL_TARGETS.get(self.label)

    def passes(self) -> bool:
        target = self.target()
        return target is None or self.recall >= target


@dataclass
class Report:
    rows: dict[str, TypeRow]
    messages: int
    ordinary_words: int
    over_redacted: list[tuple[str, str]]  # (word, message marked up)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows.values())

    @property
    def recall(self) -> float:
        found = sum(row.found for row in self.rows.values())
        return found / self.total if self.total else 1.0

    @property
    def over_redaction(self) -> float:
        return len(self.over_redacted) / self.ordinary_words if self.ordinary_words else 0.0

    def checks(self) -> dict[str, bool]:
        """Each target and whether it holds."""
        result = {"overall recall": self.recall >= RECALL_TARGETS["overall"]}
        for label, row in self.rows.items():
            if row.target() is not None:
                result[f"{label} recall"] = row.passes()
        result["over-redaction"] = self.over_redaction <= MAX_OVER_REDACTION
        return result

    def passes(self) -> bool:
        return all(self.checks().values())

    def to_json(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "spans": self.total,
            "recall": round(self.recall, 4),
            "types": {
                label: {
                    "n": row.total,
                    "found": row.found,
                    "recall": round(row.recall, 4),
                    "right_label": row.right_label,
                    "target": row.target(),
                    "passes": row.passes(),
                    "misses": [vars(miss) for miss in row.misses],
                }
                for label, row in self.rows.items()
            },
            "ordinary_words": self.ordinary_words,
            "over_redacted_words": len(self.over_redacted),
            "over_redaction": round(self.over_redaction, 4),
            "over_redacted": [{"word": w, "message": m} for w, m in self.over_redacted],
            "checks": self.checks(),
            "passes": self.passes(),
        }


def evaluate(messages: list[Message], redactor: Redactor | None = None) -> Report:
    redactor = redactor or default_redactor()
    rows = {label: TypeRow(label) for label in TYPES}
    report = Report(rows, len(messages), 0, [])
    for message in messages:
        predicted = redactor.spans(message.text)
        covered = _coverage(len(message.text), predicted)
        for gold in message.gold:
            _score_span(rows[gold.label], gold, message, covered)
        words = _ordinary_words(message)
        report.ordinary_words += len(words)
        for start, end in words:
            if any(covered[start:end]):
                report.over_redacted.append((message.text[start:end], message.markup))
    return report


def _coverage(length: int, spans: list[tuple[int, int, str]]) -> list[str | None]:
    """For each character, the label of the span covering it, or None."""
    covered: list[str | None] = [None] * length
    for start, end, label in spans:
        covered[start:end] = [label] * (end - start)
    return covered


def _score_span(row: TypeRow, gold: Gold, message: Message, covered: list[str | None]) -> None:
    row.total += 1
    labels = [covered[i] for i in range(gold.start, gold.end) if not message.text[i].isspace()]
    if all(labels):
        row.found += 1
        row.right_label += all(label == gold.label for label in labels)
        return
    redacted = "".join(
        c if covered[i] else " "
        for i, c in enumerate(message.text[gold.start : gold.end], gold.start)
    )
    row.misses.append(Miss(gold.label, gold.text, message.markup, " ".join(redacted.split())))


def _ordinary_words(message: Message) -> list[tuple[int, int]]:
    """Words outside every marked span, less a title just before a marked name."""
    gold = message.gold
    titles = {_title_before(message.text, span.start) for span in gold if span.label == "PERSON"}
    words = []
    for m in _WORD.finditer(message.text):
        start, end = m.span()
        if any(start < span.end and span.start < end for span in gold):
            continue
        if (start, end) in titles:
            continue
        words.append((start, end))
    return words


def _title_before(text: str, start: int) -> tuple[int, int] | None:
    """The span of a title ("Mrs", "Dr.") that ends just before ``start``, if there is one."""
    before = text[:start].rstrip()
    if len(before) == start:  # no space between the title and the name
        return None
    m = re.search(r"[^\W_]+\.?$", before)
    if m is None or m.group().rstrip(".").casefold() not in _TITLES:
        return None
    end = m.end() - (1 if m.group().endswith(".") else 0)
    return m.start(), end


def format_report(report: Report, *, misses: bool = False) -> str:
    lines = [f"{'type':<11} {'n':>4} {'found':>6} {'recall':>7} {'label ok':>9} {'target':>7}"]
    for label, row in report.rows.items():
        if not row.total:
            continue
        target = row.target()
        lines.append(
            f"{label:<11} {row.total:>4} {row.found:>6} {row.recall:>7.1%} "
            f"{row.right_label / row.total:>9.1%} "
            f"{'>=' + format(target, '.0%') if target is not None else '':>7}"
            f"  {'' if target is None else 'pass' if row.passes() else 'FAIL'}"
        )
    overall_target = RECALL_TARGETS["overall"]
    lines.append(
        f"{'overall':<11} {report.total:>4} "
        f"{sum(row.found for row in report.rows.values()):>6} {report.recall:>7.1%} "
        f"{'':>9} {'>=' + format(overall_target, '.0%'):>7}"
        f"  {'pass' if report.recall >= overall_target else 'FAIL'}"
    )
    lines.append(
        f"over-redaction: {len(report.over_redacted)} of {report.ordinary_words} ordinary words "
        f"({report.over_redaction:.2%}, target <= {MAX_OVER_REDACTION:.0%})  "
        f"{'pass' if report.over_redaction <= MAX_OVER_REDACTION else 'FAIL'}"
    )
    if misses:
        for row in report.rows.values():
            for miss in row.misses:
                got = f" (redacted only {miss.redacted!r})" if miss.redacted else ""
                lines.append(f"  missed {miss.label} {miss.text!r}{got}: {miss.message}")
        for word, message in report.over_redacted:
            lines.append(f"  over-redacted {word!r}: {message}")
    return "\n".join(lines)
