"""Flow and wording files: the real ones load, and broken ones are refused with a precise reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from bot.flows.library import FlowFileError, load_flows
from bot.flows.schema import Flow
from bot.services import build_actions
from bot.wording import Messages, MessagesFileError, allowed_placeholders, load_messages

from conftest import PROMPTS

FLOW_FILES = sorted((PROMPTS / "flows").glob("*.yaml"))


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.name)
def test_every_flow_file_validates(path: Path) -> None:
    library = load_flows(path.parent, actions=build_actions())
    flow = library.get(path.stem)
    assert flow is not None and flow.version >= 1


def test_the_four_flows_are_present_with_their_commands() -> None:
    library = load_flows(PROMPTS / "flows", actions=build_actions())
    assert [(f.id, f.command) for f in library] == [
        ("defensive-reasoning", "defensive"),
        ("assumption-test", "assumption"),
        ("ability-to-respond", "respond"),
        ("check-in", "checkin"),
    ]


def test_every_flow_but_the_check_in_ends_in_a_dated_commitment() -> None:
    for flow in load_flows(PROMPTS / "flows", actions=build_actions()):
        ends = [s for s in flow.steps if s.kind == "end"]
        if flow.id == "check-in":
            assert any(s.kind == "action" and s.action == "checkin.record" for s in flow.steps)
        else:
            assert [e.commitment.due is not None for e in ends if e.commitment] == [True]


def test_messages_file_validates_and_lists_every_message() -> None:
    messages = load_messages(PROMPTS / "messages.yaml")
    allowed = allowed_placeholders()
    assert set(allowed) == set(Messages.model_fields)
    assert allowed["too_long"] == {"limit", "tail"} and allowed["menu"] == frozenset()
    assert "/checkin" in messages.help


def _good() -> dict:
    return yaml.safe_load((PROMPTS / "flows" / "ability-to-respond.yaml").read_text())


def _step(flow: dict, step_id: str) -> dict:
    return next(s for s in flow["steps"] if s["id"] == step_id)


def _broken(change) -> dict:
    flow = _good()
    change(flow)
    return flow


BROKEN = [
    (
        "unknown key",
        lambda f: _step(f, "problem").update(colour="red"),
        "step 'problem' (#2): field 'colour': Extra inputs are not permitted",
    ),
    ("unknown kind", lambda f: _step(f, "problem").update(kind="essay"), "step 'problem' (#2)"),
    (
        "missing text",
        lambda f: _step(f, "own_part").pop("text"),
        "step 'own_part' (#4): field 'text': Field required",
    ),
    (
        "bad placeholder",
        lambda f: _step(f, "response").update(text="About $problm?"),
        "step 'response': uses $problm, which no step or action sets",
    ),
    (
        "stray dollar",
        lambda f: _step(f, "response").update(text="Costs $5"),
        "step 'response': stray '$'",
    ),
    (
        "missing target",
        lambda f: _step(f, "problem").update(next="nowhere"),
        "step 'problem': goes to 'nowhere', which is not a step",
    ),
    (
        "duplicate ids",
        lambda f: _step(f, "who_else").update(id="problem"),
        "step ids used twice: problem",
    ),
    (
        "unknown action",
        lambda f: f["steps"].insert(1, {"id": "x", "kind": "action", "action": "no.such"}),
        "step 'x': no action named 'no.such'",
    ),
    (
        "scale of 7",
        lambda f: _step(f, "influence_before").update(max=7),
        "step 'influence_before' (#3): field 'max'",
    ),
    ("no version", lambda f: f.pop("version"), "field 'version': Field required"),
    (
        "due not a date",
        lambda f: f["steps"][-1]["commitment"].update(due="action"),
        "commitment due must name a date question",
    ),
    (
        "unreachable",
        lambda f: _step(f, "problem").update(next="influence_after"),
        "steps never reached: influence_before",
    ),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_flow_file_is_refused_naming_file_step_and_problem(
    tmp_path, name, change, expected
) -> None:
    (tmp_path / "ability-to-respond.yaml").write_text(yaml.safe_dump(_broken(change)))
    with pytest.raises(FlowFileError) as caught:
        load_flows(tmp_path, actions=build_actions())
    message = str(caught.value)
    assert "ability-to-respond.yaml" in message
    assert expected in message


def test_a_loop_without_a_question_is_refused() -> None:
    flow = _good()
    flow["steps"][0]["next"] = "loop"
    flow["steps"].insert(1, {"id": "loop", "kind": "message", "text": "again", "next": "intro"})
    with pytest.raises(Exception, match="loop without a question"):
        Flow.model_validate(flow, context={"actions": build_actions()})


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: [unclosed", "cannot read it"),
        ("- just\n- a list\n", "expected a mapping"),
        ("", "expected a mapping"),
    ],
)
def test_unreadable_flow_files_are_named(tmp_path, content, expected) -> None:
    (tmp_path / "bad.yaml").write_text(content)
    with pytest.raises(FlowFileError, match=f"bad.yaml: {expected}"):
        load_flows(tmp_path, actions=build_actions())


def test_file_name_must_match_the_flow_id(tmp_path) -> None:
    (tmp_path / "other.yaml").write_text(yaml.safe_dump(_good()))
    with pytest.raises(FlowFileError, match="does not match the file name"):
        load_flows(tmp_path, actions=build_actions())


def test_a_messages_file_with_an_unknown_placeholder_is_refused(tmp_path) -> None:
    raw = yaml.safe_load((PROMPTS / "messages.yaml").read_text())
    raw["empty"] = "Nothing from {name}"
    (tmp_path / "messages.yaml").write_text(yaml.safe_dump(raw))
    with pytest.raises(MessagesFileError, match=r"empty: unknown placeholder\(s\) \['name'\]"):
        load_messages(tmp_path / "messages.yaml")


def test_cli_lists_shows_validates_and_graphs_flows() -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["flows", "list"])
    assert listed.exit_code == 0, listed.output
    assert "defensive-reasoning" in listed.output and "/checkin" in listed.output
    shown = runner.invoke(main, ["flows", "show", "assumption-test"])
    assert shown.exit_code == 0 and "id: assumption-test" in shown.output
    Flow.model_validate(yaml.safe_load(shown.output), context={"actions": build_actions()})
    assert runner.invoke(main, ["flows", "validate"]).exit_code == 0
    graph = runner.invoke(main, ["flows", "graph", "check-in"])
    assert graph.output.startswith("flowchart TD")
    assert 'route -->|"empty"| nothing_open' in graph.output
    assert "record --> pick" in graph.output
    missing = runner.invoke(main, ["flows", "show", "nope"])
    assert missing.exit_code != 0 and "no flow 'nope'" in missing.output


def test_the_coach_refuses_to_start_on_an_invalid_flow(tmp_path, monkeypatch) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(PROMPTS, prompts)
    flow = prompts / "flows" / "check-in.yaml"
    flow.write_text(flow.read_text().replace("action: checkin.record", "action: checkin.recrod"))
    monkeypatch.setenv("COACH_PROMPTS_DIR", str(prompts))
    result = CliRunner().invoke(main, ["chat"], input="hello\n")
    assert result.exit_code != 0
    assert "check-in.yaml: step 'record': no action named 'checkin.recrod'" in result.output


def test_no_message_or_flow_text_shows_a_raw_escape() -> None:
    messages = load_messages(PROMPTS / "messages.yaml")
    for name in Messages.model_fields:
        assert "\\u" not in getattr(messages, name), name
    for flow in load_flows(PROMPTS / "flows", actions=build_actions()):
        for step in flow.steps:
            for text in (getattr(step, "text", ""), getattr(step, "hint", "") or ""):
                assert "\\u" not in text, (flow.id, step.id)
