"""Recovery on the embedded broker: a crash anywhere, then a plain ``newsflow run --once``, stores what a clean
run stores (services/cli/recover.py); a restart followed by re-polled edited articles changes no event.

Each run starts its own embedded broker (memory only), as a user's does; the database is the test's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop, fresh_database
from tests.integration.faults import STORY_GROUPS
from tests.integration.hostile_feeds import Item, corpus_items, serve_feed
from tests.integration.pipeline import REPO, row_counts, run_once, worker_of
from tests.unit.poller.feed_server import FeedServer, serving

pytestmark = pytest.mark.integration

N = 12
COUNTS = {
    "raw": "SELECT count(*) FROM raw_articles",
    "articles": "SELECT count(*) FROM articles WHERE duplicate_of IS NULL",
    "duplicates": "SELECT count(*) FROM duplicates",
    "mentions": "SELECT count(*) FROM event_mentions",
    "events": "SELECT count(*) FROM events",
    "versions": "SELECT coalesce(sum(version), 0) FROM events",
    "inconsistent": "SELECT count(*) FROM events e WHERE e.version <> e.num_mentions OR e.num_mentions <> "
                    "(SELECT count(*) FROM event_mentions m WHERE m.event_id = e.event_id)",
    "dead_letters": "SELECT count(*) FROM dead_letters",
}


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback HTTP server for the feeds and pages of the runs."""
    with serving() as feed_server:
        yield feed_server


def _feeds(server: FeedServer, tmp_path: Path, tag: str, items: list[Item]) -> str:
    feeds = tmp_path / f"{tag}.txt"
    feeds.write_text(serve_feed(server, f"/{tag}/feed.xml", tag.title(), items) + "\n")
    return str(feeds)


async def _stored(url: str) -> tuple[dict[str, int], frozenset[frozenset[str]]]:
    import asyncpg

    counts = await row_counts(url, COUNTS)
    conn = await asyncpg.connect(url)
    try:
        groups = frozenset(frozenset(r["ids"]) for r in await conn.fetch(STORY_GROUPS))
    finally:
        await conn.close()
    return counts, groups


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children first found, then theirs)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    out, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        out += children
        frontier = children
    return out


