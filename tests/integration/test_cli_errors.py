"""Every user-facing failure of the CLI is one or two lines naming what failed and what to change, exit non-zero,
no traceback; read-only commands never create a database; a listing cut at its limit says so (issue 20)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from services.common.broker import free_port
from tests.conftest import ADMIN_URL, drop, fresh_database
from tests.integration.pipeline import REPO, cli

pytestmark = pytest.mark.integration


def newsflow(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The CLI with exactly these connection settings (nothing inherited for DATABASE_URL or the broker)."""
    base = {k: v for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "NEWSFLOW_ALLOW_PRIVATE_NETWORKS"}}
    return subprocess.run([sys.executable, "-m", "services.cli.main", *args], env={**base, **env}, cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def assert_short_failure(proc: subprocess.CompletedProcess[str], code: int, *phrases: str) -> None:
    """Exit ``code``, at most two lines on stderr, no traceback, every phrase said."""
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if " INFO " not in line]  # start-up logging aside
    assert 1 <= len(lines) <= 2, proc.stderr
    for phrase in phrases:
        assert phrase in proc.stderr, proc.stderr


CLOSED_PORT = free_port()
NOWHERE = f"postgresql://postgres@127.0.0.1:{CLOSED_PORT}/newsflow"
MISSING = ADMIN_URL.rsplit("/", 1)[0] + "/newsflow_no_such_database_" + uuid.uuid4().hex[:8]


@pytest.mark.parametrize(
    ("args", "url", "phrases"),
    [
        pytest.param(["events"], NOWHERE, ["newsflow events: cannot connect to Postgres at 127.0.0.1:", "DATABASE_URL"],
                     id="events-unreachable"),
        pytest.param(["feeds", "list"], NOWHERE, ["newsflow feeds list: cannot connect to Postgres", "DATABASE_URL"],
                     id="feeds-list-unreachable"),
        pytest.param(["dlq", "list"], NOWHERE, ["newsflow dlq list: cannot connect to Postgres", "DATABASE_URL"],
                     id="dlq-list-unreachable"),
        pytest.param(["articles"], MISSING, ["does not exist", "DATABASE_URL"], id="articles-missing-database"),
        pytest.param(["events"], "postgresql://postgres@127.0.0.1:port/x",
                     ["DATABASE_URL is not a valid Postgres URL", "postgresql://user:password@host:5432/database"],
                     id="events-malformed-dsn"),
        pytest.param(["feeds", "list"], "not a url", ["DATABASE_URL is not a valid Postgres URL"],
                     id="feeds-list-malformed-dsn"),
    ],
)
def test_database_failures_are_two_lines(args: list[str], url: str, phrases: list[str]) -> None:
    assert_short_failure(newsflow(args, {"DATABASE_URL": url}), 1, *phrases)


def test_a_missing_database_is_not_created() -> None:
    name = "newsflow_read_only_" + uuid.uuid4().hex[:8]
    for args in (["events"], ["articles", "--json"], ["feeds", "list"], ["dlq", "list"]):
        proc = newsflow(args, {"NEWSFLOW_POSTGRES__DEFAULT_DATABASE": name})
        assert_short_failure(proc, 1, "no database to read: DATABASE_URL is unset", "newsflow init")
    assert not asyncio.run(database_exists(name))


