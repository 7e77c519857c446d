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
