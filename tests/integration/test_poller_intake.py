"""Nothing lost at intake (issue 18): hostile feeds on loopback, the real broker and Postgres, exact counts."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from schemas.records import RawArticle
from schemas.topics import RAW
from services.cli.polling import feed_polling
from services.common.codecs import encode, encode_key
from services.common.producer import make_producer
from services.common.settings import KafkaSettings, PollerSettings, Settings
from services.poller.fetch import Fetcher
from services.poller.models import PollResult
from services.poller.pgstore import PostgresFeedStore
from services.poller.service import Poller
from tests.conftest import broker_with_topics
from tests.integration.hostile_feeds import (
    TEN_MB_TITLE,
    Item,
    appended,
    big_page_item,
    corpus_items,
    raw_ends,
    raw_since,
    serve_feed,
)
from tests.unit.poller.feed_server import FeedServer, serving

pytestmark = pytest.mark.integration

RECORD_BYTES = KafkaSettings().raw_record_bytes


@pytest.fixture(scope="module")
def broker() -> Iterator[str]:
    """A broker of this module's own: its 50,000 bulletins on news.raw must not queue ahead of later tests' records."""
    with broker_with_topics() as embedded:
        yield embedded.bootstrap_servers


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback HTTP server for the module's feeds and pages."""
    with serving() as feed_server:
        yield feed_server


@pytest.fixture
async def clean(pool: asyncpg.Pool) -> asyncpg.Pool:
    """The session database without feeds, seen items or lost items."""
    await pool.execute("TRUNCATE feeds CASCADE")
    return pool


def settings(**poller: object) -> Settings:
    """Default settings, with poller fields replaced."""
    base = Settings()
    return base.model_copy(update={"poller": base.poller.model_copy(update=poller)})


async def poll_through_the_cli_wiring(bootstrap: str, pool: asyncpg.Pool, tmp_path: Path, urls: list[str],
                                      config: Settings) -> list[PollResult]:
    """One poll of the listed feeds through the producer and store `newsflow run` wires (services/cli/polling.py)."""
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("\n".join(urls) + "\n")
    async with feed_polling(config, bootstrap, pool, str(feeds), allow_private=True) as polling:
        return await polling.poller.poll_once(polling.urls)


async def counts(pool: asyncpg.Pool, feed_url: str) -> tuple[int, int, int]:
    """Seen items, lost items and errors in a row of one feed."""
    seen = await pool.fetchval("SELECT count(*) FROM feed_items WHERE feed_url = $1", feed_url)
    lost = await pool.fetchval("SELECT count(*) FROM lost_items WHERE feed_url = $1", feed_url)
    errors = await pool.fetchval("SELECT error_count FROM feeds WHERE feed_url = $1", feed_url)
    return seen, lost, errors


async def test_big_page_and_ten_megabyte_title_among_normal_items(
    broker: str, clean: asyncpg.Pool, server: FeedServer, tmp_path: Path
) -> None:
    normal = corpus_items(server, "mixed", 6)
    big = big_page_item(server, "mixed")
    huge_title = Item(TEN_MB_TITLE, normal[0].link + "?edition=2")  # type: ignore[operator]
    feed = serve_feed(server, "/mixed.xml", "Mixed", [*normal[:3], big, huge_title, *normal[3:]])
    before = await raw_ends(broker)
    [result] = await poll_through_the_cli_wiring(broker, clean, tmp_path, [feed], settings())
    records = {r.article_id: r for r in await raw_since(broker, before)}
    assert (result.status, len(result.article_ids), len(result.lost)) == ("ok", 8, 0)
    assert sorted(records) == sorted(result.article_ids)
    assert max(len(encode(r)) for r in records.values()) <= RECORD_BYTES
    by_link = {r.final_url: r for r in records.values()}
    page = by_link[big.link]
    assert (page.trimmed, "__STATE__" in (page.html or ""), len(page.html or "") < 100_000) == (
        ["html-markup"], False, True)
    titled = next(r for r in records.values() if r.trimmed == ["title"])
    assert len(titled.title or "") == Settings().poller.max_title_chars
    assert sum(1 for r in records.values() if not r.trimmed) == 6
    assert await counts(clean, feed) == (8, 0, 0)
    before = await raw_ends(broker)
    [again] = await poll_through_the_cli_wiring(broker, clean, tmp_path, [feed], settings())
    assert (len(again.article_ids), len(again.lost), appended(before, await raw_ends(broker))) == (0, 0, 0)


