"""Telegram load benchmark (prints figures, asserts nothing).

Runs the real ``coach bot`` process against the fake Bot API server and drives many simulated
people through it at once: each answers the consent questions with buttons, then completes the
"ability to respond" reflection by typing (thirteen updates a person). Every person waits for the
answer to one message before sending the next, as a person would; all are active at once. A
share of updates is delivered twice, as Telegram may do. Prints updates handled per second, reply
latency (from the update becoming available to the bot's first message after it, both timed by
the fake server) p50/p99, and how many people saw lost or duplicated messages, judged against one
person run alone first.

    python benchmarks/telegram_load.py [--people 1000] [--database-url URL] [--duplicates 0.02]
        [--lens on|off] [--crisis-layer on|off]

The outgoing rate limiter is off (Telegram's own limits would make the figure a measure of
Telegram); the inbound per-person limit is raised out of the way.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from fake_bot_api import FakeBotApi  # noqa: E402
from measure import fresh_schema, percentile  # noqa: E402
from telegram_e2e import BotProcess, bot_env  # noqa: E402

# Text is typed; ("press", label) taps that button under the bot's latest message.
SCRIPT: list[str | tuple[str, str]] = [
    "/start",
    ("press", "Yes, keep them"),
    ("press", "Yes, my coach may see them"),
    ("press", "No thanks"),
    "/respond",
    "The caretakers never clear the bin store and the council doesn't care",
    "2",
    "I complain at meetings but I've never reported it through the proper route",
    "I can report it every time and talk to the caretaker myself",
    "The caretaker and two neighbours on my landing",
    "Introduce myself to the caretaker and ask what he's seeing",
    "Tomorrow",
    "6 out of 10",
]
REFERENCE_USER = 1
FIRST_USER = 10_000


def send(api: FakeBotApi, user: int, item: str | tuple[str, str]) -> int:
    """Type the line or tap the button; the update id."""
    if isinstance(item, str):
        return api.send_text(user, item)
    latest = [m for m in api.messages(user) if m.reply_markup][-1]
    return api.press_label(user, latest.message_id, item[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_reference(api: FakeBotApi) -> list[int]:
    """Message counts after each line, for one person alone: the expected conversation."""
    counts = []
    for line in SCRIPT:
        before = api.message_count(REFERENCE_USER)
        send(api, REFERENCE_USER, line)
        api.wait_until(lambda before=before: api.message_count(REFERENCE_USER) > before, timeout=30)
        time.sleep(0.3)  # let any further messages of the same turn arrive
        counts.append(api.message_count(REFERENCE_USER))
    return counts


def drive(api: FakeBotApi, people: int, expected: list[int], duplicates: float) -> dict[str, float]:
    rng = random.Random(7)
    position = dict.fromkeys(range(FIRST_USER, FIRST_USER + people), 0)
    last_update: dict[int, int] = {}
    sent = 0
    started = time.monotonic()
    for user in position:
        last_update[user] = send(api, user, SCRIPT[0])
        sent += 1
    active = set(position)
    deadline = started + 600
    while active and time.monotonic() < deadline:
        for user in list(active):
            step = position[user]
            if api.message_count(user) < expected[step]:
                continue
            if rng.random() < duplicates:
                api.redeliver(last_update[user])  # answered already: must have no effect
            step += 1
            if step == len(SCRIPT):
                active.discard(user)
                continue
            position[user] = step
            last_update[user] = send(api, user, SCRIPT[step])
            sent += 1
        time.sleep(0.02)
    elapsed = time.monotonic() - started
    time.sleep(1.0)  # anything late or duplicated shows up now
    return {"elapsed": elapsed, "updates": sent, "unfinished": len(active)}


def latencies(api: FakeBotApi, users: range) -> list[float]:
    """Per update: from becoming available to the bot's first message after it (ms)."""
    records = [r for r in api.updates() if r.chat_id in users]
    by_chat: dict[int, list[float]] = {}
    for user in users:
        by_chat[user] = sorted(m.sent_at for m in api.messages(user))
    result = []
    for record in records:
        times = by_chat.get(record.chat_id or 0, [])
        after = next((t for t in times if t >= record.available_at), None)
        if after is not None:
            result.append((after - record.available_at) * 1000)
    return result


def main(argv: list[str] | None = None, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--duplicates", type=float, default=0.02)
    parser.add_argument("--lens", choices=("on", "off"), default="on")
    parser.add_argument("--crisis-layer", choices=("on", "off"), default="on")
    args = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory() as directory,
        FakeBotApi() as api,
        fresh_schema(args.database_url) as database_url,
    ):
        data = Path(directory)
        env = bot_env(
            api,
            database_url=database_url or f"sqlite:///{data / 'coach.db'}",
            data_dir=data,
            COACH_TELEGRAM_RATE_LIMIT="false",
            COACH_INBOUND_MESSAGES_PER_MINUTE="6000",
            COACH_LOG_LEVEL="WARNING",
            # On as deployed, the lens reads every typed answer (its probes become part of the
            # script, the same for everyone); off, the figure is the bot without it.
            COACH_LENS_ENABLED=str(args.lens == "on").lower(),
            # The crisis check's embedding layer: an embedding per typed message.
            COACH_CRISIS_EMBEDDINGS=str(args.crisis_layer == "on").lower(),
        )
        bot = BotProcess(api, env, data / "bot.log").start()
        try:
            expected = run_reference(api)
            reference = [m.text for m in api.messages(REFERENCE_USER)]
            assert bot.process is not None
            bot_cpu, own_cpu = cpu_seconds(bot.process.pid), own_cpu_seconds()
            figures = drive(api, args.people, expected, args.duplicates)
            figures["bot_cpu"] = cpu_seconds(bot.process.pid) - bot_cpu
            figures["load_cpu"] = own_cpu_seconds() - own_cpu
            users = range(FIRST_USER, FIRST_USER + args.people)
            lost = duplicated = 0
            for user in users:
                texts = [m.text for m in api.messages(user)]
                lost += len(texts) < len(reference)
                duplicated += len(texts) > len(reference)
            delays = latencies(api, users)
        finally:
            bot.stop()
    rate = figures["updates"] / figures["elapsed"]
    echo(
        f"{args.people} people x {len(SCRIPT)} updates ({args.duplicates:.0%} redelivered), "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}, rate limiter off, lens {args.lens}, "
        f"crisis layer {args.crisis_layer}"
    )
    echo(f"updates handled: {figures['updates']:.0f} in {figures['elapsed']:.1f} s = {rate:.0f}/s")
    echo(
        f"reply latency: p50 {percentile(delays, 0.5):.0f} ms  "
        f"p99 {percentile(delays, 0.99):.0f} ms  mean {statistics.fmean(delays):.0f} ms"
    )
    # CPU per update does not depend on what else the machine is doing, unlike the rate.
    echo(
        f"CPU per update: bot {figures['bot_cpu'] / figures['updates'] * 1000:.2f} ms, "
        f"fake server and load generator {figures['load_cpu'] / figures['updates'] * 1000:.2f} ms"
    )
    echo(
        f"people with lost messages: {lost}, with duplicated messages: {duplicated}, "
        f"unfinished: {figures['unfinished']:.0f}"
    )


if __name__ == "__main__":
    main()
