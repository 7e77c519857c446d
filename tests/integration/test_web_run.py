"""`newsflow run --web`: the web view as one more part of a continuous run, showing events as the run stores
them, and stopping with the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from services.devtools.feedserver import serve_corpus
from tests.conftest import drop, fresh_database
from tests.integration.pipeline import REPO

pytestmark = pytest.mark.integration


def test_run_web_serves_the_events_the_run_stores() -> None:
    url = fresh_database("newsflow_web_run_test")
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_DATA_DIR": str(REPO / ".newsflow" / "test")}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS"):
        env.pop(name, None)
    run: subprocess.Popen[str] | None = None
    try:
        with serve_corpus(REPO / "demo" / "corpus") as server:
            run = subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", "--web", "--web-port", "0",
                                    "--feeds", server.feeds_txt_url, "--allow-private-network"],
                                   env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                assert run.stdout is not None
                first = run.stdout.readline().strip()
                assert first.startswith("web view: http://127.0.0.1:"), first
                base = first.removeprefix("web view: ").rstrip("/")
                events: list[object] = []
                deadline = time.monotonic() + 180
                while not events and time.monotonic() < deadline:
                    time.sleep(2)
                    try:
                        events = httpx.get(base + "/api/events", timeout=10).json()["events"]
                    except httpx.TransportError:
                        assert run.poll() is None, "the run stopped"
                assert events, "no event reached the web view within 180 s"
                assert httpx.get(base + "/api/status", timeout=10).json()["read_only"] is True
            finally:
                run.send_signal(signal.SIGINT)
                code = run.wait(90)
        assert code in (0, 130), code
        with pytest.raises(httpx.TransportError):
            httpx.get(base + "/api/status", timeout=5)
    finally:
        if run is not None and run.poll() is None:
            run.kill()
            run.wait(10)
        drop(url)
