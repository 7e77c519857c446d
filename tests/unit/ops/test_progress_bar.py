"""The --once progress bar: only on a terminal with text logs; cleared before a log line and at the end."""

from __future__ import annotations

import io
import logging

import pytest

from services.ops.progress_bar import CLEAR, progress_bar, wanted


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("log_format", "stream", "expected"), [
    pytest.param("text", Terminal(), True, id="terminal"),
    pytest.param("json", Terminal(), False, id="json-logs"),
    pytest.param("text", io.StringIO(), False, id="not-a-terminal"),
])
def test_wanted(log_format: str, stream: io.StringIO, expected: bool) -> None:
    assert wanted(log_format, stream) is expected


def test_the_bar_is_cleared_before_a_log_line_and_at_the_end() -> None:
    out = Terminal()
    handler = logging.StreamHandler(out)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with progress_bar(out) as bar:
            bar.show("run --once: 1/2 feeds polled")
            logging.getLogger("newsflow.test").warning("a feed failed")
        assert handler.filters == []
    finally:
        root.removeHandler(handler)
    assert out.getvalue() == f"{CLEAR}run --once: 1/2 feeds polled\r{CLEAR}a feed failed\n"
