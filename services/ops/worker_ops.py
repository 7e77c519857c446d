"""The stream worker's ops endpoints: served from inside its Faust app, ready once it has joined its group.

Alone (``newsflow worker``) it also samples its own group's lag, which is its broker check. Run by ``newsflow
run`` (``supervised``) it serves on the loopback port the run gave it, for the run to merge and ask, and samples
no lag (the run does, for every group).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any, cast

import faust

from services.common.settings import Settings
from services.ops.collectors import WorkerCollector, register
from services.ops.health import Probe
from services.ops.lag import LagSampler
from services.ops.server import Endpoints, serving
from services.ops.stream_metrics import RecordsOutSensor

log = logging.getLogger("newsflow.worker")
READY_LINE = b"stream worker ready"  # the start of the line logged when the worker has joined its group


class GroupState:
    """Whether the worker has joined its consumer group, from Faust's rebalance signals."""

    def __init__(self, group: str, topics: Sequence[str]) -> None:
        self.group, self.topics = group, set(topics)
        self.joined = False
        self.collector = WorkerCollector()

    async def assigned(self, sender: Any, assigned: Any, **_: Any) -> None:
        """Partitions assigned: count this worker's input partitions."""
        self.collector.partitions = sum(1 for tp in assigned if tp.topic in self.topics)

    async def revoked(self, sender: Any, *_: Any, **__: Any) -> None:
        """A rebalance started: not processing until it completes."""
        self.joined = False

    async def complete(self, sender: Any, *_: Any, **__: Any) -> None:
        """Rebalance and table recovery done: processing (logged once per rebalance)."""
        self.joined = True
        log.info("%s: group %s, %d input partitions", READY_LINE.decode(), self.group, self.collector.partitions or 0)

    async def check(self) -> tuple[bool, str]:
        """The group check."""
        if not self.joined:
            return False, "not in its consumer group yet (joining or rebalancing)"
        return True, f"in its group, {self.collector.partitions or 0} input partitions"


def attach_ops(app: faust.App, settings: Settings, topics: Sequence[str], supervised: bool) -> None:
    """Serve /metrics, /livez, /readyz from the worker while its app runs."""
    state = GroupState(app.conf.id, topics)
    app.sensors.add(RecordsOutSensor())
    app.on_partitions_assigned.connect(cast(Any, state.assigned))  # mode's signal types want positional-only
    app.on_partitions_revoked.connect(cast(Any, state.revoked))
    app.on_rebalance_complete.connect(cast(Any, state.complete))
    register(state.collector)
    probes: dict[str, Probe] = {"worker": state.check}
    sampler = None
    if not supervised:
        sampler = LagSampler(settings.kafka_bootstrap_servers or "", {app.conf.id: list(topics)},
                             settings.ops_lag_seconds)
        register(sampler)

        async def broker() -> tuple[bool, str]:
            return sampler.broker_check()

        probes["broker"] = broker

    if settings.ops_port == 0:  # no endpoints, no lag sampling (benchmarks)
        return

    @app.task
    async def serve_ops() -> None:
        async with serving(settings.ops_host, settings.ops_port, Endpoints(probes)):
            # both run until the app stops and cancels this task (its runner is cleaned up on the way out)
            await (sampler.run(asyncio.Event()) if sampler else asyncio.Future())
