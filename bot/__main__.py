"""``python -m bot`` runs the coach CLI."""

from bot.cli import main

main()
