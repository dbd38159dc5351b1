"""The log watch itself: it must catch a leak, or the whole-run check would prove nothing."""

from __future__ import annotations

import logging

from log_watch import LogWatch


def test_the_watch_catches_a_seeded_text_and_ignores_short_ones() -> None:
    watch = LogWatch()
    watch.seed("Okafor at 14 Elm Road", "2", 918273645546)
    for message in ("turn failed: OperationalError", "answer 2 saved", "chat 918273645546"):
        watch.emit(logging.LogRecord("bot.x", logging.INFO, __file__, 1, message, None, None))
    watch.emit(
        logging.LogRecord(
            "bot.x", logging.DEBUG, __file__, 1, "text=%s", ("Okafor at 14 Elm Road",), None
        )
    )
    leaks = watch.leaks()
    assert sorted(secret for secret, _ in leaks) == ["918273645546", "Okafor at 14 Elm Road"]
