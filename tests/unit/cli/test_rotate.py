"""When a continuous run on the embedded broker is due a new one."""

import asyncio

from services.cli import rotate
from services.sink.service import SinkMetrics


class _Sink:
    def __init__(self) -> None:
        self.metrics = SinkMetrics()


def _due(after: int, stored: int, stop_after: float | None = None) -> bool:
    async def scenario() -> bool:
        sink, stop = _Sink(), asyncio.Event()
        sink.metrics.raw_articles = stored
        if stop_after is not None:
            asyncio.get_running_loop().call_later(stop_after, stop.set)
        return await rotate.rotation_due(sink, after, stop)  # type: ignore[arg-type]

    return asyncio.run(asyncio.wait_for(scenario(), 5))


def test_due_once_the_sink_stored_enough_raw_articles(monkeypatch) -> None:
    monkeypatch.setattr(rotate, "CHECK_SECONDS", 0.01)
    assert _due(after=4, stored=4) is True


def test_never_due_below_the_threshold_or_when_rotation_is_off(monkeypatch) -> None:
    monkeypatch.setattr(rotate, "CHECK_SECONDS", 0.01)
    assert _due(after=5, stored=4, stop_after=0.1) is False
    assert _due(after=0, stored=10_000, stop_after=0.1) is False


def _due_with_lag(lags: list[int], patience: float, stop_after: float | None = None) -> tuple[bool, int]:
    """(due, how many times the lag was read) for a sink past the threshold and a pipeline behind by ``lags``."""
    read = []

    async def lag() -> int:
        read.append(1)
        return lags[min(len(read), len(lags)) - 1]

    async def scenario() -> bool:
        sink, stop = _Sink(), asyncio.Event()
        sink.metrics.raw_articles = 10
        if stop_after is not None:
            asyncio.get_running_loop().call_later(stop_after, stop.set)
        return await rotate.rotation_due(sink, 10, stop, lag, patience)  # type: ignore[arg-type]

    return asyncio.run(asyncio.wait_for(scenario(), 5)), len(read)


def test_polling_goes_on_until_the_pipeline_caught_up(monkeypatch) -> None:
    monkeypatch.setattr(rotate, "CHECK_SECONDS", 0.01)
    assert _due_with_lag([3000, 900, rotate.ROTATE_LAG + 1, rotate.ROTATE_LAG], patience=60) == (True, 4)
    assert _due_with_lag([0], patience=60) == (True, 1)


def test_a_pipeline_that_never_catches_up_is_rotated_after_the_patience(monkeypatch) -> None:
    monkeypatch.setattr(rotate, "CHECK_SECONDS", 0.01)
    due, reads = _due_with_lag([5000], patience=0.05)
    assert due is True and 5 <= reads <= 7


def test_a_stop_while_waiting_for_the_pipeline_is_no_rotation(monkeypatch) -> None:
    monkeypatch.setattr(rotate, "CHECK_SECONDS", 0.01)
    assert _due_with_lag([5000], patience=60, stop_after=0.1)[0] is False
