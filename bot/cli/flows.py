"""``coach flows list | show ID | validate | graph ID``."""

from __future__ import annotations

import click
import yaml

from bot.cli import common
from bot.flows.graph import mermaid
from bot.flows.schema import Flow


@click.group()
def flows() -> None:
    """The reflection flows in prompts/flows."""


@flows.command("list")
def list_flows() -> None:
    """List every flow with its command and version."""
    for flow in common.content().flows:
        steps = len(flow.interactive_steps())
        click.echo(
            f"{flow.id:<22} /{flow.command:<11} v{flow.version}  {steps:>2} questions  {flow.title}"
        )


@flows.command()
@click.argument("flow_id")
def show(flow_id: str) -> None:
    """Print one flow as validated YAML."""
    flow = _flow(flow_id)
    data = flow.model_dump(mode="json", exclude_defaults=True)
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


@flows.command()
def validate() -> None:
    """Check every flow and the messages file; exit non-zero naming each problem."""
    content = common.content()
    click.echo(f"ok: {len(content.flows.flows)} flows and the messages file are valid")


@flows.command()
@click.argument("flow_id")
def graph(flow_id: str) -> None:
    """Print a flow as a Mermaid flowchart."""
    flow = _flow(flow_id)
    click.echo(mermaid(flow))


def _flow(flow_id: str) -> Flow:
    flow = common.content().flows.get(flow_id)
    if flow is None:
        raise click.ClickException(f"no flow {flow_id!r}; see: coach flows list")
    return flow
