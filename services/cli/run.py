"""``newsflow run``: the whole pipeline in one command (poller + sink here, stream stages in a worker process),
each part restarted with backoff when it stops (``supervise.py``); on the embedded broker, what the last run
left unfinished is found in Postgres and carried through first (``recover.py``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.cli.context import Runtime, runtime_for
from services.cli.polling import feed_polling, stop_on_signals
from services.cli.recover import recover
from services.cli.rotate import Rotation, relay, run_continuously
from services.cli.supervise import TaskChild, supervise
from services.common.broker import free_port
from services.common.progress import wait_until_drained
from services.common.settings import Settings
from services.ops.run_ops import run_ops
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import INPUT_TOPICS as SINK_TOPICS
from services.sink.service import Sink
from services.worker import ALL_STAGES, app_id_for, consumed_topics

if TYPE_CHECKING:
    from services.web.serve import Listener

log = logging.getLogger("newsflow.run")
WORKER_STOP_SECONDS = 15.0
MAX_RESTARTS_ONCE = 5  # a --once run gives up on a part restarted more often than this


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
    restarts: int = 0  # parts the supervisor started again (services/cli/supervise.py)


class WorkerChild:
    """The stream worker (every stage) as a child process, started again by the supervisor when it dies."""

    name = "stream worker"

    def __init__(self, bootstrap_servers: str) -> None:
        self.ops_url = f"http://127.0.0.1:{free_port()}"  # its own endpoints, merged into the run's
        self.env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers, "NEWSFLOW_OPS_HOST": "127.0.0.1",
                    "NEWSFLOW_OPS_PORT": self.ops_url.rsplit(":", 1)[1]}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the worker process in a session of its own (so its whole group can be stopped)."""
        self.proc = subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", "--stage", "all",
                                      "--supervised"], env=self.env, stdout=sys.stderr, start_new_session=True)

    def stopped(self) -> str | None:
        """The worker's exit code once it has exited, else None."""
        if self.proc is None or self.proc.poll() is None:
            return None
        return f"exited with code {self.proc.returncode}"

    def stop(self) -> None:
        """Stop the worker with a deadline and a hard kill."""
        if self.proc is not None:
            stop_process(self.proc, WORKER_STOP_SECONDS)


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


def web_child(web: Listener, database_url: str, settings: Settings, stop: asyncio.Event) -> TaskChild:
    """The web view as a part of the run, started (it stops when ``stop`` is set)."""
    from services.web.serve import serve

    child = TaskChild("web view", lambda: serve(web, database_url, settings, stop))
    child.start()
    return child


async def run_pipeline(settings: Settings, feeds: str, once: bool, allow_private: bool,
                       web: Listener | None = None) -> RunSummary | None:
    """Run until stopped (or, with ``once``, until one poll of every feed has gone through every stage); with
    ``web``, the web view is one more supervised part (``services/web``); a continuous run on the embedded broker
    goes on with a new one when it is due (``rotate.py``)."""
    stop = asyncio.Event()
    stop_on_signals(stop)
    while True:
        async with runtime_for(settings) as rt:
            if not settings.kafka_bootstrap_servers:  # a new embedded broker: every topic and changelog starts empty
                await recover(rt.pool, rt.bootstrap_servers, settings, app_id_for(ALL_STAGES))
            worker = WorkerChild(rt.bootstrap_servers)
            worker.start()
            try:
                outcome = await _run(rt, settings, feeds, once, allow_private, worker, stop, web)
            finally:
                worker.stop()
        if not isinstance(outcome, Rotation):
            return outcome


async def _run(rt: Runtime, settings: Settings, feeds: str, once: bool, allow_private: bool,
               worker: WorkerChild, stop: asyncio.Event, web: Listener | None = None) -> RunSummary | Rotation | None:
    halt = asyncio.Event()  # stops the sink and the web view: the run's stop, or a rotation
    stopping = asyncio.create_task(relay(stop, halt))
    sink = Sink(rt.bootstrap_servers, rt.pool, settings.pipeline.sink_batch_size, settings.kafka)
    sink_child = TaskChild("sink", lambda: sink.run(halt))
    sink_child.start()
    restarts: Counter[str] = Counter()
    supervisor: asyncio.Task[None] | None = None
    view: TaskChild | None = None
    groups = {app_id_for(ALL_STAGES): consumed_topics(ALL_STAGES), SINK_GROUP: list(SINK_TOPICS)}
    parts = [worker.name, sink_child.name] + ([] if once else ["poller"]) + (["web view"] if web and not once else [])
    ops_served = contextlib.AsyncExitStack()  # the ops endpoints stay up until every part has stopped
    try:
        ops = await ops_served.enter_async_context(run_ops(settings, rt.bootstrap_servers, rt.pool, sink.metrics,
                                                           worker.ops_url, restarts, parts, groups, once))
        async with feed_polling(settings, rt.bootstrap_servers, rt.pool, feeds, allow_private) as polling:
            log.info("polling %d feeds", len(polling.urls))
            ops.watch_poller(polling.poller.metrics, len(polling.urls), once)
            if not once:
                poll_stop = asyncio.Event()
                poller = TaskChild("poller", lambda: polling.poller.run_forever(polling.urls, poll_stop))
                poller.start()
                view = web_child(web, rt.database_url, settings, halt) if web else None
                rotate_after = 0 if settings.kafka_bootstrap_servers else settings.pipeline.rotate_broker_articles
                rotated = await run_continuously([worker, sink_child, poller, *([view] if view else [])], poller,
                                                 poll_stop, sink, settings, groups, rt.bootstrap_servers, stop,
                                                 restarts, rotate_after)
                return Rotation() if rotated else None
            supervisor = asyncio.create_task(supervise([worker, sink_child], stop, restarts), name="supervisor")
            results = await polling.poller.poll_once(polling.urls)
            await polling.producer.flush()

        def alive() -> str | None:
            given_up = [name for name, n in restarts.items() if n > MAX_RESTARTS_ONCE]
            return f"{given_up[0]} restarted {restarts[given_up[0]]} times" if given_up else None

        await wait_until_drained(rt.bootstrap_servers, groups, timeout=settings.pipeline.once_timeout_seconds,
                                 alive=alive)
        return RunSummary(
            feeds=len(results), feeds_failed=sum(1 for r in results if r.status == "error"),
            articles_published=sum(len(r.article_ids) for r in results),
            articles_lost=sum(len(r.lost) for r in results), articles_stored=sink.metrics.articles,
            duplicates=sink.metrics.duplicates, events_published=sink.metrics.events_published,
            dead_letters=sink.metrics.dead_letters, restarts=sum(restarts.values()),
        )
    finally:
        halt.set()
        stopping.cancel()
        if supervisor is not None:
            stop.set()
            await supervisor
        await sink_child.stop(10)
        if view is not None:
            await view.stop(5)
        await ops_served.aclose()
