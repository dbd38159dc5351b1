"""Recurring themes, the brief's digest and its page budget, on data built by hand.

Every expectation here is written out by hand from the data above it, not computed by the code
under test.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services import load_content
from bot.settings import Settings
from bot.web.digest import CUT, KeyAnswer, digest, shorten
from bot.web.page_budget import fit
from bot.web.themes import (
    Commitment,
    CommitmentPattern,
    Rating,
    Recurring,
    Review,
    SharedReflection,
    Trend,
    lemma,
    recurring_themes,
)
from bot.web.timeline import Exchange, ReflectionView

RESPOND = "Ability to respond"
DEFENSIVE = "Defensive-reasoning check"
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _said(number: int, *texts: str, recent: bool = True, flow: str = RESPOND) -> SharedReflection:
    return SharedReflection(number=number, flow=flow, recent=recent, texts=texts)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("bins", "bin"),
        ("benches", "bench"),
        ("headaches", "headache"),
        ("boxes", "box"),
        ("classes", "class"),
        ("emptied", "empty"),
        ("parties", "party"),
        ("bus", "bus"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("caretaker's", "caretaker"),
        ("children", "child"),
        ("news", "news"),
        ("meeting", "meeting"),
        ("don't", None),
    ],
)
def test_lemma_is_a_crude_singular(word: str, expected: str | None) -> None:
    assert lemma(word) == expected


def test_a_word_is_a_theme_only_when_two_different_reflections_use_it() -> None:
    themes = recurring_themes(
        reflections=[
            _said(1, "The bins are overflowing again. Bins everywhere."),
            _said(2, "Nobody empties the bin store"),
            _said(3, "The rota is wrong", "and the rota has not changed"),
        ]
    )
    # "bin" twice in one reflection and once in another; "rota" twice, but in one reflection.
    assert themes.words == [Recurring(name="bin", reflections=2, recent=2)]
    assert themes.out_of == 3


def test_roles_are_followed_across_reflections_where_names_cannot_be() -> None:
    themes = recurring_themes(
        reflections=[
            _said(1, "[PERSON 1] from the council said the housing officers would call"),
            _said(2, "I rang the Housing Officer and [PERSON 1] answered"),
            _said(3, "The council's repairs team never came"),
        ]
    )
    assert themes.roles == [
        Recurring(name="council", reflections=2, recent=2),
        Recurring(name="housing officer", reflections=2, recent=2),
    ]
    # The placeholder, and the words inside a role, are not topic words.
    assert themes.words == []


def test_a_theme_needs_one_reflection_since_the_last_call() -> None:
    themes = recurring_themes(
        reflections=[
            _said(1, "The lifts are broken and the caretaker shrugs", recent=False),
            _said(2, "The lifts again; the caretaker was away", recent=False),
            _said(3, "The lifts and the stairs"),
            _said(4, "The stairs are dark at night"),
        ]
    )
    assert themes.words == [
        Recurring(name="lifts", reflections=3, recent=1),
        Recurring(name="stairs", reflections=2, recent=2),
    ]
    assert themes.roles == []  # the caretaker came up only before the last call


def test_flows_options_and_ratings_recur_across_reflections() -> None:
    def respond(number: int, before: int, after: int, *, recent: bool) -> SharedReflection:
        ratings = (Rating("influence before", before, 10), Rating("influence after", after, 10))
        return SharedReflection(number=number, flow=RESPOND, recent=recent, ratings=ratings)

    def defensive(number: int, *picked: str, recent: bool) -> SharedReflection:
        return SharedReflection(number=number, flow=DEFENSIVE, recent=recent, picked=picked)

    themes = recurring_themes(
        reflections=[
            respond(1, 2, 5, recent=False),
            defensive(2, "Keeping control", "Winning", recent=False),
            respond(3, 4, 7, recent=True),
            defensive(4, "Keeping control", recent=True),
            respond(5, 1, 5, recent=True),
            SharedReflection(
                number=6, flow="Assumption test", recent=True, ratings=(Rating("certainty", 8, 10),)
            ),
        ]
    )
    assert themes.flows == [
        Recurring(name=RESPOND, reflections=3, recent=2),
        Recurring(name=DEFENSIVE, reflections=2, recent=1),
    ]
    assert themes.picked == [Recurring(name="Keeping control", reflections=2, recent=1)]
    assert themes.ratings == [
        Trend(name="influence after", flow=RESPOND, values=(5, 7, 5), top=10),
        Trend(name="influence before", flow=RESPOND, values=(2, 4, 1), top=10),
    ]
    assert [trend.direction for trend in themes.ratings] == ["level", "falling"]
    assert Trend(name="x", flow=RESPOND, values=(3, 6), top=10).direction == "rising"


def test_commitments_dropped_changed_or_put_off_more_than_once() -> None:
    def item(text: str, status: str, *, recent: bool = False, reviews=()) -> Commitment:
        return Commitment(text=text, status=status, closed_recently=recent, reviews=reviews)

    themes = recurring_themes(
        reflections=[],
        commitments=[
            item("Ring the caretaker", "dropped"),
            item("Go to the surgery", "dropped", recent=True),
            item("Write to the chair", "revised"),
            item("Write to the council", "revised"),  # changed twice, but both long ago
            item(
                "Knock on the doors",
                "open",
                reviews=(Review("not_yet", False), Review("not_yet", True), Review("yes", True)),
            ),
            item("Ask the vicar", "open", reviews=(Review("not_yet", False),) * 2),
        ],
    )
    assert themes.commitments == [
        CommitmentPattern(kind="dropped", count=2, recent=1),
        CommitmentPattern(kind="put_off", count=2, recent=1, text="Knock on the doors"),
    ]


def test_labels_from_elsewhere_count_under_the_same_rule() -> None:
    reflections = [_said(1, recent=False), _said(2), _said(3), _said(4)]
    themes = recurring_themes(
        reflections=reflections,
        labelled={
            "blame placed out there": {1, 2, 4},
            "asked for the other's view": {3},
            # Reflection 9 is not among those given (kept private, say): it counts for nothing.
            "hid a feeling": {2, 9},
        },
    )
    assert themes.labels == [Recurring(name="blame placed out there", reflections=3, recent=2)]


def test_nothing_recurs_in_nothing() -> None:
    assert recurring_themes(reflections=[]).empty
    assert not recurring_themes(reflections=[_said(1, "bins"), _said(2, "bins")]).empty


@pytest.mark.parametrize(
    ("text", "limit", "expected", "cut"),
    [
        ("  Ring   the\ncaretaker ", 40, "Ring the caretaker", False),
        (
            "Ring the caretaker about the bins, today",
            30,
            "Ring the caretaker about the" + CUT,
            True,
        ),
        ("Ring the caretaker, then the council", 23, "Ring the caretaker" + CUT, True),
        ("Supercalifragilisticexpialidocious", 10, "Supercali" + CUT, True),
    ],
)
def test_shorten_cuts_at_a_word_and_says_so(
    text: str, limit: int, expected: str, cut: bool
) -> None:
    assert shorten(text, limit=limit) == (expected, cut)


def test_fit_keeps_what_the_room_holds_and_always_one() -> None:
    assert fit([3, 3, 3], 7) == 2
    assert fit([3, 3, 3], 9) == 3
    assert fit([10, 1], 2) == 1
    assert fit([], 5) == 0


def _exchange(step_id: str, answer: str, *, free_text: bool = True) -> Exchange:
    return Exchange(
        question=f"The {step_id} question?",
        answer=answer,
        skipped=False,
        answered_at=AT,
        step_id=step_id,
        free_text=free_text,
    )


def test_the_digest_leads_with_what_the_reflection_is_about() -> None:
    flows = load_content(Settings()).flows
    view = ReflectionView(
        number=3,
        flow_id="ability-to-respond",
        title=RESPOND,
        status="completed",
        started_at=AT,
        ended_at=None,
        note=None,
        exchanges=[
            _exchange("problem", "The bins"),
            _exchange("influence_before", "3 out of 10", free_text=False),
            _exchange("problem", "The bins, and the caretaker"),  # went back and changed it
            _exchange("own_part", "I never report it " + "and I never ask " * 20),
            _exchange("response", "I can ring"),
        ],
    )
    [entry] = digest(views=[view], flows=flows).entries
    assert entry.answers[0] == KeyAnswer(
        label="The problem",
        question="The problem question?",
        answer="The bins, and the caretaker",
        cut=False,
    )
    own_part = entry.answers[1]
    assert own_part.label == "Own part" and own_part.cut and len(own_part.answer) <= 140
    assert own_part.answer.startswith("I never report it and I never ask and")
    assert own_part.answer.endswith(CUT) and not own_part.answer.endswith(" " + CUT)
    assert len(entry.answers) == 2 and entry.left_out == 3


def test_the_digest_keeps_the_newest_that_fit_and_counts_the_rest() -> None:
    flows = load_content(Settings()).flows

    def view(number: int) -> ReflectionView:
        exchanges = [_exchange("problem", "The lifts"), _exchange("own_part", "I wait")]
        return ReflectionView(
            number, "ability-to-respond", RESPOND, "completed", AT, None, None, exchanges
        )

    views = [view(n) for n in (5, 4, 3, 2, 1)]
    # Each takes a heading (1.3 lines) and two one-line answers: 3.3 lines.
    kept = digest(views=views, flows=flows, room=7)
    assert [entry.number for entry in kept.entries] == [5, 4] and kept.earlier == 3
    assert [e.number for e in digest(views=views, flows=flows, room=1).entries] == [5]
    assert [e.number for e in digest(views=views, flows=flows).entries] == [5, 4, 3, 2]
