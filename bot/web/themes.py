"""Recurring themes for the pre-call brief, found by counting, never by a model.

A theme is something that comes up in at least two different shared reflections, at least one of
them since the last call (older ones alone belong to an earlier conversation): the same flow
chosen again, the same role or body named (names cannot be followed, since each reflection
numbers its own ``[PERSON n]``), the same topic word, the same option picked, a rating moving
across reflections, or commitments dropped, changed or put off more than once.

Everything here is pure and works on plain values, so that what feeds it is decided in one place
(``bot.web.theme_sources``, which reads only what the coach may see). Labels found by other
means (a per-answer classifier, say) come in through ``labelled``: label -> the numbers of the
reflections it was found in, counted under the same rule as everything else.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.web.theme_words import IRREGULAR, ROLE_PHRASES, ROLES, STOP_WORDS

MIN_REFLECTIONS = 2
PUT_OFF = "not_yet"  # the check-in's "Not yet"
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z ]*\d*\]")
WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Rating:
    name: str  # the scale, in words ("influence after")
    value: int
    top: int  # the highest value the scale allows


@dataclass(frozen=True)
class SharedReflection:
    """One reflection the coach may read, reduced to what themes are counted from."""

    number: int
    flow: str  # the flow's title
    recent: bool  # started since the last call
    texts: Sequence[str] = ()  # the person's typed answers, redacted
    picked: Sequence[str] = ()  # the labels of options ticked in multi-choice questions
    ratings: Sequence[Rating] = ()


@dataclass(frozen=True)
class Review:
    happened: str  # the check-in's answer: yes, partly, not_yet, no
    recent: bool  # made since the last call


@dataclass(frozen=True)
class Commitment:
    text: str
    status: str  # open, done, revised, dropped
    closed_recently: bool  # closed (done, revised or dropped) since the last call
    reviews: Sequence[Review] = ()


@dataclass(frozen=True)
class Recurring:
    name: str
    reflections: int  # how many of the shared reflections it came up in
    recent: int  # how many of those since the last call


@dataclass(frozen=True)
class Trend:
    name: str
    flow: str
    values: tuple[int, ...]  # oldest first
    top: int

    @property
    def direction(self) -> str:
        first, last = self.values[0], self.values[-1]
        return "rising" if last > first else "falling" if last < first else "level"


@dataclass(frozen=True)
class CommitmentPattern:
    kind: str  # dropped, revised (both counted over all commitments) or put_off (one commitment)
    count: int
    recent: int
    text: str | None = None  # the commitment put off


@dataclass(frozen=True)
class Themes:
    out_of: int  # shared reflections counted
    flows: Sequence[Recurring] = ()
    roles: Sequence[Recurring] = ()
    words: Sequence[Recurring] = ()
    picked: Sequence[Recurring] = ()
    labels: Sequence[Recurring] = ()
    ratings: Sequence[Trend] = ()
    commitments: Sequence[CommitmentPattern] = ()

    @property
    def empty(self) -> bool:
        kinds = (self.flows, self.roles, self.words, self.picked, self.labels, self.ratings)
        return not any(kinds) and not self.commitments


def recurring_themes(
    *,
    reflections: Sequence[SharedReflection],
    commitments: Sequence[Commitment] = (),
    labelled: Mapping[str, Collection[int]] | None = None,
    most: int = 6,
) -> Themes:
    """The themes in ``reflections`` (oldest first) and ``commitments``, at most ``most`` of
    each kind, the most frequent first."""
    recent = {r.number: r.recent for r in reflections}
    roles: dict[str, set[int]] = defaultdict(set)
    words: dict[str, set[int]] = defaultdict(set)
    spellings: Counter[tuple[str, str]] = Counter()
    for reflection in reflections:
        for text in reflection.texts:
            found_roles, found_words = _read(text)
            for role in found_roles:
                roles[role].add(reflection.number)
            for lemma_, spelling in found_words:
                words[lemma_].add(reflection.number)
                spellings[(lemma_, spelling)] += 1
    shown = {lemma_: _commonest(lemma_, spellings) for lemma_ in words}
    return Themes(
        out_of=len(reflections),
        flows=_recurring(_numbers(reflections, lambda r: [r.flow]), recent, most),
        roles=_recurring(roles, recent, most),
        words=_recurring({shown[k]: v for k, v in words.items()}, recent, most + 2),
        picked=_recurring(_numbers(reflections, lambda r: r.picked), recent, most),
        labels=_recurring({k: set(v) for k, v in (labelled or {}).items()}, recent, most),
        ratings=_trends(reflections)[:most],
        commitments=_commitment_patterns(commitments),
    )


def lemma(word: str) -> str | None:
    """A crude singular for a lower-case word (bins -> bin, emptied -> empty); None for a
    contraction such as "don't", which is never a theme."""
    if word.endswith("'s"):
        word = word[:-2]
    if "'" in word:
        return None
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if (word.endswith(("ches", "shes")) and word[-5] not in VOWELS) or word.endswith("xes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _read(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The roles named in one answer, and its topic words as (lemma, as written)."""
    plain = PLACEHOLDER.sub(" ", text).lower().replace("\u2019", "'")
    tokens = [(lemma(w), w.removesuffix("'s")) for w in WORD.findall(plain)]
    roles: set[str] = set()
    words: set[tuple[str, str]] = set()
    i = 0
    while i < len(tokens):
        current = tokens[i][0]
        following = tokens[i + 1][0] if i + 1 < len(tokens) else None
        phrase = ROLE_PHRASES.get((current or "", following or ""))
        if phrase is not None:
            roles.add(phrase)
            i += 2
            continue
        if current in ROLES:
            roles.add(ROLES[current])
        elif current and len(current) >= 3 and not {current, tokens[i][1]} & STOP_WORDS:
            words.add((current, tokens[i][1]))
        i += 1
    return roles, words


