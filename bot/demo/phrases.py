"""Invented answers, commitments and notes for demo data, already in the redactor's style.

Every sentence is made up here from small parts, so no real person's words are ever copied into
a demo database. Names appear only as the placeholders the redactor leaves ("[PERSON 1]"), as
they would in a real store. One ``Scene`` (a setting, someone else involved, an issue) is chosen
per reflection, so the answers of one reflection talk about the same thing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

SETTINGS = (
    "the tenants' forum",
    "the food bank rota meeting",
    "the youth club steering group",
    "the allotment society committee",
    "the partnership board with the council",
    "the community centre trustees' meeting",
    "the residents' association AGM",
    "the mutual aid WhatsApp group",
    "the school gate parents' group",
    "the library friends' group",
    "the estate walkabout with the housing team",
    "the faith groups' network",
)
OTHERS = (
    "[PERSON 1], the chair",
    "[PERSON 1] from the council's regeneration team",
    "the housing officer, [PERSON 1]",
    "two of the Saturday volunteers",
    "[PERSON 1], who runs the café",
    "the new treasurer, [PERSON 2]",
    "[PERSON 1] from the health centre",
    "the ward councillor",
    "[PERSON 2], our longest-serving volunteer",
    "the caretaker",
)
ISSUES = (
    "the minutes went out three weeks late again",
    "nobody would take on the grant report",
    "the new bin rota was agreed without asking us",
    "the hall bookings clashed for the second month running",
    "the survey results were never shared back with residents",
    "the same three people did all the setting up",
    "the funding bid was sent without the figures we agreed",
    "the repairs list from the spring has not moved",
    "volunteers stopped turning up for the Tuesday shift",
    "the newsletter went out with the wrong date for the open day",
    "the youth workers were told about the closure last",
    "the council changed the consultation deadline with a week's notice",
)
THOUGHTS = (
    "they had already made up their minds",
    "I was being talked down to",
    "it would all land on me again",
    "nobody else cares as much as I do",
    "they see us as a box to tick",
    "if I pushed it I'd look difficult",
    "I had let the group down",
    "it was pointless raising it in front of everyone",
)
HABITS = (
    "go quiet and complain afterwards",
    "do the job myself instead of asking",
    "assume the answer will be no before I ask",
    "send long emails rather than pick up the phone",
    "wait for the chair to raise it",
    "let it slide until I'm annoyed",
    "say yes to everything and then fall behind",
)
ACTIONS = (
    "ask {other} for ten minutes before the next meeting",
    "put the item on the agenda myself with a short note on why",
    "ring {other} and ask how it looks from their side",
    "offer to draft the first half of the report and ask who takes the rest",
    "share my notes from {setting} with everyone the same day",
    "say at the start of {setting} what I hope we can decide",
    "ask two quieter members what they would change",
    "write down what I think is going wrong and check it with {other}",
    "propose a rota for setting up and ask for names on the night",
)
OUTCOMES = (
    "We met for a coffee and {other} explained the deadline had come from above.",
    "I raised it at {setting}; two people said they had felt the same.",
    "The conversation was shorter than I expected and we agreed a date.",
    "I sent the message but have not had a reply yet.",
    "It went better than I feared. {Other} had been waiting for someone to ask.",
    "I lost my nerve on the day and said nothing.",
    "We argued a bit, but ended up with a plan both of us could live with.",
    "Half of it happened: I asked, but did not follow it up.",
)
LEARNING = (
    "Asking early costs less than fixing it later.",
    "My story about them was more certain than the facts were.",
    "People answer a direct question better than a hint.",
    "I carry more of this on my own than anyone asked me to.",
    "Saying why I think something opens the conversation up.",
    "The delay was not about us at all.",
    "Others were waiting for someone to go first.",
)
WANTS = (
    "a date we could all hold each other to",
    "to be treated as a partner rather than an audience",
    "someone else to take the lead for once",
    "an honest answer about the money",
    "to leave with a plan rather than a grievance",
)
NEEDS = (
    "a clear ask rather than a complaint",
    "to hear what we can offer, not just what is wrong",
    "some notice before the meeting",
    "to know it is safe to disagree",
)
CALL_NOTES = (
    "Would like to talk about the handover to [PERSON 1].",
    "Stuck on the grant report, could we go through it?",
    "The committee meeting did not go well and I'd like to think it through.",
    "Want to plan how to raise the rota at {setting}.",
    "Not sure my experiment is working, can we talk?",
    "Thinking of stepping back from the chair role.",
)
COACH_NOTES = (
    "Talked through the meeting at {setting}. Agreed to try asking before assuming.",
    "Good call: keen to keep the check-ins going. Follow up in a month.",
    "We looked at the rota problem; they will test one change and report back.",
    "Mostly about confidence in the chair role. Suggested the ability-to-respond reflection.",
    "Short call, things are moving. Nothing to follow up.",
    "Discussed how to share their reasoning with [PERSON 1] without it sounding like blame.",
)
DATE_WORDS = (
    ("Tomorrow", 1),
    ("In 3 days", 3),
    ("This Friday", 4),
    ("In a week", 7),
    ("In two weeks", 14),
    ("Next Monday", 6),
)


@dataclass(frozen=True)
class Scene:
    setting: str
    other: str
    issue: str


def scene(rng: random.Random) -> Scene:
    return Scene(rng.choice(SETTINGS), rng.choice(OTHERS), rng.choice(ISSUES))


def _fill(template: str, at: Scene) -> str:
    other = at.other
    return template.format(setting=at.setting, other=other, Other=other[:1].upper() + other[1:])


def _situation(rng: random.Random, at: Scene) -> str:
    return _capital(
        rng.choice(
            (
                f"At {at.setting}, {at.issue}.",
                f"{at.issue} and {at.other} said it was not their problem.",
                f"{at.other} told {at.setting} that {at.issue}.",
            )
        )
    )


def _action(rng: random.Random, at: Scene) -> str:
    return _capital(_fill(rng.choice(ACTIONS), at))


# What kind of answer each question asks for, by step id; unknown ids get a plain sentence.
KINDS: dict[str, Callable[[random.Random, Scene], str]] = {
    "problem": _situation,
    "situation": _situation,
    "facts": _situation,
    "wanted": lambda rng, at: f"I wanted {rng.choice(WANTS)}.",
    "said": lambda rng, at: (
        f"{_capital(at.other)}: 'We're looking into it.' Me: 'Right. Let me know.'"
    ),
    "unsaid": lambda rng, at: f"I was thinking {rng.choice(THOUGHTS)}.",
    "story": lambda rng, at: f"That {rng.choice(THOUGHTS)}.",
    "assumption": lambda rng, at: f"That {rng.choice(THOUGHTS)}.",
    "evidence": lambda rng, at: "'We're looking into it', when the list hadn't changed in months.",
    "evidence_for": lambda rng, at: f"{_capital(at.issue)}, and it is not the first time.",
    "evidence_against": lambda rng, at: f"{_capital(at.other)} did ring me back last time.",
    "alternative": lambda rng, at: "They are stretched too and nobody told them it mattered.",
    "cost": lambda rng, at: f"{_capital(at.other)} still does not know what I think.",
    "share": lambda rng, at: (
        "Here is what I keep noticing and why it bothers me. What am I missing?"
    ),
    "own_part": lambda rng, at: f"I {rng.choice(HABITS)}.",
    "response": _action,
    "who_else": lambda rng, at: f"{_capital(at.other)}; they need {rng.choice(NEEDS)}.",
    "action": _action,
    "experiment": _action,
    "test_plan": _action,
    "test_with": lambda rng, at: at.other,
    "disconfirm": lambda rng, at: "If they show me a plan with dates, I'd accept I was wrong.",
    "what_happened": lambda rng, at: _fill(rng.choice(OUTCOMES), at),
    "what_stopped": lambda rng, at: rng.choice(
        ("Ran out of time.", "The meeting was cancelled.", "I was ill that week.")
    ),
    "learned": lambda rng, at: rng.choice(LEARNING),
    "belief_now": lambda rng, at: "They were not ignoring us; the decision was made elsewhere.",
    "revised_text": _action,
    "next_step": _action,
}


def answer_text(rng: random.Random, step_id: str, at: Scene) -> str:
    """A made-up answer to the question ``step_id`` about ``at``."""
    make = KINDS.get(step_id)
    if make is None:
        return _capital(f"{at.issue}.")
    return make(rng, at)


def date_answer(rng: random.Random) -> tuple[str, int]:
    """What a person typed for a date question, and how many days ahead it means."""
    return rng.choice(DATE_WORDS)


def call_note(rng: random.Random, at: Scene) -> str:
    return _fill(rng.choice(CALL_NOTES), at)


def coach_note(rng: random.Random, at: Scene) -> str:
    return _fill(rng.choice(COACH_NOTES), at)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