async def test_four_thousand_character_guid_and_link(
    broker: str, clean: asyncpg.Pool, server: FeedServer, tmp_path: Path
) -> None:
    normal = corpus_items(server, "long-ids", 3)
    long_guid = Item("Known only by its GUID", guid="urn:newsflow:test:" + "g" * 4000, description="A notice.")
    long_link = Item("Linked far away", server.url("/long-ids/" + "l" * 4000 + ".html"), description="A notice.")
    feed = serve_feed(server, "/long-ids.xml", "Long ids", [normal[0], long_guid, normal[1], long_link, normal[2]])
    before = await raw_ends(broker)
    [result] = await poll_through_the_cli_wiring(broker, clean, tmp_path, [feed], settings())
    assert (result.status, len(result.article_ids), len(result.lost)) == ("ok", 5, 0)
    assert appended(before, await raw_ends(broker)) == 5
    assert await counts(clean, feed) == (5, 0, 0)
    keys = [r["item_key"] for r in await clean.fetch("SELECT item_key FROM feed_items WHERE feed_url = $1", feed)]
    assert (sum(k.startswith("sha256:") for k in keys), max(len(k) for k in keys) <= 512) == (2, True)
    before = await raw_ends(broker)
    [again] = await poll_through_the_cli_wiring(broker, clean, tmp_path, [feed], settings())
    assert (len(again.article_ids), appended(before, await raw_ends(broker))) == (0, 0)  # not re-published


async def test_fifty_thousand_item_feed_in_bounded_batches(
    broker: str, clean: asyncpg.Pool, server: FeedServer, tmp_path: Path
) -> None:
    items = [Item(f"Bulletin {n}", server.url(f"/bulk/{n}.html"), description=f"Bulletin number {n}.")
             for n in range(50_000)]
    feed = serve_feed(server, "/bulk.xml", "Bulk", items)
    config = settings(fetch_full_article=False)  # about the producer and the seen state, not 50,000 page fetches
    started, before = time.monotonic(), await raw_ends(broker)
    [result] = await poll_through_the_cli_wiring(broker, clean, tmp_path, [feed], config)
    took = time.monotonic() - started
    assert (result.status, len(result.article_ids), len(set(result.article_ids)), len(result.lost)) == (
        "ok", 50_000, 50_000, 0)
    assert appended(before, await raw_ends(broker)) == 50_000
    assert await counts(clean, feed) == (50_000, 0, 0)
    assert took < 60, f"one poll of 50,000 items took {took:.0f} s"
    before = await raw_ends(broker)
    [again] = await poll_through_the_cli_wiring(broker, clean, tmp_path, [feed], config)
    assert (len(again.article_ids), appended(before, await raw_ends(broker))) == (0, 0)


@contextlib.asynccontextmanager
async def poller_failing_on(broker: str, pool: asyncpg.Pool, failing: set[str],
                            config: PollerSettings) -> AsyncIterator[Poller]:
    """A Poller on the real broker and Postgres whose publish refuses the article ids in failing (shared set)."""
    producer = make_producer(broker)
    await producer.start()
    try:
        async def publish(raw: RawArticle) -> None:
            if raw.article_id in failing:
                raise ConnectionError("broker refused the record (injected)")
            await producer.send_and_wait(RAW.name, key=encode_key(raw.article_id), value=encode(raw))

        async with Fetcher(config, allow_private=True) as fetcher:
            yield Poller(PostgresFeedStore(pool), fetcher, publish, config, allow_private=True)
    finally:
        await producer.stop()


async def test_one_failing_item_among_good_ones_is_recorded_and_the_feed_not_punished(
    broker: str, clean: asyncpg.Pool, server: FeedServer
) -> None:
    items = corpus_items(server, "one-bad", 35)
    feed = serve_feed(server, "/one-bad.xml", "One bad", items)
    config = settings(publish_batch_items=10).poller
    failing: set[str] = set()
    async with poller_failing_on(broker, clean, failing, config) as poller:
        store = PostgresFeedStore(clean)
        first = await poller.poll_once([feed])
        assert len(first[0].article_ids) == 35  # learn the ids, then make one of them fail on a new edition
        await clean.execute("TRUNCATE feed_items")
        bad = first[0].article_ids[17]
        failing.add(bad)
        before = await raw_ends(broker)
        [result] = await poller.poll_once([feed])
        assert (result.status, len(result.article_ids), [lost.article_id for lost in result.lost]) == ("ok", 34, [bad])
        assert appended(before, await raw_ends(broker)) == 34
        assert await counts(clean, feed) == (34, 1, 0)
        [listed] = await store.list_lost(feed)
        assert (listed.attempts, listed.reason) == (
            1, "publish: ConnectionError('broker refused the record (injected)')")
        state = await store.get_state(feed)
        assert state is not None and (state.enabled, state.error_count, state.etag) == (True, 0, None)
        failing.clear()
        before = await raw_ends(broker)
        [healed] = await poller.poll_once([feed])
        assert (healed.article_ids, healed.lost, appended(before, await raw_ends(broker))) == ([bad], [], 1)
        assert await counts(clean, feed) == (35, 0, 0)
