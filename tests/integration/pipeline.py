"""Running ``newsflow run --once`` as a user would, against the session's broker and a fresh database."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import asyncpg

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "samples" / "seeds"
RUN_TIMEOUT = 420


def run_once(feeds: str, database_url: str,
             extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI's one-shot run, as a user runs it: its own embedded broker, the given database.

    Returns the finished process (stdout, stderr, returncode).
    """
    env = {**os.environ, "DATABASE_URL": database_url, "NEWSFLOW_DATA_DIR": str(REPO / ".newsflow" / "test"),
           **(extra_env or {})}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "services.cli.main", "run", "--once", "--feeds", feeds, "--allow-private-network"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False,
    )


def cli(args: list[str], database_url: str) -> subprocess.CompletedProcess[str]:
    """Any other newsflow command against a database."""
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "services.cli.main", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


async def row_counts(url: str, queries: dict[str, str]) -> dict[str, int]:
    """The value of each counting query on the database at ``url``, by name."""
    conn = await asyncpg.connect(url)
    try:
        return {name: await conn.fetchval(query) for name, query in queries.items()}
    finally:
        await conn.close()


def worker_of(run: subprocess.Popen[str], timeout: float = 60.0) -> int:
    """The pid of the run's stream worker (a child process running ``worker --stage all``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(stat[1]) == run.pid and b"worker" in cmdline:
                return int(entry.name)
        time.sleep(0.2)
    raise AssertionError("the run started no stream worker")


@contextlib.contextmanager
def samples_stored(database_url: str) -> Iterator[subprocess.CompletedProcess[str]]:
    """The shared sample set served by ../shared/tools/feedserver.py and stored by one `run --once` (its output)."""
    from services.common.broker import free_port

    assert (SEEDS / "expected.json").exists(), f"the sample set is missing: {SEEDS} (../shared beside the checkout)"
    port = free_port()
    server = subprocess.Popen([sys.executable, str(SHARED / "tools" / "feedserver.py"), str(SEEDS), "--port",
                               str(port)], stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/feeds.txt", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        proc = run_once(base + "/feeds.txt", database_url)
        assert proc.returncode == 0, f"run --once failed:\n{proc.stdout}\n{proc.stderr[-4000:]}"
        yield proc
    finally:
        server.terminate()
        server.wait(10)
