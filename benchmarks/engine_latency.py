"""Engine turn latency through the real conversation service on SQLite (not a test: it prints).

Many simulated participants each walk the three commitment flows and a check-in; every turn is
timed end to end (load state, run the engine, write answers, effects and state, commit with
``synchronous=FULL``). Prints p50/p90/p99/max in milliseconds.

    python benchmarks/engine_latency.py [--turns 3000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.engine.events import Command, Event, Press, Text
from bot.services import build_services
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import percentile  # noqa: E402

# Each item: a command, typed text, or ("press", label).
SCRIPT: list[str | tuple[str, str]] = [
    "/defensive",
    "The repairs manager at the residents' meeting, about the damp in block C",
    "A date for the damp survey",
    "She said it was in hand. I said fine, call me on 07700 900123.",
    "I thought she was fobbing us off again",
    ("press", "Winning, or at least not losing"),
    ("press", "Done"),
    "'fobbing us off'",
    "No date, and she doesn't know how angry people are",
    "I'm worried because jobs from March are open. How does it look to you?",
    "Ask her for the survey list",
    ("press", "In a week"),
    "/respond",
    "The bins are never cleared",
    "3",
    "I never report it",
    "I can report it",
    "The caretaker",
    "Report it on the app",
    ("press", "Tomorrow"),
    "6",
    "/progress",
    "/checkin",
    ("press", "Yes"),
    "Done and cleared",
    "It works",
    ("press", "Done, close it"),
    "/skip",
    ("press", "Partly"),
    "I asked",
    "She was busy",
    ("press", "Keep going with it"),
    "Ask again",
    ("press", "In two weeks"),
]


def run(turns: int, database_url: str | None, data_dir: Path) -> list[float]:
    # Without the reasoning lens: its probes would shift this script, and benchmarks/lens.py
    # measures what it adds to a free-text answer.
    settings = Settings(
        data_dir=data_dir,
        database_url=database_url,
        prompts_dir=ROOT / "prompts",
        lens_enabled=False,
    )
    services = build_services(settings)
    clock_base = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    timings: list[float] = []
    person = 0
    try:
        while len(timings) < turns:
            person += 1
            participant = f"bench-{person}"
            # Consent first (keep, share, no model), untimed: the reflections are what is measured.
            services.conversation.handle(
                transport="bench",
                external_id=participant,
                event=Press(value="k1s1m0", token="consent", at=clock_base),
            )
            buttons: dict[str, tuple[str, str]] = {}
            for number, item in enumerate(SCRIPT):
                at = clock_base + timedelta(minutes=person, seconds=number)
                event = _event(item, at, buttons)
                started = time.perf_counter()
                replies = services.conversation.handle(
                    transport="bench", external_id=participant, event=event
                )
                timings.append((time.perf_counter() - started) * 1000)
                buttons = {b.label: (b.value, r.token or "") for r in replies for b in r.buttons}
                if len(timings) >= turns:
                    break
    finally:
        services.close()
    return timings


def _event(item: str | tuple[str, str], at: datetime, buttons: dict[str, tuple[str, str]]) -> Event:
    if isinstance(item, tuple):
        value, token = buttons[item[1]]
        return Press(value=value, token=token, at=at)
    if item.startswith("/"):
        return Command(name=item[1:], argument="", at=at)
    return Text(text=item, at=at)


def main(argv: list[str] | None = None, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=3000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        run(50, args.database_url, Path(directory) / "warm")  # imports, migrations, caches
        timings = run(args.turns, args.database_url, Path(directory) / "data")
    backend = (args.database_url or "sqlite").split(":", 1)[0]
    echo(f"engine turn latency, {len(timings)} turns on {backend} (end to end, committed):")
    figures = {
        "p50": percentile(timings, 0.50),
        "p90": percentile(timings, 0.90),
        "p99": percentile(timings, 0.99),
        "max": max(timings),
        "mean": statistics.fmean(timings),
    }
    echo("  " + "  ".join(f"{name} {value:.2f} ms" for name, value in figures.items()))


if __name__ == "__main__":
    main()