def _kill_everything(run: subprocess.Popen[str]) -> None:
    """SIGKILL the run and everything it started (worker, embedded broker): no flush, no commit, memory gone."""
    for pid in [run.pid, *_descendants(run.pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    run.wait(10)


def _wait_rows(url: str, sql: str, at_least: int, run: subprocess.Popen[str], timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, "the run ended before the fault"
        if asyncio.run(row_counts(url, {"n": sql}))["n"] >= at_least:
            return
        time.sleep(0.1)
    raise AssertionError(f"never reached {at_least}: {sql}")


Stored = tuple[dict[str, int], frozenset[frozenset[str]]]
CLEAN = {"raw": N, "articles": N - 1, "duplicates": 1, "mentions": 11, "events": 4, "versions": 11,
         "inconsistent": 0, "dead_letters": 0}


@pytest.fixture(scope="module")
def clean(server: FeedServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Stored]:
    """The feed of the fault runs and what a run without a fault stores from it."""
    feeds = _feeds(server, tmp_path_factory.mktemp("clean"), "recovered", corpus_items(server, "recovered", N))
    url = fresh_database("newsflow_recovery_test")
    try:
        done = run_once(feeds, url)
        assert done.returncode == 0, done.stderr[-3000:]
        expected = asyncio.run(_stored(url))
    finally:
        drop(url)
    assert expected[0] == CLEAN
    return feeds, expected


def _run(feeds: str, url: str, data: Path, *flags: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_DATA_DIR": str(data)}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS"):
        env.pop(name, None)
    return subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", *flags, "--feeds", feeds,
                             "--allow-private-network"], env=env, cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_run_killed_mid_stream_is_recovered_by_the_next_plain_run(clean: tuple[str, Stored],
                                                                     tmp_path: Path) -> None:
    feeds, expected = clean
    url = fresh_database("newsflow_recovery_test")
    try:
        run = _run(feeds, url, tmp_path / "data", "--once")
        try:
            _wait_rows(url, "SELECT count(*) FROM event_mentions", 3, run)  # about a third of the run
        finally:
            _kill_everything(run)
        killed = asyncio.run(_stored(url))
        after = run_once(feeds, url)
        assert after.returncode == 0, after.stderr[-3000:]
        recovered = asyncio.run(_stored(url))
    finally:
        drop(url)
    assert killed[0]["mentions"] < expected[0]["mentions"], "the fault struck mid-run"
    assert recovered == expected, "the same rows and the same reports in each event as a clean run"
    assert "recovered from Postgres" in after.stderr


def test_a_worker_killed_in_a_long_running_run_is_restarted_and_loses_nothing(clean: tuple[str, Stored],
                                                                              tmp_path: Path) -> None:
    feeds, expected = clean
    url = fresh_database("newsflow_recovery_test")
    try:
        run = _run(feeds, url, tmp_path / "data")
        try:
            _wait_rows(url, "SELECT count(*) FROM event_mentions", 3, run)
            os.kill(worker_of(run), signal.SIGKILL)
            _wait_rows(url, "SELECT count(*) FROM event_mentions", expected[0]["mentions"], run)
            time.sleep(5)  # anything more would show up now
        finally:
            run.send_signal(signal.SIGTERM)
            _, err = run.communicate(timeout=60)
        stored = asyncio.run(_stored(url))
    finally:
        drop(url)
    assert "stream worker stopped (exited with code -9); restarting it" in err
    assert stored == expected, "the same rows and the same reports in each event as a clean run"


def test_a_restart_then_re_polled_edited_articles_change_no_event(server: FeedServer, tmp_path: Path) -> None:
    items = corpus_items(server, "edited", N)
    feeds = _feeds(server, tmp_path, "edited", items)
    url = fresh_database("newsflow_recovery_test")
    try:
        first = run_once(feeds, url)
        assert first.returncode == 0, first.stderr[-3000:]
        before = asyncio.run(_stored(url))
        edited = [Item(f"{item.title} (updated)", item.link) for item in items[:10]] + items[10:]
        _feeds(server, tmp_path, "edited", edited)  # the same feed URL, ten headlines edited
        second = run_once(feeds, url)  # a new embedded broker: its tables are rebuilt from Postgres
        assert second.returncode == 0, second.stderr[-3000:]
        after = asyncio.run(_stored(url))
    finally:
        drop(url)
    assert before[0] == CLEAN
    assert "; 10 articles published" in second.stdout, "the edited items were published again"
    assert after == before, "no event opened, no version moved, every duplicate still one"
    assert "4 open events and" in second.stderr, "the open events were rebuilt"


def test_a_continuous_run_rotates_its_embedded_broker_and_loses_nothing(clean: tuple[str, Stored],
                                                                        tmp_path: Path) -> None:
    feeds, expected = clean
    url, log = fresh_database("newsflow_recovery_test"), tmp_path / "run.log"
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_DATA_DIR": str(tmp_path / "data"),
           "NEWSFLOW_PIPELINE__ROTATE_BROKER_ARTICLES": "4"}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS"):
        env.pop(name, None)
    try:
        with log.open("w") as out:
            run = subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", "--feeds", feeds,
                                    "--allow-private-network"], env=env, cwd=REPO, stdout=out, stderr=out, text=True)
            try:
                deadline = time.monotonic() + 300
                while log.read_text().count("polling 1 feeds") < 2:  # the second broker's pipeline is up
                    assert run.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
                    time.sleep(0.5)
                time.sleep(5)
            finally:
                run.send_signal(signal.SIGTERM)
                run.wait(60)
        stored = asyncio.run(_stored(url))
    finally:
        drop(url)
    text = log.read_text()
    assert "raw articles: draining" in text and "rotating the embedded broker after" in text
    recovered = [line for line in text.splitlines() if "recovered from Postgres" in line]
    assert len(recovered) == 2 and ", 4 open events and" in recovered[1] and "0 raw articles replayed" in recovered[1]
    assert stored == expected, "the same rows and the same reports in each event as a clean run"
