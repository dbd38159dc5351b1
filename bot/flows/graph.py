"""A flow as a Mermaid flowchart, for reviewing its shape at a glance."""

from __future__ import annotations

from bot.flows.schema import BranchStep, EndStep, Flow, Step, successors

SHAPES = {
    "message": ("[/", "/]"),
    "question": ("[", "]"),
    "choice": ("{{", "}}"),
    "multi_choice": ("{{", "}}"),
    "scale": ("[[", "]]"),
    "action": ("[(", ")]"),
    "branch": ("{", "}"),
    "knowledge": ("[\\", "\\]"),
    "end": ("([", "])"),
}


def mermaid(flow: Flow) -> str:
    lines = ["flowchart TD"]
    for step in flow.steps:
        left, right = SHAPES[step.kind]
        lines.append(f'    {step.id}{left}"{_label(step)}"{right}')
    for step in flow.steps:
        if isinstance(step, BranchStep):
            for case in step.cases:
                lines.append(f'    {step.id} -->|"{" / ".join(case.when)}"| {case.goto}')
            fallback = successors(flow, step)[-1]
            lines.append(f"    {step.id} -->|otherwise| {fallback}")
        elif not isinstance(step, EndStep):
            lines.append(f"    {step.id} --> {successors(flow, step)[-1]}")
    return "\n".join(lines)


def _label(step: Step) -> str:
    detail = getattr(step, "action", None) or getattr(step, "text", "") or ""
    detail = " ".join(detail.split())
    if len(detail) > 40:
        detail = detail[:39] + "…"
    return f"{step.id} · {step.kind}<br/>{detail}".replace('"', "'")
