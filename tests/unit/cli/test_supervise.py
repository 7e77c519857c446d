"""The run's supervisor: a part that stops is restarted, logged and counted, and left alone once the
run stops."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from services.cli import supervise as supervise_module
from services.cli.supervise import TaskChild, supervise


class Flaky:
    """A part that stops on its own ``deaths`` times, then keeps running."""

    name = "flaky"

    def __init__(self, deaths: int) -> None:
        self.deaths, self.starts, self.running = deaths, 0, True

    def start(self) -> None:
        self.starts += 1
        self.running = self.starts > self.deaths

    def stopped(self) -> str | None:
        return None if self.running else "exited with code -9"


async def test_a_stopped_part_is_restarted_until_it_keeps_running(monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(supervise_module, "FIRST_DELAY_SECONDS", 0.01)
    child, stop, restarts = Flaky(deaths=3), asyncio.Event(), Counter[str]()
    child.running = False  # it died right after the run started it
    task = asyncio.create_task(supervise([child], stop, restarts, check_seconds=0.01))
    await asyncio.sleep(0.5)
    stop.set()
    await task
    assert (restarts, child.starts) == (Counter({"flaky": 4}), 4)
    delays = [r.getMessage().split(" in ")[1] for r in caplog.records if "restarting" in r.getMessage()]
    assert delays == ["0 s (restart 1)", "0 s (restart 2)", "0 s (restart 3)", "0 s (restart 4)"]


async def test_nothing_is_restarted_once_the_run_stops() -> None:
    child, stop, restarts = Flaky(deaths=10), asyncio.Event(), Counter[str]()
    child.running = False
    stop.set()
    await supervise([child], stop, restarts, check_seconds=0.01)
    assert (restarts, child.starts) == (Counter(), 0)


async def test_a_task_child_says_why_it_ended() -> None:
    async def fails() -> None:
        raise ConnectionError("broker gone")

    child = TaskChild("sink", fails)
    child.start()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert child.stopped() == "ConnectionError: broker gone"
    await child.stop(1)
