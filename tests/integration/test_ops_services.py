"""The single-service commands of docker-compose (`newsflow sink`, `worker`, `poller`) serve their own /readyz and
/metrics on NEWSFLOW_OPS_PORT, which is what the compose healthchecks ask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.common.broker import free_port
from tests.conftest import broker_with_topics, drop, fresh_database
from tests.integration.pipeline import REPO
from tests.integration.test_ops_endpoints import get, readiness, samples, value, wait_for
from tests.unit.poller.feed_server import FeedServer, Reply, serving

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def services_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh broker and database for the services, as docker-compose gives them."""
    url = fresh_database("newsflow_ops_services_test")
    try:
        with broker_with_topics() as broker:
            env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers, "DATABASE_URL": url,
                   "NEWSFLOW_DATA_DIR": str(tmp_path_factory.mktemp("data")), "NEWSFLOW_OPS_LAG_SECONDS": "1"}
            env.pop("NEWSFLOW_OPS_HOST", None)
            yield env
    finally:
        drop(url)


def started(env: dict[str, str], log: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    """A newsflow command serving its endpoints on a free port; the process and the endpoints' base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "services.cli.main", *args],
                            env={**env, "NEWSFLOW_OPS_PORT": str(port)}, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=log.open("w"))
    return proc, f"http://127.0.0.1:{port}"


def ready_checks(proc: subprocess.Popen[bytes], base: str, log: Path) -> dict[str, Any]:
    """The checks of the first 200 /readyz."""
    def answer() -> dict[str, Any] | None:
        assert proc.poll() is None, log.read_text()[-3000:]
        found = readiness(base)
        return found[1] if found and found[0] == 200 else None

    body = wait_for("readiness", answer, timeout=120)
    return dict(body["checks"])


def stopped(proc: subprocess.Popen[bytes]) -> int:
    """SIGTERM, then the exit code."""
    proc.send_signal(signal.SIGTERM)
    return proc.wait(60)


def test_the_sink_serves_its_readiness_and_metrics(services_env: dict[str, str], tmp_path: Path) -> None:
    log = tmp_path / "sink.log"
    proc, base = started(services_env, log, "sink")
    try:
        checks = ready_checks(proc, base, log)
        assert set(checks) == {"broker", "database", "sink"}
        assert checks["sink"] == {"ok": True, "detail": "caught up (no commit yet)"}
        found = samples(base)
        assert value(found, "newsflow_consumer_lag", group="newsflow-sink", topic="news.raw", partition="0") == 0
        assert value(found, "newsflow_sink_records_in_total") == 0
        assert value(found, "newsflow_ready", check="sink") == 1
    finally:
        assert stopped(proc) == 0, log.read_text()[-3000:]


def test_a_stage_worker_serves_its_readiness_and_metrics(services_env: dict[str, str], tmp_path: Path) -> None:
    log = tmp_path / "worker.log"
    proc, base = started(services_env, log, "worker", "--stage", "normalizer")
    try:
        checks = ready_checks(proc, base, log)
        assert set(checks) == {"broker", "worker"}
        assert checks["worker"] == {"ok": True, "detail": "in its group, 4 input partitions"}
        found = samples(base)
        assert value(found, "newsflow_worker_assigned_partitions") == 4
        assert value(found, "newsflow_consumer_lag", group="newsflow-normalizer", topic="news.raw",
                     partition="3") == 0
    finally:
        assert stopped(proc) == 0, log.read_text()[-3000:]
    assert "Starting..." not in log.read_text()  # no Faust banner or service lines


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback feed server."""
    with serving() as feed_server:
        yield feed_server


def test_the_poller_serves_its_readiness_and_metrics(services_env: dict[str, str], server: FeedServer,
                                                     tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.route("/ops-services/gone.xml", Reply(404)) + "\n")
    log = tmp_path / "poller.log"
    proc, base = started({**services_env, "NEWSFLOW_ALLOW_PRIVATE_NETWORKS": "true"}, log, "poller", "--feeds",
                         str(feeds))
    try:
        checks = ready_checks(proc, base, log)
        assert set(checks) == {"broker", "database"}
        found = wait_for("the feed polled", lambda: (s := samples(base)) and
                         value(s, "newsflow_poller_polls_total") == 1 and s)
        assert value(found, "newsflow_poller_errors_total", kind="http_status") == 1
        status, live = get(base + "/livez")
        assert status == 200 and json.loads(live)["live"] is True
    finally:
        assert stopped(proc) == 0, log.read_text()[-3000:]
