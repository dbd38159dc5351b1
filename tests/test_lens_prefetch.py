"""Typed answers are read by the lens before their turn, off the writer thread, and the turn
uses that reading rather than reading again."""

from __future__ import annotations

import threading

from bot.engine.consent import ASK
from bot.engine.events import Command, Press, Text
from bot.lens.prefetch import PrefetchingLens
from bot.lens.reading import Finding, LensReading
from bot.services import Services
from bot.store.group_commit import GroupCommitter


class CountingLens:
    def __init__(self) -> None:
        self.reads: list[tuple[str, str]] = []  # (text, thread name)

    def read(self, text: str) -> LensReading:
        self.reads.append((text, threading.current_thread().name))
        return LensReading((Finding("absolutes", 0.9, ("never",), 0),))


def test_a_prefetched_reading_is_used_once_then_forgotten() -> None:
    inner = CountingLens()
    lens = PrefetchingLens(inner, capacity=2)
    lens.prefetch("They never answer the phone")
    assert lens.read("They never answer the phone").top() is not None
    assert len(inner.reads) == 1 and lens.hits == 1
    lens.read("They never answer the phone")  # used up: read again
    assert len(inner.reads) == 2


def test_short_messages_are_not_prefetched_and_the_store_is_bounded() -> None:
    inner = CountingLens()
    lens = PrefetchingLens(inner, capacity=2)
    for text in ("3", "Done", "6 / 10", "one two three", "four five six", "seven eight nine"):
        lens.prefetch(text)
    assert [t for t, _ in inner.reads] == ["one two three", "four five six", "seven eight nine"]
    lens.read("one two three")  # evicted: read afresh
    assert lens.hits == 0 and len(inner.reads) == 4


async def test_under_load_the_answer_is_read_before_its_turn(
    lens_services: Services, clock
) -> None:
    lens = lens_services.lens
    assert isinstance(lens, PrefetchingLens)
    committer = GroupCommitter(lens_services.database)
    conversation = lens_services.conversation

    async def send(event) -> None:
        await conversation.handle_update_grouped(
            committer, transport="test", external_id="pre-1", event=event
        )

    try:
        await send(Press(value="k1s1m0", token=ASK, at=clock()))
        await send(Command("respond", "", clock()))
        await send(
            Text("The lifts are broken again and nobody from the council ever comes", clock())
        )
    finally:
        committer.stop()
    assert lens.hits == 1  # the turn used the reading made before it
