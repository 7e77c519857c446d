"""The running pipeline under benchmark: broker, worker and sink processes, a publisher and an event watcher.

Hazard: workers and the sink are child processes in their own process groups;
``stop()`` must run (it is called from the context manager's exit) or they
outlive the harness.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from schemas.records import RawArticle
from schemas.topics import EVENTS, RAW
from services.bench.cpu import CpuMeter, named, with_descendants
from services.cli.run import stop_process
from services.common.broker import EmbeddedBroker, ensure_topics
from services.common.codecs import encode, encode_key
from services.common.offsets import end_offsets
from services.common.progress import wait_until_drained
from services.ops.worker_ops import READY_LINE
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import INPUT_TOPICS as SINK_TOPICS
from services.worker import ALL_STAGES, app_id_for, consumed_topics


class EventWatch:
    """Reads news.events from the start and notes when each article first appears in a committed event."""

    def __init__(self, bootstrap: str) -> None:
        self.first_seen: dict[str, float] = {}
        self.consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                         auto_offset_reset="earliest", fetch_max_wait_ms=20)
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Assign every partition of news.events and start reading."""
        await self.consumer.start()
        await self.consumer.topics()
        parts = [TopicPartition(EVENTS.name, p) for p in sorted(self.consumer.partitions_for_topic(EVENTS.name) or ())]
        self.consumer.assign(parts)
        await self.consumer.seek_to_beginning(*parts)
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        while True:
            polled = await self.consumer.getmany(timeout_ms=50)
            now = time.monotonic()
            for records in polled.values():
                for record in records:
                    for mention in json.loads(record.value).get("mentions", ()):
                        self.first_seen.setdefault(mention["article_id"], now)

    async def stop(self) -> None:
        """Stop reading."""
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        await self.consumer.stop()


class Pipeline:
    """Broker, N stream workers and a sink against one database; publish and wait helpers."""

    def __init__(self, bootstrap: str, database_url: str, workers: int, logdir: Path,
                 broker_pid: int | None = None) -> None:
        self.bootstrap, self.database_url, self.logdir, self.broker_pid = bootstrap, database_url, logdir, broker_pid
        self.procs: list[subprocess.Popen[bytes]] = []
        self.roles: list[tuple[str, subprocess.Popen[bytes]]] = []  # ("worker" or "sink", its process)
        self.worker_logs = [logdir / f"worker{i}.log" for i in range(workers)]
        self.watch = EventWatch(bootstrap)
        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, max_request_size=8 << 20)

    def _spawn(self, args: list[str], log: Path, data_dir: Path) -> None:
        env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap, "DATABASE_URL": self.database_url,
               "NEWSFLOW_DATA_DIR": str(data_dir), "NEWSFLOW_LOG_LEVEL": "INFO",
               "NEWSFLOW_OPS_PORT": "0"}  # no ops endpoints and no lag sampling: nothing but the pipeline measured
        with log.open("wb") as out:
            self.procs.append(subprocess.Popen([sys.executable, "-m", "services.cli.main", *args], env=env,
                                               stdout=out, stderr=subprocess.STDOUT, start_new_session=True))
        self.roles.append((args[0], self.procs[-1]))

    async def start(self, ready_timeout: float = 120.0) -> float:
        """Start everything; seconds until every worker logged that it is ready (joined its group)."""
        await self.producer.start()
        await self.watch.start()
        begin = time.monotonic()
        self._spawn(["sink"], self.logdir / "sink.log", self.logdir / "sink")
        for i, log in enumerate(self.worker_logs):
            self._spawn(["worker", "--stage", "all"], log, self.logdir / f"w{i}")
        while not all(log.exists() and READY_LINE in log.read_bytes() for log in self.worker_logs):
            if any(p.poll() is not None for p in self.procs):
                raise RuntimeError(f"a pipeline process exited; logs in {self.logdir}")
            if time.monotonic() - begin > ready_timeout:
                raise RuntimeError(f"workers not ready within {ready_timeout:.0f}s; logs in {self.logdir}")
            await asyncio.sleep(0.2)
        return time.monotonic() - begin

    async def publish(self, raws: list[RawArticle], rate: float | None = None) -> dict[str, float]:
        """Send to news.raw (all at once, or at ``rate`` per second); the monotonic send time of each article."""
        sent: dict[str, float] = {}
        start = time.monotonic()
        for i, raw in enumerate(raws):
            if rate:
                await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
            sent[raw.article_id] = time.monotonic()
            await self.producer.send(RAW.name, key=encode_key(raw.article_id), value=encode(raw))
        await self.producer.flush()
        return sent

    async def drained(self, timeout: float = 600.0) -> None:
        """Wait until the workers and the sink have committed everything published."""
        def alive() -> str | None:
            dead = [p.args for p in self.procs if p.poll() is not None]
            return f"pipeline process exited: {dead}; logs in {self.logdir}" if dead else None

        groups = {app_id_for(ALL_STAGES): consumed_topics(ALL_STAGES), SINK_GROUP: list(SINK_TOPICS)}
        await wait_until_drained(self.bootstrap, groups, timeout=timeout, alive=alive)

    def cpu_meter(self) -> CpuMeter:
        """CPU seconds of the workers, the sink, the broker, Postgres and this harness (``cpu.py``)."""
        def group(word: str) -> Callable[[], list[int]]:
            return lambda: with_descendants([p.pid for role, p in self.roles if role == word])
        return CpuMeter({"workers": group("worker"), "sink": group("sink"),
                         "broker": lambda: [self.broker_pid] if self.broker_pid else [],
                         "postgres": lambda: named("postgres"), "harness": lambda: [os.getpid()]})

    async def records_per_topic(self) -> dict[str, int]:
        """Records each topic holds (changelogs included), from true end offsets: what the pipeline moved."""
        consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            topics = sorted(await consumer.topics())
            parts = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        finally:
            await consumer.stop()
        counts: dict[str, int] = dict.fromkeys(topics, 0)
        for tp, end in (await end_offsets(self.bootstrap, parts)).items():
            counts[tp.topic] += end
        return {topic: n for topic, n in counts.items() if n}

    async def stop(self) -> None:
        """Stop the processes (workers first), the watcher and the producer."""
        for proc in reversed(self.procs):
            stop_process(proc, 15.0)
        await self.watch.stop()
        await self.producer.stop()


@contextlib.asynccontextmanager
async def running(database_url: str, workers: int, partitions: int,
                  logdir: Path) -> AsyncIterator[tuple[Pipeline, float]]:
    """A fresh broker with every topic, and the pipeline on it (logs under ``logdir``); yields it and readiness."""
    with EmbeddedBroker() as broker:
        await ensure_topics(broker.bootstrap_servers, partitions)
        await asyncio.to_thread(shutil.rmtree, logdir, True)
        await asyncio.to_thread(logdir.mkdir, parents=True)
        pipeline = Pipeline(broker.bootstrap_servers, database_url, workers, logdir,
                            broker.process.pid if broker.process else None)
        try:
            ready = await pipeline.start()
            yield pipeline, ready
        finally:
            await pipeline.stop()
