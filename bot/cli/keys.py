"""``coach keys generate``: fresh secrets for a production ``.env``."""

from __future__ import annotations

import click

from bot.settings import new_encryption_key, new_pseudonym_key


@click.group()
def keys() -> None:
    """Secrets for pseudonyms and reply-address encryption."""


@keys.command("generate")
def generate() -> None:
    """Print new keys as .env lines (keep them safe: losing them orphans every pseudonym)."""
    click.echo(f"COACH_PSEUDONYM_KEY={new_pseudonym_key()}")
    click.echo(f"COACH_ENCRYPTION_KEY={new_encryption_key()}")
