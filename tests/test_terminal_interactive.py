"""The interactive terminal (a real pseudo-terminal) and hostile bytes on a pipe."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

COACH = [sys.executable, "-m", "bot"]

pytestmark = pytest.mark.slow


def _read_until(fd: int, fragment: str, timeout: float = 30) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while fragment not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536).decode("utf-8", "replace")
            except OSError:
                break
    assert fragment in seen, seen[-500:]
    return seen


def test_interactive_chat_shows_numbered_options_and_takes_a_number() -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*COACH, "chat"], stdin=follower, stdout=follower, stderr=follower, close_fds=True
    )
    os.close(follower)
    try:
        screen = _read_until(leader, "you> ")
        assert "Nothing you send is kept until you've answered" in screen
        assert "    1. Yes, keep them" in screen
        for answer in (b"1\n", b"1\n"):  # keep them; my coach may see them
            os.write(leader, answer)
            _read_until(leader, "you> ")
        os.write(leader, b"2\n")  # no language model
        screen = _read_until(leader, "you> ")
        assert "coach> Which reflection would you like to do?" in screen
        assert "    1. Defensive-reasoning check" in screen
        os.write(leader, b"2\n")
        screen = _read_until(leader, "you> ")
        assert "only what a camera would have recorded" in screen
        os.write(leader, b"\x04")  # Ctrl-D
        _read_until(leader, "progress is saved")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)


def test_undecodable_bytes_on_a_pipe_get_a_reply_not_a_traceback() -> None:
    result = subprocess.run(
        [*COACH, "chat", "--json"],
        input=b"1\n1\n2\n/defensive\n\xff\xfe\xfa broken bytes\n\x00\x01\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert "came through empty" in lines[-2]  # the control characters
    assert "Pick one specific conversation" not in lines[-1]  # the broken bytes were an answer
