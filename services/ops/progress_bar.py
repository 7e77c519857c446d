"""A one-line progress bar for ``newsflow run --once`` on a terminal: rewritten in place, cleared before each log
line (redrawn at its next tick) and at the end. Off when stderr is not a terminal or logs are JSON."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from services.poller.scheduler import stopped

CLEAR = "\r\033[K"


class ProgressBar(logging.Filter):
    """The status line, and a filter on the log handlers that clears it before any record is written."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream, self.shown = stream, False

    def show(self, text: str) -> None:
        """Write ``text`` over the line, the cursor left at its start (the stream worker's own lines, written by
        another process, then start at the left margin)."""
        self.stream.write(CLEAR + text + "\r")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the line."""
        if self.shown:
            self.stream.write(CLEAR)
            self.stream.flush()
            self.shown = False

    def filter(self, record: logging.LogRecord) -> bool:
        """Clear the line so the record starts on an empty one."""
        self.clear()
        return True


def wanted(log_format: str, stream: TextIO = sys.stderr) -> bool:
    """A bar only for text logs on a terminal."""
    return log_format == "text" and stream.isatty()


@contextlib.contextmanager
def progress_bar(stream: TextIO = sys.stderr) -> Iterator[ProgressBar]:
    """The bar, attached to the root logger's handlers for the duration and cleared on exit."""
    bar = ProgressBar(stream)
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(bar)
    try:
        yield bar
    finally:
        for handler in handlers:
            handler.removeFilter(bar)
        bar.clear()


async def draw(bar: ProgressBar, text: Callable[[], str], stop: asyncio.Event, every: float = 0.5) -> None:
    """Redraw the bar every ``every`` seconds until ``stop`` is set."""
    while not await stopped(stop, every):
        bar.show(text())
