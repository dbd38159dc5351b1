"""The crisis check's patterns: YAML data files (``bot/safety/patterns/``), checked strictly.

Each category has its own file of regular expressions over normalised text; ``$NAME`` in a
pattern stands for a building block from ``blocks.yaml`` (word lists with their inflections, and
the contexts that tell an everyday reading from a risky one). Loading refuses a file with an
unknown key, an unknown or circular block, or a pattern that does not compile, naming the file
and the entry. Patterns are compiled once, on first use, into one table ordered most serious
category first, with an index of the strings each pattern needs (see ``need_index``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from bot.content_file import load_model
from bot.safety import spelling
from bot.safety.categories import ORDER, Category
from bot.safety.fuzzy import Corrector, english_words, pattern_words
from bot.safety.need_index import NeedIndex, parse_and_compile

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
M = TypeVar("M", bound=BaseModel)
_BLOCK = re.compile(r"\$([A-Z][A-Z_]*)")  # "$" then capitals: never meaningful in these regexes


class PatternFileError(Exception):
    """A pattern file is missing or invalid: the coach must not start without its crisis check."""


class Blocks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    blocks: dict[str, str]
    discussed: str = Field(min_length=10)


class CategoryPatterns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    patterns: tuple[str, ...] = Field(min_length=1)
    topics: tuple[str, ...] = ()


class WeakCues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cues: tuple[str, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Entry:
    category: Category
    pattern: re.Pattern[str]
    source: str  # the pattern with its blocks expanded
    topic: bool  # a topic word: counts unless framed as a subject being discussed
    needs: tuple[str, ...]  # strings at least one of which any match contains (empty: none)


@dataclass(frozen=True)
class PatternSet:
    entries: tuple[Entry, ...]  # most serious category first, patterns before topics
    index: NeedIndex
    discussed: re.Pattern[str]
    weak: tuple[Entry, ...]
    weak_index: NeedIndex
    corrector: Corrector  # misspelt key words back to the spellings the patterns use


def expand(pattern: str, blocks: dict[str, str], *, seen: tuple[str, ...] = ()) -> str:
    """``pattern`` with every ``$NAME`` replaced by its block, itself expanded."""

    def one(match: re.Match[str]) -> str:
        name = match[1]
        if name not in blocks:
            raise ValueError(f"unknown block ${name}")
        if name in seen:
            raise ValueError(f"block ${name} uses itself")
        return expand(blocks[name], blocks, seen=(*seen, name))

    return _BLOCK.sub(one, pattern)


def _entry(
    pattern: str, blocks: dict[str, str], *, where: str, category: Category, topic: bool = False
) -> Entry:
    try:
        source = expand(pattern, blocks)
        compiled, needs = parse_and_compile(source)
    except (ValueError, re.error) as exc:
        raise PatternFileError(f"{where}: {exc}") from exc
    return Entry(category, compiled, source, topic, needs)


def load_patterns(directory: Path = PATTERNS_DIR) -> PatternSet:
    """Read, check and compile every pattern file in ``directory``."""

    def read(name: str, model: type[M]) -> M:
        path = directory / name
        return load_model(path, model, error=PatternFileError, label=str(path))

    blocks = read("blocks.yaml", Blocks)
    table = blocks.blocks
    entries: list[Entry] = []
    for category in ORDER:
        name = f"{category.value}.yaml"
        data = read(name, CategoryPatterns)
        for kind, patterns in (("patterns", data.patterns), ("topics", data.topics)):
            for n, pattern in enumerate(patterns):
                where = f"{directory / name}: {kind}[{n}]"
                entries.append(
                    _entry(pattern, table, where=where, category=category, topic=kind == "topics")
                )
    weak = tuple(
        _entry(
            cue, table, where=f"{directory / 'weak.yaml'}: cues[{n}]", category=Category.INDIRECT
        )
        for n, cue in enumerate(read("weak.yaml", WeakCues).cues)
    )
    discussed = _entry(
        blocks.discussed, table, where=f"{directory / 'blocks.yaml'}: discussed", category=ORDER[0]
    )
    return PatternSet(
        entries=tuple(entries),
        index=NeedIndex.of([entry.needs for entry in entries]),
        discussed=discussed.pattern,
        weak=weak,
        weak_index=NeedIndex.of([cue.needs for cue in weak]),
        corrector=Corrector.of(
            pattern_words([entry.source for entry in entries]),
            english_words(),
            spelling.ENGLISH_EXTRA,
        ),
    )


@cache
def default_patterns() -> PatternSet:
    """The shipped patterns, compiled once on first use (never at import)."""
    return load_patterns()
