"""The terminal contract, end to end: the real ``coach`` command as a subprocess.

Scripted conversations (``evals/conversations/*.yaml``) are piped through ``coach chat --json``
and must leave the expected ledger in ``coach export``. A chat killed with SIGKILL mid-flow must
resume at the same question with nothing lost.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import ROOT

COACH = [sys.executable, "-m", "bot"]
CONVERSATIONS = sorted((ROOT / "evals" / "conversations").glob("*.yaml"))

pytestmark = pytest.mark.slow


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(
        COACH_DATA_DIR=str(data_dir),
        COACH_DATABASE_URL=database_url,
        COACH_KNOWLEDGE_ENABLED="false",
        COACH_LENS_ENABLED="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def _coach(env: dict[str, str], *args: str, stdin: str = "") -> str:
    """Run the real ``coach`` command; fail the test on a non-zero exit or a traceback."""
    result = subprocess.run(
        [*COACH, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


# The three consent questions asked at first contact, answered by number: keep my reflections
# (1: yes), share them with my coach (1: yes), the language model (2: no).
CONSENT = ["1", "1", "2"]


def _chat(env: dict[str, str], participant: str, lines: list[str]) -> list[dict[str, Any]]:
    stdin = "".join(f"{line}\n" for line in lines)
    output = _coach(env, "chat", "--json", "--participant", participant, stdin=stdin)
    return [json.loads(line) for line in output.splitlines()]


def _export(env: dict[str, str], participant: str) -> dict[str, Any]:
    return json.loads(_coach(env, "export", "--participant", participant))  # type: ignore[no-any-return]


def _london_today() -> date:
    return datetime.now(ZoneInfo("Europe/London")).date()


@pytest.mark.parametrize("path", CONVERSATIONS, ids=lambda p: p.stem)
def test_scripted_conversation_leaves_the_expected_ledger(
    path: Path, database_url, tmp_path
) -> None:
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    env = _env(database_url, tmp_path / "data")
    messages: list[dict[str, Any]] = []
    for run, lines in enumerate(script["runs"]):
        messages = _chat(env, "scripted", (CONSENT if run == 0 else []) + lines)
        for message in messages:
            assert set(message) == {"text", "buttons"}
            assert isinstance(message["text"], str) and message["text"]
    # The closing words of the reflection, then (when shared) the note on who will see it.
    closing = [m["text"] for m in messages[-2:]]
    assert any(script["expect"]["last_text_contains"] in text for text in closing), closing
    exported = _export(env, "scripted")
    ledger = exported["ledger"]
    expected = script["expect"]["ledger"]
    assert len(ledger) == len(expected), ledger
    for item, want in zip(ledger, expected, strict=True):
        for key, value in want.items():
            if key == "due_in_days":
                assert item["due_on"] == (_london_today() + timedelta(days=value)).isoformat()
            else:
                assert item[key] == value, (key, item)


def test_export_contains_no_name_or_raw_id(database_url, tmp_path) -> None:
    env = _env(database_url, tmp_path / "data")
    _chat(env, "Priya Shah", [*CONSENT, "/respond", "The bins, email me at priya@example.org"])
    exported = _export(env, "Priya Shah")
    text = json.dumps(exported)
    assert "Priya" not in text and "priya@example.org" not in text
    assert "[EMAIL]" in text
    assert len(exported["participant"]["pseudonym"]) == 64


class _Reader:
    """Collects a subprocess's stdout lines on a thread so the test can wait for one."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        threading.Thread(target=self._pump, args=(process.stdout,), daemon=True).start()

    def _pump(self, stream: Any) -> None:
        try:
            for line in stream:
                self.lines.put(line)
        except (ValueError, OSError):  # the test closed the pipe after the process died
            return

    def wait_for(self, fragment: str, timeout: float = 30) -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = json.loads(self.lines.get(timeout=0.2))
            except queue.Empty:
                continue
            seen.append(message)
            if fragment in message["text"]:
                return seen
        raise AssertionError(f"never saw {fragment!r}; saw {[m['text'][:60] for m in seen]}")


def _start(env: dict[str, str], stderr: Path) -> tuple[subprocess.Popen[str], _Reader]:
    with stderr.open("a") as errors:
        process = subprocess.Popen(
            [*COACH, "chat", "--json", "--participant", "kill-test"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
    return process, _Reader(process)


def _close(process: subprocess.Popen[str]) -> None:
    for stream in (process.stdin, process.stdout):
        if stream is not None and not stream.closed:
            stream.close()


def _send(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


def test_sigkill_mid_flow_resumes_at_the_same_step_with_nothing_lost(
    database_url, tmp_path
) -> None:
    env = _env(database_url, tmp_path / "data")
    errors = tmp_path / "stderr.txt"
    process, reader = _start(env, errors)
    reader.wait_for("1 of 3")
    for line in CONSENT:
        _send(process, line)
    reader.wait_for("Which reflection")
    _send(process, "/assumption")
    reader.wait_for("only what a camera would have recorded")
    _send(process, "The chair closed the meeting before item 6.")
    reader.wait_for("the story you told yourself")
    _send(process, "She didn't want residents to speak")
    reader.wait_for("What assumption sits under that story")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    _close(process)

    process, reader = _start(env, errors)
    resumed = reader.wait_for("What assumption sits under that story")
    assert "Welcome back" in resumed[0]["text"]
    assert "The chair closed the meeting before item 6." in resumed[-1]["text"]  # the recap
    for line in [
        "The council never listens",
        "6",
        "Item 6 was ours",
        "/skip",
        "The room was booked",
        "Ask the chair",
        "The chair",
        "Friday",
        "If she says the room was booked",
    ]:
        _send(process, line)
    reader.wait_for("That's a fair test")
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    _close(process)
    assert "Traceback" not in errors.read_text()

    exported = _export(env, "kill-test")
    [reflection] = exported["reflections"]
    steps = [a["step_id"] for a in reflection["answers"]]
    assert steps[:3] == ["facts", "story", "assumption"]
    assert reflection["answers"][1]["text"] == "She didn't want residents to speak"
    assert reflection["status"] == "completed"
    assert len(exported["ledger"]) == 1
