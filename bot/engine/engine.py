"""The conversation engine: ``(state, event) -> (state, replies, effects)``, and nothing else.

It knows nothing of Telegram, terminals or databases. Transports turn input into events and
render replies; the conversation service loads state, supplies read-only facts, and writes the
effects and the new state in one transaction. Given the same state, event and facts, a turn
always produces the same result, which is what makes the engine testable as transition tables.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.engine.actions import ActionRegistry
from bot.engine.answers import Accepted, Problem, Skip, Toggled, read_press, read_text
from bot.engine.callme import callme_command
from bot.engine.consent import (
    CHANGE,
    PRIVATE,
    STOP_KEEPING,
    FirstContact,
    change_choice,
    first_contact,
    set_privacy,
    sharing_note,
    show_choices,
)
from bot.engine.crisis_path import LATER, RESUME, SAFETY, crisis_check, paused_reply
from bot.engine.effects import CommandUsed, ErasureConfirmed, SessionEnded
from bot.engine.events import Command, Event, Press, Resume, Text, Unsupported
from bot.engine.export import describe_export
from bot.engine.facts import Facts, StaticFacts
from bot.engine.probing import Prober, is_skip
from bot.engine.progress import describe_progress
from bot.engine.reminder_commands import REMIND, remind_command, remind_press
from bot.engine.render import Renderer
from bot.engine.replies import Button, Reply
from bot.engine.state import ConversationState, PendingSwitch
from bot.engine.stepping import FlowGone, Stepper
from bot.engine.text_input import clean, normalise_label, tail
from bot.engine.turn import Outcome, Recall, Turn
from bot.flows.library import FlowLibrary
from bot.flows.schema import Flow
from bot.lens.content import LensContent
from bot.lens.reading import Lens
from bot.privacy_notice import PrivacyNotice
from bot.redaction import Redact
from bot.safety.crisis import Hit, SecondOpinion, check
from bot.safety.signposting import Signposting
from bot.wording import Messages

MENU = "menu"
SWITCH = "switch"
KEEP = "keep"
DELETE = "delete"
ERASE = "erase"
NAVIGATION = frozenset({"back", "skip", "cancel"})
MAX_QUESTION_CHARS = 1_000


class Engine:
    def __init__(
        self,
        *,
        flows: FlowLibrary,
        actions: ActionRegistry,
        messages: Messages,
        redact: Redact,
        max_answer_chars: int,
        timezone: ZoneInfo,
        signposting: Signposting,
        notice: PrivacyNotice,
        crisis_second_opinion: SecondOpinion | None = None,
        lens: Lens | None = None,
        lens_content: LensContent | None = None,
    ) -> None:
        """``lens`` and ``lens_content`` together switch on the reasoning lens (labels and
        probes after free-text answers); without them the coach runs without it."""
        self.flows = flows
        self.lens_content = lens_content
        self.signposting = signposting
        self.crisis_second_opinion = crisis_second_opinion
        self.notice = notice
        self.messages = messages
        self.max_answer_chars = max_answer_chars
        self.timezone = timezone
        self.redact = redact
        self.renderer = Renderer(messages=messages)
        prober = (
            Prober(lens=lens, content=lens_content, messages=messages)
            if lens is not None and lens_content is not None
            else None
        )
        self.stepper = Stepper(
            flows=flows,
            actions=actions,
            renderer=self.renderer,
            messages=messages,
            redact=redact,
            prober=prober,
        )

    def handle(
        self,
        state: ConversationState,
        event: Event,
        *,
        facts: Facts,
        recall: Recall | None = None,
        names: dict[tuple[str, str], int] | None = None,
    ) -> Outcome:
        """Apply one event to a copy of ``state``."""
        turn = Turn(
            state=state.model_copy(deep=True),
            at=event.at,
            today=event.at.astimezone(self.timezone).date(),
            facts=facts,
            recall=dict(recall or {}),
            names=dict(names or {}),
        )
        try:
            self._dispatch(turn, event)
            for effect in turn.effects:
                if isinstance(effect, SessionEnded) and effect.status == "completed":
                    sharing_note(turn, effect.number, notice=self.notice)
        except FlowGone:
            # The flow file changed under an unfinished reflection: close it rather than strand it.
            turn.replies.clear()
            self.stepper.end(turn, "abandoned")
            turn.say(self.messages.say("flow_unavailable"))
            self._menu(turn)
        return Outcome(turn.state, turn.replies, turn.effects, turn.recall, turn.names)

    def crisis_hit(self, text: str) -> Hit | None:
        """The crisis check on ``text`` alone, as this engine runs it (for transports)."""
        return check(text, second=self.crisis_second_opinion)

    def _crisis(self, turn: Turn, event: Event) -> bool:
        return crisis_check(
            turn, event, signposting=self.signposting, second=self.crisis_second_opinion
        )

    def first_contact(self, event: Event, *, changed: bool) -> FirstContact:
        """A message from someone who has not agreed (or not to this notice version) yet.

        The crisis check still runs first. Its flag is not kept: nothing about a person is
        stored before they agree, and there is no coach relationship to flag it to.
        """
        turn = Turn(
            state=ConversationState(),
            at=event.at,
            today=event.at.astimezone(self.timezone).date(),
            facts=StaticFacts(),
            recall={},
        )
        if self._crisis(turn, event):
            return FirstContact(turn.replies)
        return first_contact(event, notice=self.notice, changed=changed)

    def _dispatch(self, turn: Turn, event: Event) -> None:
        # Safety first: before commands, flows, retrieval or anything else.
        if self._crisis(turn, event):
            return
        if turn.state.paused and self._while_paused(turn, event):
            return
        if isinstance(event, Command):
            turn.emit(CommandUsed(event.name, turn.at))
            self._command(turn, event)
            return
        pending, turn.state.pending_switch = turn.state.pending_switch, None
        if isinstance(event, Press):
            if event.token == SWITCH and pending is not None:
                self._switch(turn, event.value, pending.flow_id)
            elif event.token == MENU:
                self._choose_flow(turn, event.value)
            elif event.token == DELETE:
                self._delete(turn, event.value)
            elif event.token == CHANGE and event.value == STOP_KEEPING:
                self._confirm_delete(turn)
            elif self._setting_pressed(turn, event):
                self._where_we_are(turn, menu=False)
            elif turn.state.active is not None and event.token == turn.state.active.token:
                _, step = self.stepper.current(turn)
                self._apply(
                    turn, read_press(step, event.value, picked=turn.active.picked, today=turn.today)
                )
            else:
                turn.say(self.messages.say("stale_button"))
                self._where_we_are(turn)
        elif isinstance(event, Text):
            self._text(turn, event.text)
        elif isinstance(event, Unsupported):
            turn.say(self.messages.say("not_text"))
            self._where_we_are(turn)
        elif isinstance(event, Resume):
            if turn.state.active is not None:
                flow, _ = self.stepper.current(turn)
                turn.say(self.messages.say("welcome_back", flow_title=flow.title))
                self.stepper.show(turn)
            else:
                self._greet(turn)

    def _setting_pressed(self, turn: Turn, event: Press) -> bool:
        """A /remind, /consent or reflection-sharing button; False if it is none (or stale)."""
        if event.token == REMIND:
            return remind_press(turn, event.value, messages=self.messages)
        if event.token == CHANGE:
            return change_choice(turn, event.value, notice=self.notice)
        if event.token == PRIVATE:
            return set_privacy(turn, event.value, notice=self.notice)
        return False

    def _confirm_delete(self, turn: Turn) -> None:
        turn.replies.append(
            Reply(
                text=self.messages.say("delete_confirm"),
                buttons=(
                    Button(self.messages.say("delete_yes_button"), ERASE),
                    Button(self.messages.say("delete_no_button"), KEEP),
                ),
                token=DELETE,
            )
        )

    def _delete(self, turn: Turn, value: str) -> None:
        """The second step of /delete: erase everything, or keep it."""
        if value != ERASE:
            turn.say(self.messages.say("delete_kept"))
            self._where_we_are(turn, menu=False)
            return
        turn.emit(ErasureConfirmed(turn.at))
        turn.state = ConversationState()
        turn.say(self.messages.say("delete_done"))

    def _while_paused(self, turn: Turn, event: Event) -> bool:
        """Handle ``event`` during a pause; False lets it through (and ends the pause)."""
        if isinstance(event, Press) and event.token == SAFETY:
            if event.value == RESUME:
                turn.state.paused = False
                self._where_we_are(turn)
            elif event.value == LATER:
                turn.say(self.signposting.cards.later)
            else:
                turn.say(self.messages.say("stale_button"))
            return True
        if isinstance(event, Text | Unsupported):
            # Not taken as an answer: the person has not chosen to carry on yet.
            turn.replies.append(paused_reply(self.signposting))
            return True
        turn.state.paused = False
        return False

    def _text(self, turn: Turn, raw: str) -> None:
        cleaned = clean(raw, limit=self.max_answer_chars)
        if not cleaned.text:
            turn.say(self.messages.say("empty"))
            self._where_we_are(turn)
            return
        if turn.state.active is None:
            flow = self._flow_named(cleaned.text)
            if flow is not None:
                self._start(turn, flow)
            elif cleaned.text.endswith("?") and len(cleaned.text.split()) >= 3:
                self._ask(turn, cleaned.text)
            else:
                turn.say(self.messages.say("idle"))
                self._menu(turn)
            return
        if cleaned.truncated:
            turn.say(
                self.messages.say(
                    "too_long", limit=f"{self.max_answer_chars:,}", tail=tail(cleaned.text)
                )
            )
        _, step = self.stepper.current(turn)
        if turn.active.probe is not None and is_skip(cleaned.text):
            self._apply(turn, Skip())
            return
        self._apply(
            turn, read_text(step, cleaned.text, picked=turn.active.picked, today=turn.today)
        )

    def _apply(self, turn: Turn, reading: Accepted | Toggled | Problem | Skip) -> None:
        if isinstance(reading, Toggled):
            turn.active.picked = reading.picked
            self.stepper.show(turn, redraw=True)
        elif isinstance(reading, Problem):
            turn.say(self.messages.say(reading.message, **reading.values))
            self.stepper.show(turn)
        elif isinstance(reading, Skip):
            _, step = self.stepper.current(turn)
            if not step.optional:
                turn.say(self.messages.say("cannot_skip"))
                self.stepper.show(turn)
                return
            turn.say(self.messages.say("skipped"))
            self.stepper.answer(turn, reading)
        else:
            self.stepper.answer(turn, reading)

    def _command(self, turn: Turn, command: Command) -> None:
        name = command.name
        known = name in {
            "start",
            "help",
            "reflect",
            "progress",
            "ask",
            "remind",
            "privacy",
            "consent",
            "delete",
            "export",
            "callme",
        }
        known |= name in NAVIGATION
        flow = self.flows.by_command(name)
        if (
            (known or flow)
            and command.argument
            and name not in {"start", "ask", "remind", "callme"}
        ):
            turn.say(
                self.messages.say("ignored_argument", command=name, argument=command.argument[:40])
            )
        if flow is not None:
            self._choose_flow(turn, flow.id)
        elif name == "start":
            self._greet(turn)
        elif name == "help":
            turn.say(self.messages.say("help"))
            if turn.state.active is not None:
                self._help_in_flow(turn)
        elif name == "reflect":
            self._menu(turn)
        elif name == "ask":
            self._ask(turn, command.argument)
        elif name == "delete":
            self._confirm_delete(turn)
        elif name == "consent":
            show_choices(turn, notice=self.notice)
        elif name == "export":
            turn.replies.append(describe_export(turn.facts.export_data(), messages=self.messages))
            self._where_we_are(turn, menu=False)
        elif name == "privacy":
            turn.say(self.notice.notice.strip())
            self._where_we_are(turn, menu=False)
        elif name == "remind":
            remind_command(turn, command.argument, messages=self.messages)
            self._where_we_are(turn, menu=False)
        elif name == "callme":
            callme_command(turn, command.argument, messages=self.messages, redact=self.redact)
            self._where_we_are(turn, menu=False)
        elif name == "progress":
            progress = turn.facts.progress()
            turn.say(
                describe_progress(
                    progress,
                    flows=self.flows,
                    messages=self.messages,
                    today=turn.today,
                    lens_names=self.lens_content.names if self.lens_content else None,
                )
            )
            self._where_we_are(turn, menu=False)
        elif name in NAVIGATION:
            self._navigate(turn, name)
        else:
            turn.say(self.messages.say("unknown_command", command=name[:40]))
            self._where_we_are(turn, menu=False)

    def _ask(self, turn: Turn, question: str) -> None:
        """Answer from the workshop material, then carry on where the person was."""
        cleaned = clean(question, limit=MAX_QUESTION_CHARS).text
        if not cleaned:
            turn.say(self.messages.say("ask_usage"))
        else:
            # The question may leave this process (a Chroma server), so it is redacted first.
            reply = turn.facts.ask(str(self.redact(cleaned)))
            if not reply.available:
                turn.say(self.messages.say("ask_unavailable"))
            elif not reply.quotes:
                turn.say(self.messages.say("ask_nothing"))
            else:
                lines = [self.messages.say("ask_header")]
                lines += [
                    self.messages.say("ask_line", text=q.text, citation=q.citation)
                    for q in reply.quotes
                ]
                turn.say("\n".join(lines))
        self._where_we_are(turn, menu=False)

    def _navigate(self, turn: Turn, name: str) -> None:
        if turn.state.active is None:
            turn.say(self.messages.say("not_in_flow", command=name))
            return
        if name == "cancel":
            flow, _ = self.stepper.current(turn)
            self.stepper.end(turn, "cancelled")
            turn.say(self.messages.say("cancelled", flow_title=flow.title))
        elif name == "back":
            if self.stepper.back(turn):
                flow, step = self.stepper.current(turn)
                previous = self.renderer.value(flow, turn, step.id, own_words=True)
                turn.say(self.messages.say("went_back", previous=previous))
            else:
                turn.say(self.messages.say("back_at_start"))
            self.stepper.show(turn)
        else:
            self._apply(turn, Skip())

    def _choose_flow(self, turn: Turn, flow_id: str) -> None:
        flow = self.flows.get(flow_id)
        if flow is None:
            turn.say(self.messages.say("stale_button"))
            self._menu(turn)
            return
        active = turn.state.active
        if active is None:
            self._start(turn, flow)
            return
        current, _ = self.stepper.current(turn)
        if current.id == flow.id:
            self.stepper.show(turn)
            return
        turn.state.pending_switch = PendingSwitch(flow_id=flow.id)
        turn.replies.append(
            Reply(
                text=self.messages.say("switch_prompt", current=current.title, new=flow.title),
                buttons=(
                    Button(self.messages.say("switch_keep", current=current.title), KEEP),
                    Button(self.messages.say("switch_start", new=flow.title), flow.id),
                ),
                token=SWITCH,
            )
        )

    def _switch(self, turn: Turn, value: str, flow_id: str) -> None:
        flow = self.flows.get(flow_id)
        if value == flow_id and flow is not None and turn.state.active is not None:
            self.stepper.end(turn, "abandoned")
            self._start(turn, flow)
        else:
            self._where_we_are(turn)

    def _start(self, turn: Turn, flow: Flow) -> None:
        self.stepper.start(turn, flow)

    def _greet(self, turn: Turn) -> None:
        turn.say(self.messages.say("welcome"))
        turn.state.greeted = True
        if turn.state.active is not None:
            self._help_in_flow(turn)
        else:
            self._menu(turn)

    def _help_in_flow(self, turn: Turn) -> None:
        flow, step = self.stepper.current(turn)
        questions = flow.interactive_steps()
        position = next((i for i, s in enumerate(questions, 1) if s.id == step.id), 1)
        turn.say(
            self.messages.say(
                "help_in_flow", flow_title=flow.title, position=position, total=len(questions)
            )
        )
        self.stepper.show(turn)

    def _where_we_are(self, turn: Turn, *, menu: bool = True) -> None:
        if turn.state.active is not None:
            self.stepper.show(turn)
        elif menu:
            self._menu(turn)

    def _menu(self, turn: Turn) -> None:
        turn.replies.append(
            Reply(
                text=self.messages.say("menu"),
                buttons=tuple(Button(flow.title, flow.id) for flow in self.flows),
                token=MENU,
            )
        )

    def _flow_named(self, text: str) -> Flow | None:
        wanted = normalise_label(text)
        flows = list(self.flows)
        if wanted.isdigit() and 1 <= int(wanted) <= len(flows):
            return flows[int(wanted) - 1]
        return next((f for f in flows if normalise_label(f.title) == wanted), None)