def _commonest(lemma_: str, spellings: Counter[tuple[str, str]]) -> str:
    """The spelling the person used most for a word (alphabetical first on a tie)."""
    forms = [(-n, spelling) for (key, spelling), n in spellings.items() if key == lemma_]
    return min(forms)[1]


def _numbers(
    reflections: Iterable[SharedReflection], names: Callable[[SharedReflection], Iterable[str]]
) -> dict[str, set[int]]:
    """Name -> the reflections it belongs to."""
    found: dict[str, set[int]] = defaultdict(set)
    for reflection in reflections:
        for name in names(reflection):
            found[name].add(reflection.number)
    return found


def _recurring(
    found: Mapping[str, set[int]], recent: Mapping[int, bool], most: int
) -> list[Recurring]:
    """Those in two reflections or more, one of them since the last call; numbers not among
    the reflections given (so not the coach's to see) count for nothing."""
    themes = []
    for name, numbers in found.items():
        known = [n for n in numbers if n in recent]
        lately = sum(recent[n] for n in known)
        if len(known) >= MIN_REFLECTIONS and lately:
            themes.append(Recurring(name=name, reflections=len(known), recent=lately))
    themes.sort(key=lambda t: (-t.reflections, -t.recent, t.name))
    return themes[:most]


def _trends(reflections: Sequence[SharedReflection]) -> list[Trend]:
    """Each scale answered in two reflections or more, one of them since the last call."""
    series: dict[tuple[str, str], list[tuple[int, int, bool]]] = defaultdict(list)
    for reflection in reflections:
        for rating in reflection.ratings:
            series[(rating.name, reflection.flow)].append(
                (rating.value, rating.top, reflection.recent)
            )
    trends = [
        Trend(name=name, flow=flow, values=tuple(v for v, _, _ in got), top=got[-1][1])
        for (name, flow), got in series.items()
        if len(got) >= MIN_REFLECTIONS and any(lately for _, _, lately in got)
    ]
    trends.sort(key=lambda t: (-len(t.values), t.flow, t.name))
    return trends


def _commitment_patterns(commitments: Sequence[Commitment]) -> list[CommitmentPattern]:
    """Commitments dropped, or changed, twice or more; and any one put off at two check-ins.
    As with reflections, a pattern needs one occurrence since the last call."""
    patterns = []
    for status in ("dropped", "revised"):
        closed = [c for c in commitments if c.status == status]
        lately = sum(c.closed_recently for c in closed)
        if len(closed) >= MIN_REFLECTIONS and lately:
            patterns.append(CommitmentPattern(kind=status, count=len(closed), recent=lately))
    for commitment in commitments:
        put_off = [r for r in commitment.reviews if r.happened == PUT_OFF]
        if len(put_off) >= MIN_REFLECTIONS and any(r.recent for r in put_off):
            patterns.append(
                CommitmentPattern(
                    kind="put_off",
                    count=len(put_off),
                    recent=sum(r.recent for r in put_off),
                    text=commitment.text,
                )
            )
    return patterns
