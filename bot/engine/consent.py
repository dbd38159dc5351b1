"""Consent: asked at first contact, one purpose at a time, before anything is kept.

Three separate questions, each a yes or a no: keep my reflections (without it nothing can run
and nothing is kept); share them with my coach; allow language-model processing. The answers so
far travel in the buttons' own values ("k1", "k1s0", "k1s0m1", plus ":CODE" when the person came
through an invitation link), so the questions need no stored state: nothing about a person is
written until the last answer, and then everything is written at once.

Afterwards ``/consent`` shows the choices and changes one at a time (turning "keep" off is
``/delete``), and a finished reflection can be marked private on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.effects import ConsentChanged, ReflectionPrivacy
from bot.engine.events import Command, Event, Press
from bot.engine.facts import Choices
from bot.engine.replies import Button, Reply
from bot.engine.turn import Turn
from bot.privacy_notice import PrivacyNotice

ASK = "consent"  # the first-contact questions
CHANGE = "choices"  # the /consent buttons
PRIVATE = "private"  # a finished reflection's sharing button
STOP_KEEPING = "stop"
_ANSWERS = re.compile(r"^k([01])(?:s([01]))?(?:m([01]))?(?::([A-Za-z0-9\-]{1,24}))?$")
_CODE = re.compile(r"^[A-Za-z0-9\-]{1,24}$")


@dataclass(frozen=True)
class FirstContact:
    """The outcome of a message from someone who has not (or not yet under this notice) agreed."""

    replies: list[Reply]
    given: Choices | None = None  # set once the last question is answered with keep = yes
    code: str = ""  # an invitation code carried through the questions


def first_contact(event: Event, *, notice: PrivacyNotice, changed: bool) -> FirstContact:
    """Ask, or take an answer. ``changed``: the person agreed to an earlier notice version.

    The crisis check has already run on ``event``; nothing here stores or echoes what was sent.
    """
    wording = notice.consent
    if isinstance(event, Press) and event.token == ASK:
        answers = _ANSWERS.match(event.value)
        if answers is not None:
            keep, share, model, code = answers.groups()
            code = code or ""
            if keep == "0":
                return FirstContact([Reply(text=wording.say("keep_declined"))])
            if share is None:
                return FirstContact([_question(notice, "share", "k1s", code)])
            if model is None:
                return FirstContact([_question(notice, "model", f"k1s{share}m", code)])
            return FirstContact([], Choices(share=share == "1", model=model == "1"), code)
    code = ""
    opening = wording.say("changed", version=notice.version) if changed else wording.say("intro")
    replies = [Reply(text=opening)]
    if isinstance(event, Command):
        if event.name == "start" and _CODE.match(event.argument.strip()):
            code = event.argument.strip()
        elif event.name == "privacy":
            replies.insert(0, Reply(text=notice.notice.strip()))
    replies.append(_question(notice, "keep", "k", code))
    return FirstContact(replies)


def given_reply(choices: Choices, *, notice: PrivacyNotice) -> Reply:
    wording = notice.consent
    return Reply(text=wording.say("given", **_described(choices, notice)))


def show_choices(turn: Turn, *, notice: PrivacyNotice) -> None:
    """``/consent``: the current choices, with a button to change each."""
    choices = turn.facts.consent()
    wording = notice.consent
    share = (
        Button(wording.share_off_button, "share0")
        if choices.share
        else Button(wording.share_on_button, "share1")
    )
    model = (
        Button(wording.model_off_button, "model0")
        if choices.model
        else Button(wording.model_on_button, "model1")
    )
    turn.replies.append(
        Reply(
            text=wording.say("settings", version=notice.version, **_described(choices, notice)),
            buttons=(share, model, Button(wording.stop_keeping_button, STOP_KEEPING)),
            token=CHANGE,
        )
    )


def change_choice(turn: Turn, value: str, *, notice: PrivacyNotice) -> bool:
    """Apply a /consent button; False when it is not one of ours (a stale one). The engine
    handles ``STOP_KEEPING`` itself: it is /delete."""
    current = turn.facts.consent()
    if value in ("share0", "share1"):
        choices = Choices(share=value == "share1", model=current.model)
    elif value in ("model0", "model1"):
        choices = Choices(share=current.share, model=value == "model1")
    else:
        return False
    turn.emit(ConsentChanged(choices.share, choices.model, notice.version, turn.at))
    turn.say(notice.consent.say("updated", **_described(choices, notice)))
    return True


def sharing_note(turn: Turn, number: int, *, notice: PrivacyNotice) -> None:
    """After a reflection is completed: who will see it, and a button to change that."""
    if not turn.facts.consent().share:
        return  # nothing is shared anyway; no choice to offer
    turn.replies.append(_sharing_reply(number, private=False, notice=notice))


def set_privacy(turn: Turn, value: str, *, notice: PrivacyNotice) -> bool:
    """A press on a reflection's sharing button ("7:1" makes reflection 7 private)."""
    number, _, flag = value.partition(":")
    if not number.isdigit() or flag not in ("0", "1") or int(number) > turn.state.sessions_started:
        return False
    private = flag == "1"
    turn.emit(ReflectionPrivacy(int(number), private, turn.at))
    turn.replies.append(_sharing_reply(int(number), private=private, notice=notice))
    return True


def _sharing_reply(number: int, *, private: bool, notice: PrivacyNotice) -> Reply:
    wording = notice.consent
    if private:
        text, button = wording.reflection_private, Button(wording.make_shared_button, f"{number}:0")
    else:
        text, button = wording.reflection_shared, Button(wording.make_private_button, f"{number}:1")
    return Reply(text=text, buttons=(button,), token=PRIVATE)


def _question(notice: PrivacyNotice, purpose: str, prefix: str, code: str) -> Reply:
    wording = notice.consent
    suffix = f":{code}" if code else ""
    return Reply(
        text=wording.say(purpose),
        buttons=(
            Button(getattr(wording, f"{purpose}_yes"), f"{prefix}1{suffix}"),
            Button(getattr(wording, f"{purpose}_no"), f"{prefix}0{suffix}"),
        ),
        token=ASK,
    )


def _described(choices: Choices, notice: PrivacyNotice) -> dict[str, str]:
    word = {True: notice.consent.word_yes, False: notice.consent.word_no}
    return {"share": word[choices.share], "model": word[choices.model]}
