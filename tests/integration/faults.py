"""Fault-test harness: a corpus of raw articles, stream workers as processes, the sink, and what got stored."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from schemas.records import Event, RawArticle
from schemas.topics import EVENTS, RAW
from services.common.broker import EmbeddedBroker
from services.common.codecs import decode, encode, encode_key
from services.common.progress import wait_until_drained
from services.common.urls import article_id_for, canonicalize_url
from services.devtools.feedserver import article_page
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import INPUT_TOPICS as SINK_TOPICS
from services.sink.service import Sink
from services.worker import ALL_STAGES, app_id_for, consumed_topics
from tests.integration.kafka_io import produce, read_topics
from tests.integration.pipeline import REPO

CORPUS = REPO / "demo" / "corpus"
PIPELINE_GROUPS = {app_id_for(ALL_STAGES): consumed_topics(ALL_STAGES), SINK_GROUP: list(SINK_TOPICS)}


def feed_date(value: str | None) -> dt.datetime | None:
    """The manifest's RFC 822 feed date, as the poller reads it (None: the page's own date is read)."""
    return email.utils.parsedate_to_datetime(value).astimezone(dt.UTC) if value else None


def corpus_articles(tag: str, n: int) -> list[RawArticle]:
    """``n`` raw articles from the demo corpus, dated as its feeds date them (the demo's month between the two
    protests is what keeps them apart): copy r of each text gets its own URL and a closing line."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["articles"]
    out: list[RawArticle] = []
    for i in range(n):
        entry, copy = manifest[i % len(manifest)], i // len(manifest)
        lines = [ln.strip() for ln in (CORPUS / entry["file"]).read_text(encoding="utf-8").splitlines() if ln.strip()]
        lines.append(f"This report was filed under desk reference {copy}.")
        url = f"https://{entry['source']}.example/{tag}/{copy}/{entry['file'][:3]}"
        out.append(RawArticle(article_id=article_id_for(canonicalize_url(url)), url=url, final_url=url,
                              feed_url=f"https://{entry['source']}.example/rss", source=entry["source"],
                              title=lines[int(entry["headline_line"]) - 1],
                              html=article_page(lines, int(entry["headline_line"]) - 1).decode(),
                              feed_published=feed_date(entry["pubDate"]),
                              fetched_at=dt.datetime(2025, 3, 14, 12, tzinfo=dt.UTC)))
    return out


async def publish_raw(bootstrap: str, articles: list[RawArticle]) -> None:
    """Put raw articles on news.raw, keyed by article id."""
    await produce(bootstrap, [(RAW.name, encode_key(a.article_id), encode(a)) for a in articles])


def start_worker(bootstrap: str, data_dir: Path, log: Path | None = None,
                 level: str = "WARNING") -> subprocess.Popen[bytes]:
    """A stream worker running every stage, in its own process group."""
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "NEWSFLOW_DATA_DIR": str(data_dir),
           "NEWSFLOW_LOG_LEVEL": level}
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
    return subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", "--stage", "all"], env=env,
                            cwd=REPO, stdout=out, stderr=out, start_new_session=True)


def kill_hard(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group: no commit, no flush, no goodbye to the group coordinator."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)


@contextlib.asynccontextmanager
async def running_sink(bootstrap: str, pool: asyncpg.Pool) -> AsyncIterator[Sink]:
    """The sink as a task of this event loop, stopped on exit."""
    stop, ready = asyncio.Event(), asyncio.Event()
    sink = Sink(bootstrap, pool, batch_size=50)
    task = asyncio.create_task(sink.run(stop, ready))
    await asyncio.wait_for(ready.wait(), 30)
    try:
        yield sink
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def drained(bootstrap: str, *workers: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Wait until the stream group and the sink have committed everything; fail if every worker died."""
    def alive() -> str | None:
        if workers and all(w.poll() is not None for w in workers):
            return "every stream worker exited"
        return None

    await wait_until_drained(bootstrap, PIPELINE_GROUPS, timeout=timeout, alive=alive, settle_checks=4)


@dataclass(frozen=True)
class Stored:
    """What the database holds, in terms that do not depend on processing order."""

    articles: int
    duplicates: int
    mentions: int
    events: int
    event_groups: frozenset[frozenset[str]]
    inconsistent_versions: int
    dead_letters: int
    story_groups: frozenset[frozenset[str]] = frozenset()  # event_groups with a copy and its original as one id


STORY_GROUPS = """
SELECT array_agg(coalesce((SELECT least(d.article_id, d.duplicate_of)::text FROM duplicates d
                           WHERE m.article_id IN (d.article_id, d.duplicate_of) LIMIT 1), m.article_id::text)) AS ids
FROM event_mentions m GROUP BY m.event_id
"""


async def stored(pool: asyncpg.Pool) -> Stored:
    """Counts, the articles grouped per event, and events whose version/mentions disagree with their rows."""
    groups = await pool.fetch("SELECT array_agg(article_id::text ORDER BY article_id) AS ids FROM event_mentions "
                              "GROUP BY event_id")
    bad = await pool.fetchval(
        "SELECT count(*) FROM events e WHERE e.num_mentions <> (SELECT count(*) FROM event_mentions m "
        "WHERE m.event_id = e.event_id) OR (e.record->>'version')::int <> e.version OR e.version <> e.num_mentions")
    return Stored(
        articles=await pool.fetchval("SELECT count(*) FROM articles"),
        duplicates=await pool.fetchval("SELECT count(*) FROM duplicates"),
        mentions=await pool.fetchval("SELECT count(*) FROM event_mentions"),
        events=await pool.fetchval("SELECT count(*) FROM events"),
        event_groups=frozenset(frozenset(r["ids"]) for r in groups),
        inconsistent_versions=bad,
        dead_letters=await pool.fetchval("SELECT count(*) FROM dead_letters"),
        story_groups=frozenset(frozenset(r["ids"]) for r in await pool.fetch(STORY_GROUPS)),
    )


@contextlib.contextmanager
def isolated_pipeline() -> Iterator[tuple[EmbeddedBroker, str]]:
    """A broker and a migrated database of the test's own: no state shared with other tests."""
    from tests.conftest import broker_with_topics, drop, fresh_database

    with broker_with_topics() as broker:
        url = fresh_database("newsflow_faults")
        try:
            yield broker, url
        finally:
            drop(url)


async def published_versions(bootstrap: str) -> dict[str, list[int]]:
    """event_id → every version published on news.events, in order."""
    got = await read_topics(bootstrap, [EVENTS.name])
    out: dict[str, list[int]] = {}
    for record in got[EVENTS.name]:
        event = decode(Event, record.value)
        out.setdefault(event.event_id, []).append(event.version)
    return out


async def wait_rows(pool: asyncpg.Pool, sql: str, at_least: int, timeout: float = 90.0) -> int:
    """Poll ``sql`` (a count) until it reaches ``at_least``."""
    count = 0
    async with asyncio.timeout(timeout):
        while count < at_least:
            count = await pool.fetchval(sql)
            if count < at_least:
                await asyncio.sleep(0.05)
    return count
