"""The crisis path inside the engine: checked first on every typed message and command argument.

On a hit the reviewed card is shown (harm from others has its own), the reflection in progress
is paused with a choice to carry on later, and a ``SafetyFlagged`` effect tells the coach the
category and the time, never the words. The message itself is not taken as an answer and is
not stored. While paused, typed text is not taken as an answer either, until the person
presses "carry on", starts a reflection, or moves within one.
"""

from __future__ import annotations

from bot.engine.effects import SafetyFlagged
from bot.engine.events import Command, Event, Text
from bot.engine.replies import Button, Reply
from bot.engine.turn import Turn
from bot.safety.crisis import Category, SecondOpinion, check_with_history
from bot.safety.signposting import Signposting

SAFETY = "safety"
RESUME = "resume"
LATER = "later"


def words_of(event: Event) -> str | None:
    if isinstance(event, Text):
        return event.text
    if isinstance(event, Command):
        return f"{event.name} {event.argument}"
    return None


def crisis_check(
    turn: Turn, event: Event, *, signposting: Signposting, second: SecondOpinion | None = None
) -> bool:
    """Show the card and pause when ``event`` carries risk; True when it did.

    ``second`` (the optional embedding layer) is asked only when the patterns found nothing.
    """
    words = words_of(event)
    if words is None:
        return False
    hit, turn.state.risk_trail = check_with_history(words, turn.state.risk_trail, second=second)
    if hit is None:
        return False
    cards = signposting.cards
    text = cards.harm_from_others if hit.category == Category.HARM_FROM_OTHERS else cards.crisis
    turn.emit(SafetyFlagged(hit.category.value, turn.at))
    turn.state.pending_switch = None
    if turn.state.active is None:
        turn.replies.append(Reply(text=text.strip()))
        return True
    turn.state.paused = True
    turn.replies.append(Reply(text=text.strip(), buttons=_choices(signposting), token=SAFETY))
    return True


def paused_reply(signposting: Signposting) -> Reply:
    return Reply(text=signposting.cards.paused, buttons=_choices(signposting), token=SAFETY)


def _choices(signposting: Signposting) -> tuple[Button, ...]:
    return (
        Button(signposting.cards.resume_button, RESUME),
        Button(signposting.cards.later_button, LATER),
    )
