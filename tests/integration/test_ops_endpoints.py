"""`newsflow run` serves /metrics, /livez and /readyz on NEWSFLOW_OPS_PORT: every metric family and every health
state observed over HTTP during a continuous run (its own embedded broker, a fresh Postgres database)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from services.common.broker import free_port
from tests.conftest import drop, fresh_database
from tests.integration.hostile_feeds import corpus_items, serve_feed
from tests.integration.kafka_io import read_topics
from tests.integration.pipeline import REPO
from tests.integration.test_run_supervision import worker_of
from tests.unit.poller.feed_server import FeedServer, Reply, serving

pytestmark = pytest.mark.integration
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def get(url: str) -> tuple[int, str]:
    """Status and body of a GET (an HTTP error status is an answer too)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def samples(base: str) -> Samples:
    """Every sample of /metrics by (name, sorted labels)."""
    status, text = get(base + "/metrics")
    assert status == 200
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(found: Samples, name: str, **labels: str) -> float | None:
    """One sample's value, or None when absent."""
    return found.get((name, tuple(sorted(labels.items()))))


def wait_for(what: str, probe: Callable[[], Any], timeout: float = 120.0) -> Any:
    """Poll ``probe`` every half second until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def readiness(base: str) -> tuple[int, dict[str, Any]] | None:
    """/readyz's status and body, or None while nothing listens."""
    try:
        status, text = get(base + "/readyz")
    except OSError:
        return None
    return status, json.loads(text)


