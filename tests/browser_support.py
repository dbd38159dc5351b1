"""Helpers for the browser tests: the real dashboard served over HTTP, Debian's Chromium driven by
Playwright, and screenshots kept as test artefacts.

Playwright never downloads a browser here: it launches the system Chromium (``apt-get install
chromium``; ``make test`` installs it). Without it the browser tests are skipped, naming what is
missing, unless ``COACH_TEST_REQUIRE_BROWSER`` is set (``.ci/run`` sets it), when they fail.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from conftest import ROOT

try:
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Dialog,
        Error,
        Page,
        Playwright,
        StorageState,
        expect,
        sync_playwright,
    )
except ImportError:  # a dev dependency: only a partial install lacks it
    if os.environ.get("COACH_TEST_REQUIRE_BROWSER"):
        raise
    pytest.skip("Playwright is not installed: pip install -e '.[dev]'", allow_module_level=True)

# Playwright's types and ``expect`` are re-exported, so test modules import them only after the
# check above (a missing Playwright then skips them rather than breaking collection).
__all__ = [
    "Browser",
    "ConsoleMessage",
    "Dialog",
    "Page",
    "StorageState",
    "artefacts_dir",
    "browser_unavailable",
    "expect",
    "launch_chromium",
    "playwright_running",
    "serving",
    "snap",
]

DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = "run `make system-deps` (apt-get install chromium) or set COACH_TEST_CHROMIUM"
STARTUP_SECONDS = 10.0


def browser_unavailable(reason: str) -> None:
    """Skip the browser tests, or fail them where a browser is required (CI)."""
    if os.environ.get("COACH_TEST_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (COACH_TEST_REQUIRE_BROWSER is set, so this is a failure)")
    pytest.skip(reason)


def chromium_path() -> str:
    """The Chromium to drive; skips or fails (see ``browser_unavailable``) when there is none."""
    path = os.environ.get("COACH_TEST_CHROMIUM") or DEFAULT_CHROMIUM
    if not os.access(path, os.X_OK):
        browser_unavailable(f"no Chromium at {path}: {INSTALL_HINT}")
    return path


@contextmanager
def playwright_running() -> Iterator[Playwright]:
    """Playwright's driver process, for the whole module."""
    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless system Chromium (headless is also what lets ``page.pdf()`` work)."""
    path = chromium_path()
    try:
        return playwright.chromium.launch(executable_path=path, headless=True)
    except Error as exc:
        browser_unavailable(f"Chromium at {path} would not start: {str(exc).splitlines()[0]}")
        raise  # not reached: browser_unavailable always raises


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` under uvicorn in a background thread on a free local port; yields its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan="off",
        # As ``coach web`` runs it: no access log (it would carry participant ids in paths),
        # and our logging left alone.
        access_log=False,
        log_config=None,
        server_header=False,
    )
    server = uvicorn.Server(config)
    # uvicorn keeps its access log off by leaving that logger without handlers, but pytest
    # attaches its capture handler to every non-propagating logger, which turns it back on.
    access = logging.getLogger("uvicorn.access")
    access_was_disabled, access.disabled = access.disabled, True
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="dashboard", daemon=True
    )
    thread.start()
    try:
        if not _wait_until(lambda: server.started, STARTUP_SECONDS):
            raise RuntimeError("the dashboard did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(STARTUP_SECONDS)
        listener.close()
        access.disabled = access_was_disabled


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def artefacts_dir() -> Path:
    """Where screenshots and PDFs go: ``COACH_TEST_ARTEFACTS``, or ``test-artefacts/``."""
    configured = os.environ.get("COACH_TEST_ARTEFACTS")
    directory = Path(configured) if configured else ROOT / "test-artefacts"
    directory = directory / "browser"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def snap(page: Page, name: str) -> Path:
    """A full-page PNG of what the browser shows now, kept as an artefact named ``name``."""
    path = artefacts_dir() / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
