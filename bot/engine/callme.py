"""``/callme``: the person asks their coach for a call, with an optional note of what about.

The argument is the note (``/callme my manager and the rota``); ``/callme`` alone is a request
without one. The note is redacted here, before it becomes an effect, like every answer. Whether
the coach may read it is decided where the coach reads (``bot.store.calls``), from the person's
consent at that moment, so changing /consent later applies to notes already sent.
"""

from __future__ import annotations

from bot.engine.effects import CallRequested
from bot.engine.text_input import clean
from bot.engine.turn import Turn
from bot.redaction import Redact
from bot.wording import Messages

MAX_NOTE_CHARS = 500


def callme_command(turn: Turn, argument: str, *, messages: Messages, redact: Redact) -> None:
    """Record the request and say who will see what."""
    note = clean(argument, limit=MAX_NOTE_CHARS).text
    turn.emit(CallRequested(note=redact(note) if note else None, at=turn.at))
    turn.say(messages.say("callme_done"))
    if note and not turn.facts.consent().share:
        turn.say(messages.say("callme_note_private"))
