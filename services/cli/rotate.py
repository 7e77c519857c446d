"""A continuous ``newsflow run``: its parts supervised until stopped, or until its embedded broker is due a rotation.

The embedded broker keeps every record in memory and costs more CPU per record the longer its partitions grow
(docs/benchmarks.md), so a continuous run on it goes on with a new broker once the sink stored
``pipeline.rotate_broker_articles`` raw articles: the poller stops, the pipeline drains, every part stops, and
``run.py`` starts again on a new broker, whose tables ``recover.py`` rebuilds from Postgres.

Polling goes on until the pipeline has caught up (at most ROTATE_LAG records behind, waited for up to
``once_timeout_seconds``): the poller stops only then, so the drain is short and feeds are not left unpolled while a
backlog is worked off. Before stop 28 the rotation stopped polling at once, and after a long pause the next one came
while the pipeline still lagged: a 3,000-record drain took 209 s of a 397 s pause (docs/guarantees.md).

Hazard: a drain that does not finish in ``once_timeout_seconds`` is logged and the broker rotated anyway: what was
in flight is found unfinished in Postgres and replayed by the recovery (the copy/original swap of a syndicated
pair in flight is the only visible difference).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable

from aiokafka.errors import KafkaError

from services.cli.supervise import Child, TaskChild, supervise
from services.common.progress import group_lag, wait_until_drained
from services.common.settings import Settings
from services.poller.scheduler import stopped
from services.sink.service import Sink

log = logging.getLogger("newsflow.run")
CHECK_SECONDS = 1.0
ROTATE_LAG = 200  # records behind, over every group, at which polling stops for a rotation


class Rotation:
    """What a continuous run returns when its embedded broker is due a new one."""


async def rotation_due(sink: Sink, after: int, stop: asyncio.Event,
                       lag: Callable[[], Awaitable[int]] | None = None, patience: float = 600.0) -> bool:
    """Wait until the sink stored ``after`` raw articles (0: never) and then until ``lag()`` is at most ROTATE_LAG
    (for up to ``patience`` seconds), or until ``stop`` is set; True for the first."""
    while not await stopped(stop, CHECK_SECONDS):
        if after and sink.metrics.raw_articles >= after:
            break
    else:
        return False
    waited, behind = 0.0, await lag() if lag else 0
    if behind > ROTATE_LAG:
        log.info("rotation due after %d raw articles; polling on until the pipeline catches up (%d records behind)",
                 sink.metrics.raw_articles, behind)
    while behind > ROTATE_LAG and waited < patience:
        if await stopped(stop, CHECK_SECONDS):
            return False
        waited += CHECK_SECONDS
        behind = await lag() if lag else 0
    return True


def lag_of(bootstrap: str, groups: dict[str, list[str]]) -> Callable[[], Awaitable[int]]:
    """Records the pipeline's consumer groups are behind, over every group (unreadable: counted as caught up)."""
    async def lag() -> int:
        try:
            return sum([await group_lag(bootstrap, group, topics) for group, topics in groups.items()])
        except (KafkaError, OSError, TimeoutError):  # a lag that cannot be read must not hold a rotation back
            return 0
    return lag


async def run_continuously(parts: list[Child], poller: TaskChild, poll_stop: asyncio.Event, sink: Sink,
                           settings: Settings, drained: dict[str, list[str]], bootstrap: str, stop: asyncio.Event,
                           restarts: Counter[str], rotate_after: int) -> bool:
    """Supervise ``parts`` (the poller among them) until ``stop``; True when it returned to rotate the broker
    (the poller stopped, the pipeline drained; the caller stops the other parts)."""
    done = asyncio.Event()  # the supervisor's own stop: set by ``stop`` or once drained for a rotation
    stopping = asyncio.create_task(relay(stop, done, poll_stop))
    supervisor = asyncio.create_task(supervise(parts, done, restarts), name="supervisor")
    rotating = await rotation_due(sink, rotate_after, stop, lag_of(bootstrap, drained),
                                  settings.pipeline.once_timeout_seconds)
    parts.remove(poller)  # not restarted from here on
    poll_stop.set()
    await poller.stop(10)
    if rotating:
        log.info("rotating the embedded broker after %d raw articles: draining", sink.metrics.raw_articles)
        try:
            await wait_until_drained(bootstrap, drained, timeout=settings.pipeline.once_timeout_seconds)
        except (TimeoutError, RuntimeError) as exc:
            log.warning("drain before rotating did not finish (%s); rotating anyway, recovery replays the rest", exc)
    done.set()
    await supervisor
    stopping.cancel()
    return rotating and not stop.is_set()


async def relay(stop: asyncio.Event, *events: asyncio.Event) -> None:
    """Set ``events`` when ``stop`` is set (a signal stops the poller and the supervisor too)."""
    await stop.wait()
    for event in events:
        event.set()
