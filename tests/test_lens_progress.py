"""The person's own pattern over time in /progress, the trend behind it, and the lens's wording
file (prompts/lens.yaml) refusing mistakes."""

from __future__ import annotations

import pytest
import yaml

from bot.engine.facts import SessionSummary, StaticFacts
from bot.lens.content import LensContent, LensContentError, load_lens_content
from bot.lens.reading import Finding, LensReading
from bot.lens.trend import trend
from bot.services import load_content
from bot.settings import Settings

from conftest import PROMPTS
from drivers import EngineDriver

OWN, B, A = "ownership", "blame_out_there", "absolutes"


@pytest.mark.parametrize(
    ("reflections", "window", "first", "recent", "direction", "top"),
    [
        ([], 0, 0, 0, "same", None),
        ([{OWN}], 0, 0, 0, "same", None),
        ([set(), {OWN}], 1, 0, 1, "more", None),
        ([{OWN}, {B}, {B, A}], 1, 1, 0, "fewer", B),
        ([{B}, {A}, {A}, {OWN}, {OWN, A}, {OWN}], 3, 0, 3, "more", A),
        ([{OWN}] * 12, 5, 5, 5, "same", None),
    ],
)
def test_trend_compares_the_first_and_latest_reflections(
    reflections, window, first, recent, direction, top
) -> None:
    seen = trend([frozenset(r) for r in reflections])
    assert (seen.window, seen.ownership_first, seen.ownership_recent, seen.direction) == (
        window,
        first,
        recent,
        direction,
    )
    assert (seen.patterns[0][0] if seen.patterns else None) == top


def _progress(clock, lens: list[set[str]]) -> str:
    sessions = [
        SessionSummary("ability-to-respond", "completed", clock.now) for _ in range(len(lens))
    ]
    driver = EngineDriver(clock, StaticFacts(sessions=sessions, lens=[frozenset(x) for x in lens]))
    driver.command("/progress")
    return driver.text


def test_progress_shows_ownership_now_against_the_start_in_plain_words(clock) -> None:
    text = _progress(clock, [{B}, {B, A}, {OWN}, {OWN, B}])
    assert "How you've been putting things:" in text
    assert "in 2 of your last 2 reflections, and 0 of your first 2" in text
    assert "more often than when you started" in text
    assert "Showing up most: putting the cause on others (3 of 4 reflections)" in text
    assert "blame_out_there" not in text  # plain words only


def test_progress_waits_for_a_second_reflection_before_comparing(clock) -> None:
    text = _progress(clock, [{OWN}])
    assert "After a few more reflections" in text and "first 1" not in text


def test_progress_without_lens_readings_says_nothing_about_the_lens(clock) -> None:
    assert "putting things" not in _progress(clock, [])


def test_choose_takes_the_surest_pattern_with_a_probe_not_yet_had() -> None:
    content = load_content(Settings()).lens
    reading = LensReading(
        (
            Finding("ownership", 0.95, (), 0),  # no probes for ownership
            Finding("mind_reading", 0.9, ("she thinks",), 0),
            Finding("absolutes", 0.8, ("never",), 1),
            Finding("blame_out_there", 0.5, (), 1),  # below min_confidence
        )
    )
    mind = [p.id for p in content.probes["mind_reading"]]
    assert content.choose(reading, had=[]) == ("mind_reading", content.probes["mind_reading"][0])
    label, probe = content.choose(reading, had=mind) or ("", None)
    assert label == "absolutes" and probe == content.probes["absolutes"][0]
    every = [p.id for ps in content.probes.values() for p in ps]
    assert content.choose(reading, had=every) is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["names"].pop("ownership"), "names must cover"),
        (
            lambda d: d["probes"].update(none=[{"id": "x", "text": "Anything at all to add?"}]),
            "unknown labels",
        ),
        (
            lambda d: d["probes"]["absolutes"].append(dict(d["probes"]["absolutes"][0])),
            "used twice",
        ),
        (lambda d: d["probes"]["absolutes"][0].update(text="Is it $always true then?"), "pattern"),
        (lambda d: d.update(min_confidence=0.1), "min_confidence"),
        (lambda d: d.update(colour="red"), "colour"),
    ],
)
def test_a_mistake_in_the_lens_wording_file_is_refused(tmp_path, change, problem) -> None:
    data = yaml.safe_load((PROMPTS / "lens.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "lens.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(LensContentError, match=r"lens\.yaml") as raised:
        load_lens_content(path)
    assert problem in str(raised.value)


def test_quiet_steps_must_name_real_questions() -> None:
    content = load_lens_content(PROMPTS / "lens.yaml")
    flows = {flow.id: [s.id for s in flow.steps] for flow in load_content(Settings()).flows}
    content.check_steps(flows, label="lens.yaml")
    wrong = LensContent.model_validate(
        {**content.model_dump(), "quiet_steps": {"ability-to-respond": ["no_such_step"]}}
    )
    with pytest.raises(LensContentError, match="no_such_step"):
        wrong.check_steps(flows, label="lens.yaml")