def test_run_names_postgres_when_it_is_unreachable(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n")
    proc = newsflow(["run", "--once", "--feeds", str(feeds), "--allow-private-network"], {"DATABASE_URL": NOWHERE})
    assert_short_failure(proc, 1, "newsflow run failed: cannot connect to Postgres", "DATABASE_URL")


def test_an_unreachable_broker_is_named_without_a_repr() -> None:
    proc = newsflow(["init"], {"DATABASE_URL": NOWHERE, "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{CLOSED_PORT}"})
    assert_short_failure(proc, 1, f"newsflow init: cannot reach the Kafka broker at 127.0.0.1:{CLOSED_PORT}",
                         "KAFKA_BOOTSTRAP_SERVERS")
    assert "<" not in proc.stderr


@pytest.mark.parametrize(
    "args", [["events", "-v"], ["-v", "feeds", "list"], ["run", "--once", "-v", "--feeds", "/no/such/feeds.txt"]],
    ids=["after-the-command", "before-the-command", "run"],
)
def test_verbose_shows_the_traceback(args: list[str]) -> None:
    proc = newsflow(args, {"DATABASE_URL": NOWHERE})
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr
    assert "cannot connect to Postgres" in proc.stderr or "cannot read feed list" in proc.stderr


@pytest.mark.parametrize(
    ("content", "phrases"),
    [
        pytest.param(None, ["cannot read feed list", "No such file or directory", "--feeds"], id="missing"),
        pytest.param(b"http://a.example/\x00feed\n", ["feeds.txt:1:", "control character"], id="nul-byte"),
    ],
)
def test_a_bad_feed_list_fails_before_anything_starts(tmp_path: Path, content: bytes | None,
                                                      phrases: list[str]) -> None:
    feeds = tmp_path / "feeds.txt"
    if content is not None:
        feeds.write_bytes(content)
    started = time.monotonic()
    proc = newsflow(["run", "--once", "--feeds", str(feeds)], {"DATABASE_URL": NOWHERE})
    assert time.monotonic() - started < 5  # no broker, database or worker was started
    assert_short_failure(proc, 1, "newsflow run failed: ", *phrases)


@pytest.mark.parametrize(
    ("url", "phrase"),
    [("http://[::1", "'http://[::1' is not a valid URL"),
     ("http://a.example/" + "x" * 6000, "a feed URL of 6017 characters is too long (at most 2048)")],
    ids=["unclosed-ipv6", "6000-characters"],
)
def test_feeds_add_refuses_a_bad_url(url: str, phrase: str) -> None:
    assert_short_failure(newsflow(["feeds", "add", url], {"DATABASE_URL": NOWHERE}), 1,
                         f"newsflow feeds add: {phrase}")


@pytest.fixture(scope="module")
def stored_201() -> Iterator[str]:
    """A database holding 201 articles."""
    url = fresh_database("newsflow_limits_test")
    asyncio.run(store_articles(url, 201))
    yield url
    drop(url)


@pytest.mark.parametrize(
    ("args", "rows", "notice"),
    [
        pytest.param(["articles", "--json"], 201, None, id="json-exports-everything"),
        pytest.param(["articles", "--json", "--limit", "5"], 5,
                     "newsflow articles: showing the first 5 articles; more match (raise --limit)", id="json-limit"),
        pytest.param(["articles"], 100 + 2, "newsflow articles: showing the first 100 articles; more match "
                     "(give --limit N, or --json for every one)", id="table-default"),
        pytest.param(["articles", "--limit", "201"], 201 + 2, None, id="limit-not-reached"),
    ],
)
def test_a_listing_cut_at_its_limit_says_so(stored_201: str, args: list[str], rows: int, notice: str | None) -> None:
    proc = cli(args, stored_201)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == rows  # a table has two header lines
    assert (notice in proc.stderr) if notice else "showing the first" not in proc.stderr


def test_dlq_list_cut_at_its_limit_says_so(stored_201: str) -> None:
    asyncio.run(store_dead_letters(stored_201, 3))
    proc = cli(["dlq", "list", "--limit", "2"], stored_201)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2 + 2
    assert "newsflow dlq list: showing the first 2 dead letters; more match (raise --limit)" in proc.stderr


def test_event_filters_of_unknown_values_exit_2(stored_201: str) -> None:
    for args in (["events", "--country", "Atlantis"], ["events", "--type", "FOO"], ["events", "--id", "zzz"],
                 ["events", "--id", "%"]):
        proc = cli(args, stored_201)
        assert_short_failure(proc, 2, f"newsflow events: argument {args[1]}")


def test_a_country_name_and_an_id_prefix_filter(stored_201: str) -> None:
    for args in (["events", "--country", "Syria", "--json"], ["events", "--id", "0b3f", "--json"]):
        proc = cli(args, stored_201)
        assert (proc.returncode, proc.stdout) == (0, ""), proc.stderr


async def store_articles(url: str, count: int) -> None:
    """``count`` minimal articles."""
    conn = await asyncpg.connect(url)
    try:
        await conn.executemany(
            "INSERT INTO articles (article_id, url, canonical_url, source, title, text, content_hash, published_at,"
            " fetched_at) VALUES ($1, $2, $2, 'ledger', $3, 'text', $4, now() - make_interval(mins => $5), now())",
            [(uuid.uuid4(), f"https://ledger.example.test/{i}", f"Story {i}", f"h{i}", i) for i in range(count)])
    finally:
        await conn.close()


async def store_dead_letters(url: str, count: int) -> None:
    """``count`` dead letters of the normalizer."""
    conn = await asyncpg.connect(url)
    try:
        for offset in range(count):
            record = {"stage": "normalizer", "error_type": "ValueError", "error": "bad", "topic": "news.raw",
                      "partition": 0, "offset": offset, "value_b64": "e30=", "failed_at": "2025-01-01T00:00:00Z"}
            await conn.execute(
                "INSERT INTO dead_letters (stage, error_type, error, topic, \"partition\", \"offset\", record,"
                " failed_at) VALUES ('normalizer', 'ValueError', 'bad', 'news.raw', 0, $1, $2::text::jsonb, now())",
                offset, json.dumps(record))
    finally:
        await conn.close()


async def database_exists(name: str) -> bool:
    """Whether the local server has this database."""
    conn = await asyncpg.connect(ADMIN_URL)
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await conn.close()
