"""Loading every flow file, and saying exactly what is wrong with a bad one.

The coach refuses to start on an invalid file: a half-loaded flow would strand people mid-way.
Each problem names the file, the step (by id when it has one) and what is wrong, in words a flow
writer can act on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.flows.schema import Flow


class FlowFileError(Exception):
    """One or more flow files are invalid; ``problems`` lists each as a readable line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid flow files:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


class FlowLibrary:
    """The loaded flows, in menu order, by id and by command."""

    def __init__(self, flows: Iterable[Flow]) -> None:
        self.flows = tuple(flows)
        self._by_id = {flow.id: flow for flow in self.flows}
        self._by_command = {flow.command: flow for flow in self.flows}

    def get(self, flow_id: str) -> Flow | None:
        return self._by_id.get(flow_id)

    def by_command(self, command: str) -> Flow | None:
        return self._by_command.get(command)

    def __iter__(self) -> Iterator[Flow]:
        return iter(self.flows)


def load_flows(directory: Path, *, actions: Mapping[str, Iterable[str]]) -> FlowLibrary:
    """Load and check every flow file in ``directory``; ``FlowFileError`` lists all problems."""
    files = sorted(directory.glob("*.yaml"))
    problems: list[str] = []
    flows: list[Flow] = []
    if not files:
        raise FlowFileError([f"{directory}: no flow files (*.yaml) found"])
    for path in files:
        try:
            flows.append(load_flow_file(path, actions=actions))
        except FlowFileError as error:
            problems.extend(error.problems)
    seen: dict[str, str] = {}
    for flow in flows:
        for key in (f"id {flow.id!r}", f"command /{flow.command}"):
            if key in seen:
                problems.append(f"{flow.id}: {key} is also used by {seen[key]}")
            seen[key] = flow.id
    if problems:
        raise FlowFileError(problems)
    return FlowLibrary(sorted(flows, key=lambda flow: (flow.menu_position, flow.id)))


def load_flow_file(path: Path, *, actions: Mapping[str, Iterable[str]]) -> Flow:
    """Load one flow file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FlowFileError([f"{path.name}: cannot read it: {_one_line(exc)}"]) from exc
    if not isinstance(raw, dict):
        raise FlowFileError([f"{path.name}: expected a mapping with id, version and steps"])
    try:
        flow = Flow.model_validate(raw, context={"actions": actions})
    except ValidationError as exc:
        raise FlowFileError([_describe(path, raw, error) for error in exc.errors()]) from exc
    if flow.id != path.stem:
        raise FlowFileError([f"{path.name}: id {flow.id!r} does not match the file name"])
    return flow


def _describe(path: Path, raw: dict[str, Any], error: Any) -> str:
    location = list(error["loc"])
    where = ""
    if len(location) >= 2 and location[0] == "steps" and isinstance(location[1], int):
        index = location[1]
        steps = raw.get("steps") or []
        step = steps[index] if index < len(steps) else None
        step_id = step.get("id") if isinstance(step, dict) else None
        where = f"step {step_id!r} (#{index + 1})" if step_id else f"step #{index + 1}"
        # Drop the index and the discriminator tag pydantic adds to the path.
        location = location[2:]
        if location and isinstance(step, dict) and location[0] == step.get("kind"):
            location = location[1:]
    field = ".".join(str(part) for part in location)
    message = str(error["msg"]).removeprefix("Value error, ")
    parts = [path.name, where, f"field {field!r}" if field else "", message]
    return ": ".join(part for part in parts if part)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
