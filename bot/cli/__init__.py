"""The ``coach`` command: noun groups with verbs (``coach flows list``), as thin as can be.

Each command builds what it needs from settings through the composition root and does one thing.
"""

from __future__ import annotations

import click

from bot.cli.chat import chat, export
from bot.cli.cohorts import cohorts, invites
from bot.cli.demo_data import demo_data
from bot.cli.evals import evals_group
from bot.cli.flows import flows
from bot.cli.keys import keys
from bot.cli.knowledge import ask, knowledge
from bot.cli.lens import evals_lens, lens
from bot.cli.purge import purge
from bot.cli.safety import safety_group
from bot.cli.staff import staff
from bot.cli.telegram import bot_command
from bot.cli.web import web_command


@click.group()
@click.version_option(package_name="reflective-coach")
def main() -> None:
    """A reflective-practice coach for community-leadership alumni."""


main.add_command(chat)
main.add_command(export)
main.add_command(flows)
main.add_command(keys)
main.add_command(knowledge)
main.add_command(ask)
main.add_command(evals_group)
evals_group.add_command(evals_lens)
main.add_command(lens)
main.add_command(bot_command)
main.add_command(cohorts)
main.add_command(demo_data)
main.add_command(invites)
main.add_command(purge)
main.add_command(safety_group)
main.add_command(staff)
main.add_command(web_command)