def newsflow_status(env: dict[str, str], *args: str) -> Any:
    """`newsflow status` against the run: its JSON, or its table."""
    proc = subprocess.run([sys.executable, "-m", "services.cli.main", "status", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout) if args else proc.stdout


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback HTTP server for the feeds and pages of the run."""
    with serving() as feed_server:
        yield feed_server


async def poison(bootstrap: str) -> None:
    """One record on news.raw that is not a RawArticle."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait("news.raw", key=b"poison", value=b"not a raw article")
    finally:
        await producer.stop()


def test_every_metric_family_and_health_state_over_http(server: FeedServer, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    good = serve_feed(server, "/ops/a.xml", "Ops", corpus_items(server, "ops", 7))
    broken = server.route("/ops/broken.xml", Reply(500))
    feeds.write_text(f"{good}\n{broken}\nhttp://127.0.0.1:9/refused.xml\n")
    url = fresh_database("newsflow_ops_test")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_DATA_DIR": str(tmp_path / "data"),
           "NEWSFLOW_OPS_PORT": str(port), "NEWSFLOW_OPS_LAG_SECONDS": "1", "NEWSFLOW_PROGRESS_SECONDS": "2"}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS", "NEWSFLOW_OPS_HOST"):
        env.pop(name, None)
    log = tmp_path / "run.log"
    run = subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", "--feeds", str(feeds),
                            "--allow-private-network"], env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                           stderr=log.open("w"), text=True)
    try:
        # not ready while the stream worker has not joined its group; the other checks already pass
        status, body = wait_for("the ops endpoints", lambda: readiness(base), timeout=60)
        assert status == 503 and body["ready"] is False
        assert body["checks"]["worker"]["ok"] is False
        assert body["checks"]["database"] == {"ok": True, "detail": "answered"}
        status, live = get(base + "/livez")
        assert status == 200 and json.loads(live)["restarts"] == {"poller": 0, "sink": 0, "stream worker": 0}

        ready = wait_for("readiness", lambda: (r := readiness(base)) and r[0] == 200 and r[1])
        assert set(ready["checks"]) == {"broker", "database", "worker", "sink"}
        assert all(check["ok"] for check in ready["checks"].values())

        # the demo's first seven articles: 6 unique, 1 copy, 6 mentions, 2 events (as in test_run_supervision)
        found = wait_for("the articles stored", lambda: (s := samples(base)) and
                         value(s, "newsflow_sink_records_out_total", kind="duplicates") == 1 and
                         value(s, "newsflow_sink_records_out_total", kind="articles") == 6 and s)
        bootstrap = re.search(r"embedded broker at (\S+)", log.read_text())
        assert bootstrap, "the run did not log its broker"
        asyncio.run(poison(bootstrap.group(1)))
        found = wait_for("the dead letter stored and no lag left", lambda: (s := samples(base)) and
                         value(s, "newsflow_sink_records_out_total", kind="dead_letters") == 1 and
                         sum(v for (name, _), v in s.items() if name == "newsflow_consumer_lag") == 0 and s)

        # stream stages (the worker process's families, merged into the run's)
        assert value(found, "newsflow_stage_records_in_total", stage="normalizer") == 8
        assert value(found, "newsflow_stage_records_out_total", stage="normalizer", topic="news.normalized") == 7
        assert value(found, "newsflow_stage_records_out_total", stage="dedup", topic="news.articles") == 6
        assert value(found, "newsflow_stage_records_out_total", stage="extractor", topic="news.mentions") == 6
        assert value(found, "newsflow_stage_records_in_total", stage="clusterer") == 6
        assert value(found, "newsflow_stage_records_out_total", stage="clusterer", topic="news.event-updates") == 6
        assert value(found, "newsflow_stage_errors_total", stage="normalizer", kind="ValidationError") == 1
        assert value(found, "newsflow_dead_letters_total", stage="normalizer", kind="ValidationError") == 1
        assert value(found, "newsflow_stage_processing_seconds_count", stage="extractor") == 6
        assert value(found, "newsflow_stage_processing_seconds_bucket", stage="extractor", le="+Inf") == 6
        assert value(found, "newsflow_worker_assigned_partitions") == 20  # 5 input topics x 4 partitions
        # poller
        assert value(found, "newsflow_poller_polls_total") == 3
        assert value(found, "newsflow_poller_responses_total", status="200") == 1
        assert value(found, "newsflow_poller_responses_total", status="304") == 0
        assert value(found, "newsflow_poller_errors_total", kind="http_status") == 1
        assert value(found, "newsflow_poller_errors_total", kind="connection") == 1
        assert value(found, "newsflow_poller_items_total", outcome="published") == 7
        assert value(found, "newsflow_poller_pages_total") == 7
        assert (value(found, "newsflow_poller_bytes_total") or 0) > 0
        assert value(found, "newsflow_poller_poll_seconds_count") == 3
        # sink
        assert value(found, "newsflow_sink_records_out_total", kind="raw_articles") == 7
        # one news.events record per event whose version advanced in a batch: 2 to 6, by how versions fall in batches
        published = asyncio.run(read_topics(bootstrap.group(1), ["news.events"]))["news.events"]
        assert 2 <= len(published) <= 6 and value(found, "newsflow_sink_events_published_total") == len(published)
        batches = value(found, "newsflow_sink_batches_total")
        assert batches and value(found, "newsflow_sink_batch_records_count") == batches
        assert value(found, "newsflow_sink_commit_seconds_count") == batches
        assert value(found, "newsflow_sink_batch_records_sum") == value(found, "newsflow_sink_records_in_total")
        assert (value(found, "newsflow_sink_last_commit_timestamp_seconds") or 0) > time.time() - 600
        # lag (every group, topic and partition, all caught up), broker memory, readiness, restarts
        lag = {labels for (name, labels), _ in found.items() if name == "newsflow_consumer_lag"}
        assert len(lag) == 4 * (5 + 5)  # newsflow-pipeline reads 5 topics, newsflow-sink 5; 4 partitions each
        assert (value(found, "newsflow_embedded_broker_resident_memory_bytes") or 0) > 1_000_000
        assert {c: value(found, "newsflow_ready", check=c) for c in ready["checks"]} == \
            {"broker": 1, "database": 1, "worker": 1, "sink": 1}
        assert value(found, "newsflow_restarts_total", part="stream worker") == 0

        # newsflow status: the same figures, with what Postgres holds
        report = newsflow_status(env, "--json")
        assert report["feeds"] == {"ok": 1, "failing": 2, "disabled": 0}
        assert report["dead_letters"] == {"normalizer": 1}
        assert report["lag"] == {"normalizer": 0, "dedup": 0, "extractor": 0, "clusterer": 0, "sink": 0}
        assert report["ready"] is True and report["restarts"] == {"poller": 0, "sink": 0, "stream worker": 0}
        assert report["embedded_broker_rss_bytes"] > 1_000_000
        assert report["last_event"]["plover_type"] and report["last_event"]["num_mentions"] >= 1
        table = newsflow_status(env)
        assert f"http://127.0.0.1:{port}: ready" in table and "1 ok, 2 failing, 0 disabled" in table
        assert "normalizer 1" in table and " MiB" in table

        # a killed worker: not ready, then restarted, counted and shown in health, ready again
        os.kill(worker_of(run), signal.SIGKILL)
        status, body = wait_for("the worker check failing",
                                lambda: (r := readiness(base)) and r[0] == 503 and r)
        assert body["checks"]["worker"]["ok"] is False
        assert value(samples(base), "newsflow_ready", check="worker") == 0
        wait_for("readiness again", lambda: (r := readiness(base)) and r[0] == 200)
        status, body = readiness(base) or (0, {})
        assert body["restarts"] == {"poller": 0, "sink": 0, "stream worker": 1}
        assert value(samples(base), "newsflow_restarts_total", part="stream worker") == 1
    finally:
        run.send_signal(signal.SIGTERM)
        try:
            run.wait(timeout=60)
        finally:
            drop(url)
    assert run.returncode == 0, log.read_text()[-3000:]
    assert "progress: 3 feed polls (2 failed, 0 not modified), 7 items published, 0 lost" in log.read_text()
