"""``/remind``: choose the days and time of opt-in nudges, or turn them off.

Typed (``/remind mon thu 18:30``) or from a few ready-made patterns offered as buttons. The
engine only decides; the store arms the reminders from the ``RemindersChanged`` effect.
"""

from __future__ import annotations

from datetime import time

from bot.engine.effects import RemindersChanged
from bot.engine.replies import Button, Reply
from bot.engine.turn import Turn
from bot.reminder_schedule import Schedule, describe_schedule, parse_schedule
from bot.wording import Messages

REMIND = "remind"
OFF = "off"
PRESETS: dict[str, Schedule] = {
    "weekdays_1800": Schedule((0, 1, 2, 3, 4), time(18, 0)),
    "mon_thu_0900": Schedule((0, 3), time(9, 0)),
    "daily_2000": Schedule((0, 1, 2, 3, 4, 5, 6), time(20, 0)),
    "sunday_1900": Schedule((6,), time(19, 0)),
}


def remind_command(turn: Turn, argument: str, *, messages: Messages) -> None:
    """Show the choices, or apply what was typed after ``/remind``."""
    wanted = argument.strip()
    if not wanted:
        current = turn.facts.reminder_schedule()
        described = describe_schedule(current) if current else messages.say("remind_none")
        buttons = [Button(describe_schedule(s).capitalize(), key) for key, s in PRESETS.items()]
        if current is not None:
            buttons.append(Button(messages.say("remind_off_button"), OFF))
        turn.replies.append(
            Reply(
                text=messages.say("remind_menu", current=described),
                buttons=tuple(buttons),
                token=REMIND,
            )
        )
        return
    if wanted.lower() in ("off", "stop", "none", "no"):
        _turn_off(turn, messages=messages)
        return
    schedule = parse_schedule(wanted)
    if schedule is None:
        turn.say(messages.say("remind_usage"))
        return
    _set(turn, schedule, messages=messages)


def remind_press(turn: Turn, value: str, *, messages: Messages) -> bool:
    """Apply a pressed pattern; False when the button is not one of ours (a stale one)."""
    if value == OFF:
        _turn_off(turn, messages=messages)
        return True
    schedule = PRESETS.get(value)
    if schedule is None:
        return False
    _set(turn, schedule, messages=messages)
    return True


def _set(turn: Turn, schedule: Schedule, *, messages: Messages) -> None:
    turn.emit(RemindersChanged(schedule, turn.at))
    turn.say(messages.say("remind_set", schedule=describe_schedule(schedule)))


def _turn_off(turn: Turn, *, messages: Messages) -> None:
    turn.emit(RemindersChanged(None, turn.at))
    turn.say(messages.say("remind_off"))
