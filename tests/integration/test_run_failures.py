"""`newsflow run --once` fails with a clear message and a non-zero exit when it cannot do its job or lost items."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop, fresh_database
from tests.integration.faults import corpus_articles
from tests.integration.hostile_feeds import HTML, TEN_MB_TITLE, Item, big_page_item, corpus_items, serve_feed
from tests.integration.pipeline import REPO, cli, row_counts, run_once
from tests.unit.poller.feed_server import FeedServer, Reply, serving

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    url = fresh_database("newsflow_failures_test")
    yield url
    drop(url)


def test_missing_feed_list(database: str, tmp_path: Path) -> None:
    proc = run_once(str(tmp_path / "nope.txt"), database)
    assert proc.returncode == 1
    assert "newsflow run failed" in proc.stderr
    assert "nope.txt" in proc.stderr


def test_no_feed_could_be_fetched(database: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing listens on port 9\nhttp://127.0.0.1:9/feed.xml\n")
    proc = run_once(str(feeds), database)
    assert proc.returncode == 1
    assert "polled 1 feeds (1 failed)" in proc.stdout
    assert "no feed could be fetched" in proc.stderr
    assert "`make demo`" in proc.stderr


def test_a_continuous_run_says_within_seconds_that_no_feed_could_be_fetched(database: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/a.xml\nhttp://127.0.0.1:9/b.xml\n")
    env = {**os.environ, "DATABASE_URL": database, "NEWSFLOW_DATA_DIR": str(tmp_path / "data"),
           "NEWSFLOW_OPS_PORT": "0"}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS"):
        env.pop(name, None)
    log = tmp_path / "run.log"
    started = time.monotonic()
    run = subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", "--feeds", str(feeds),
                            "--allow-private-network"], env=env, cwd=REPO, stderr=log.open("w"),
                           stdout=subprocess.DEVNULL)
    try:
        while "no feed could be fetched" not in log.read_text() and time.monotonic() - started < 30:
            time.sleep(0.2)
        said = time.monotonic() - started
    finally:
        run.send_signal(signal.SIGINT)
        run.wait(60)
    line = next(line for line in log.read_text().splitlines() if "no feed could be fetched" in line)
    assert said < 15, said  # the broker, the database and the two refused connections take a few seconds
    assert line.endswith("no feed could be fetched: all 2 failed (connection 2); check the network (or a proxy); "
                         "`make demo` (`newsflow demo`) runs the pipeline on a bundled corpus with no network")
    assert run.returncode == 0


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback HTTP server for the feeds and pages of a run."""
    with serving() as feed_server:
        yield feed_server


SUMMARY = re.compile(r"polled (\d+) feeds \((\d+) failed\); (\d+) articles published, (\d+) lost; stored (\d+) "
                     r"unique, (\d+) duplicates; (\d+) event versions; (\d+) dead letters")


def test_a_lost_item_exits_3_and_the_summary_matches_the_stored_rows(server: FeedServer, tmp_path: Path) -> None:
    normal = corpus_items(server, "once", 7)
    hostile = [
        big_page_item(server, "once"),
        Item(TEN_MB_TITLE, normal[6].link),
        Item("Known only by its GUID", guid="urn:newsflow:once:" + "g" * 4000,
             description="The ferry timetable changes on Monday: the first crossing leaves at six, the last at ten, "
                         "and the harbour office answers questions by telephone until the end of the month."),
        Item("Linked far away", server.route("/once/" + "l" * 4000 + ".html",
                                             Reply(body=corpus_html("once-long"), headers=HTML))),
    ]
    too_long = Item("A link of two megabytes", "http://127.0.0.1:9/" + "x" * 2_000_000)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(serve_feed(server, "/once/a.xml", "Once A", [*normal[:6], *hostile]) + "\n"
                     + serve_feed(server, "/once/b.xml", "Once B", [too_long]) + "\n")
    url = fresh_database("newsflow_lost_test")
    try:
        proc = run_once(str(feeds), url)
        assert proc.returncode == 3, proc.stderr[-3000:]
        match = SUMMARY.search(proc.stdout)
        assert match, proc.stdout
        feeds_polled, failed, published, lost, unique, duplicates, _, dead = map(int, match.groups())
        assert (feeds_polled, failed, published, lost) == (2, 0, 10, 1)
        assert "1 item could not be carried to news.raw" in proc.stderr
        assert "newsflow feeds lost" in proc.stderr
        rows = asyncio.run(row_counts(url, COUNTS))
        assert rows == {"raw": published, "articles": unique, "duplicates": duplicates, "dead_letters": dead,
                        "lost": lost, "seen": published}
        assert (unique, duplicates, dead) == (7, 3, 0)  # 005 copies 004; the big and long-link pages repeat 000
        listed = cli(["feeds", "lost", "--json"], url)
        [item] = [json.loads(line) for line in listed.stdout.splitlines()]
        assert (item["attempts"], item["reason"].split(":")[0], len(item["url"])) == (1, "too large", 2000)
    finally:
        drop(url)


COUNTS = {
    "raw": "SELECT count(*) FROM raw_articles",
    "articles": "SELECT count(*) FROM articles WHERE duplicate_of IS NULL",
    "duplicates": "SELECT count(*) FROM duplicates",
    "dead_letters": "SELECT count(*) FROM dead_letters",
    "lost": "SELECT count(*) FROM lost_items",
    "seen": "SELECT count(*) FROM feed_items",
}


def corpus_html(tag: str) -> bytes:
    """The page of one demo-corpus article."""
    return (corpus_articles(tag, 1)[0].html or "").encode()

