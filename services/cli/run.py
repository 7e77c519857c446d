"""``newsflow run``: the whole pipeline in one command (poller + sink here, stream stages in a worker process)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from services.cli.context import Runtime, runtime_for
from services.cli.polling import feed_polling, stop_on_signals
from services.common.progress import wait_until_drained
from services.common.settings import Settings
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import INPUT_TOPICS as SINK_TOPICS
from services.sink.service import Sink
from services.worker import ALL_STAGES, app_id_for, consumed_topics

log = logging.getLogger("newsflow.run")
WORKER_STOP_SECONDS = 15.0


@dataclass
class RunSummary:
    """What one ``--once`` run did."""

    feeds: int
    feeds_failed: int
    articles_published: int
    articles_lost: int
    articles_stored: int
    duplicates: int
    events_published: int
    dead_letters: int


@contextlib.contextmanager
def worker_process(bootstrap_servers: str, settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    """The stream worker (every stage) as a child process, stopped with a deadline and a hard kill."""
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers}
    proc = subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", "--stage", "all"], env=env,
                            stdout=sys.stderr, start_new_session=True)
    try:
        yield proc
    finally:
        stop_process(proc, WORKER_STOP_SECONDS)


def stop_process(proc: subprocess.Popen[bytes], deadline: float) -> None:
    """SIGTERM, wait up to ``deadline`` seconds, then SIGKILL the process group."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(deadline)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


async def run_pipeline(settings: Settings, feeds: str, once: bool, allow_private: bool) -> RunSummary | None:
    """Run until stopped (or, with ``once``, until one poll of every feed has gone through every stage)."""
    async with runtime_for(settings) as rt:
        with worker_process(rt.bootstrap_servers, settings) as worker:
            return await _run(rt, settings, feeds, once, allow_private, worker)


async def _run(rt: Runtime, settings: Settings, feeds: str, once: bool, allow_private: bool,
               worker: subprocess.Popen[bytes]) -> RunSummary | None:
    stop = asyncio.Event()
    stop_on_signals(stop)
    sink = Sink(rt.bootstrap_servers, rt.pool, settings.pipeline.sink_batch_size, settings.kafka)
    sink_task = asyncio.create_task(sink.run(stop), name="sink")
    try:
        async with feed_polling(settings, rt.bootstrap_servers, rt.pool, feeds, allow_private) as polling:
            log.info("polling %d feeds", len(polling.urls))
            if not once:
                await polling.poller.run_forever(polling.urls, stop)
                return None
            results = await polling.poller.poll_once(polling.urls)
            await polling.producer.flush()

        def alive() -> str | None:
            if worker.poll() is not None:
                return f"stream worker exited with code {worker.returncode}"
            if sink_task.done():
                return f"sink stopped: {sink_task.exception() or 'without error'}"
            return None

        groups = {app_id_for(ALL_STAGES): consumed_topics(ALL_STAGES), SINK_GROUP: list(SINK_TOPICS)}
        await wait_until_drained(rt.bootstrap_servers, groups, timeout=settings.pipeline.once_timeout_seconds,
                                 alive=alive)
        return RunSummary(
            feeds=len(results), feeds_failed=sum(1 for r in results if r.status == "error"),
            articles_published=sum(len(r.article_ids) for r in results),
            articles_lost=sum(len(r.lost) for r in results), articles_stored=sink.metrics.articles,
            duplicates=sink.metrics.duplicates, events_published=sink.metrics.events_published,
            dead_letters=sink.metrics.dead_letters,
        )
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(sink_task, 10)
