"""FeedStore contract (run here on InMemoryFeedStore; subclass FeedStoreContract to run it on Postgres)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from services.poller.models import FeedSpec, LostItem, SeenItem
from services.poller.schedule import MAX_BACKOFF_SECONDS, backoff_seconds, jittered
from services.poller.store import FeedStore, InMemoryFeedStore

FEED = "https://gazette.example.test/rss.xml"
ARTICLE = "0b9f5c1e-3a1d-5e53-9d4e-1f1e1d7a2b10"
LATER = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


class FeedStoreContract:
    """Behaviour every FeedStore must have; subclasses provide the ``store`` fixture (empty, feeds table ready)."""

    async def test_upsert_adds_once_and_keeps_titles(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED, "Gazette")])
        await store.upsert_feeds([FeedSpec(FEED)])
        state = await store.get_state(FEED)
        assert state is not None
        assert state.title == "Gazette"
        assert state.enabled
        assert state.error_count == 0
        await store.upsert_feeds([FeedSpec(FEED, "Gazette of Examplestan")])
        assert (await store.get_state(FEED)).title == "Gazette of Examplestan"  # type: ignore[union-attr]

    async def test_unknown_feed_has_no_state(self, store: FeedStore) -> None:
        assert await store.get_state("https://nowhere.example.test/") is None

    async def test_success_stores_validators_and_schedule(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        await store.record_success(FEED, etag='"v1"', last_modified="Tue, 3 Jun", next_poll_at=LATER, items_seen=3)
        await store.record_success(FEED, etag='"v2"', last_modified=None, next_poll_at=LATER, items_seen=2)
        state = await store.get_state(FEED)
        assert state is not None
        assert (state.etag, state.last_modified, state.next_poll_at, state.items_seen) == ('"v2"', None, LATER, 5)
        assert state.last_success_at is not None

    async def test_errors_back_off_geometrically_and_success_resets(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        delays = []
        for n in range(1, 4):
            before = dt.datetime.now(dt.UTC)
            state = await store.record_error(FEED, f"timeout #{n}", interval_seconds=100.0)
            assert state.error_count == n
            assert state.last_error == f"timeout #{n}"
            assert state.next_poll_at
            delays.append((state.next_poll_at - before).total_seconds())
        assert [round(d, -1) for d in delays] == [100.0, 200.0, 400.0]
        await store.record_success(FEED, etag=None, last_modified=None, next_poll_at=LATER, items_seen=0)
        assert (await store.get_state(FEED)).error_count == 0  # type: ignore[union-attr]

    async def test_item_is_new_until_seen_and_changed_when_hash_differs(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        assert await store.is_new_or_changed(FEED, "https://gazette.example.test/a", "h1")
        await store.mark_seen(FEED, "https://gazette.example.test/a", ARTICLE, "h1")
        assert not await store.is_new_or_changed(FEED, "https://gazette.example.test/a", "h1")
        assert await store.is_new_or_changed(FEED, "https://gazette.example.test/a", "h2")
        await store.mark_seen(FEED, "https://gazette.example.test/a", ARTICLE, "h2")
        assert not await store.is_new_or_changed(FEED, "https://gazette.example.test/a", "h2")

    async def test_writes_for_unknown_feed_raise_key_error(self, store: FeedStore) -> None:
        with pytest.raises(KeyError):
            await store.record_error("https://nowhere.example.test/", "x", interval_seconds=60.0)
        with pytest.raises(KeyError):
            await store.record_success("https://nowhere.example.test/", etag=None, last_modified=None,
                                       next_poll_at=LATER, items_seen=0)
        with pytest.raises(KeyError):
            await store.mark_seen("https://nowhere.example.test/", "k", ARTICLE, "h")

    async def test_success_stores_the_interval_when_given(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        await store.record_success(FEED, etag=None, last_modified=None, next_poll_at=LATER, items_seen=0,
                                   interval_seconds=1234.0)
        await store.record_success(FEED, etag=None, last_modified=None, next_poll_at=LATER, items_seen=0)
        assert (await store.get_state(FEED)).interval_seconds == 1234.0  # type: ignore[union-attr]

    async def test_error_waits_at_least_min_delay(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        before = dt.datetime.now(dt.UTC)
        state = await store.record_error(FEED, "http_status: HTTP 429", interval_seconds=60.0, min_delay_seconds=7200)
        assert state.next_poll_at is not None and state.last_error_at is not None
        assert round((state.next_poll_at - before).total_seconds(), -1) == 7200.0

    async def test_disable_with_reason_and_enable_resets(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        await store.record_error(FEED, "timeout", interval_seconds=60.0)
        assert await store.set_enabled(FEED, False, "gone (HTTP 410)")
        state = await store.get_state(FEED)
        assert state is not None and (state.enabled, state.disabled_reason, state.status) == (
            False, "gone (HTTP 410)", "disabled")
        assert await store.set_enabled(FEED, True)
        state = await store.get_state(FEED)
        assert state is not None
        assert (state.enabled, state.disabled_reason, state.error_count, state.next_poll_at) == (True, None, 0, None)
        assert not await store.set_enabled("https://nowhere.example.test/", True)

    async def test_list_and_remove(self, store: FeedStore) -> None:
        other = "https://almanac.example.test/feed"
        await store.upsert_feeds([FeedSpec(FEED), FeedSpec(other)])
        await store.mark_seen(FEED, "k", ARTICLE, "h")
        assert [f.feed_url for f in await store.list_feeds()] == [other, FEED]
        assert await store.remove_feed(FEED)
        assert not await store.remove_feed(FEED)
        assert [f.feed_url for f in await store.list_feeds()] == [other]
        await store.upsert_feeds([FeedSpec(FEED)])
        assert await store.is_new_or_changed(FEED, "k", "h")  # seen items went with the feed

    async def test_move_keeps_state_and_items(self, store: FeedStore) -> None:
        new = "https://gazette.example.test/feed.atom"
        await store.upsert_feeds([FeedSpec(FEED, "Gazette")])
        await store.record_success(FEED, etag='"v1"', last_modified=None, next_poll_at=LATER, items_seen=1)
        await store.mark_seen(FEED, "k", ARTICLE, "h")
        await store.move_feed(FEED, new)
        assert await store.get_state(FEED) is None
        state = await store.get_state(new)
        assert state is not None and (state.title, state.etag, state.items_seen) == ("Gazette", '"v1"', 1)
        assert not await store.is_new_or_changed(new, "k", "h")
        with pytest.raises(KeyError):
            await store.move_feed(FEED, new)

    async def test_move_onto_a_known_feed_merges(self, store: FeedStore) -> None:
        new = "https://gazette.example.test/feed.atom"
        await store.upsert_feeds([FeedSpec(FEED), FeedSpec(new, "New")])
        await store.move_feed(FEED, new)
        assert [f.feed_url for f in await store.list_feeds()] == [new]


    async def test_seen_hashes_and_mark_seen_many_in_one_round_trip(self, store: FeedStore) -> None:
        await store.upsert_feeds([FeedSpec(FEED)])
        keys = [f"https://gazette.example.test/{n}" for n in range(3)]
        await store.mark_seen_many(FEED, [SeenItem(k, ARTICLE, f"h{n}") for n, k in enumerate(keys[:2])])
        await store.mark_seen_many(FEED, [])
        assert await store.seen_hashes(FEED, keys) == {keys[0]: "h0", keys[1]: "h1"}
        assert await store.seen_hashes(FEED, []) == {}
        with pytest.raises(KeyError):
            await store.mark_seen_many("https://nowhere.example.test/", [SeenItem("k", ARTICLE, "h")])

    async def test_lost_items_count_attempts_and_leave_once_seen(self, store: FeedStore) -> None:
        other = "https://other.example.test/rss.xml"
        await store.upsert_feeds([FeedSpec(FEED), FeedSpec(other)])
        lost = LostItem(FEED, "k1", ARTICLE, "https://gazette.example.test/1", "publish: broker down")
        await store.record_lost([lost, LostItem(other, "k9", ARTICLE, "https://other.example.test/9", "too large")])
        await store.record_lost([dataclasses.replace(lost, reason="publish: timeout")])
        await store.record_lost([])
        listed = await store.list_lost(FEED)
        assert [(i.item_key, i.reason, i.attempts) for i in listed] == [("k1", "publish: timeout", 2)]
        assert listed[0].first_failed_at is not None and listed[0].last_failed_at is not None
        assert len(await store.list_lost()) == 2
        assert len(await store.list_lost(limit=1)) == 1
        await store.mark_seen_many(FEED, [SeenItem("k1", ARTICLE, "h")])
        assert [i.feed_url for i in await store.list_lost()] == [other]
        assert await store.remove_feed(other)
        assert await store.list_lost() == []
        with pytest.raises(KeyError):
            await store.record_lost([dataclasses.replace(lost, feed_url="https://nowhere.example.test/")])


class TestInMemoryFeedStore(FeedStoreContract):
    """The contract on the in-memory store."""

    @pytest.fixture
    def store(self) -> FeedStore:
        return InMemoryFeedStore()


async def test_in_memory_backoff_with_fixed_clock() -> None:
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    store = InMemoryFeedStore(clock=lambda: now)
    await store.upsert_feeds([FeedSpec(FEED)])
    first = await store.record_error(FEED, "connection", interval_seconds=900.0)
    second = await store.record_error(FEED, "connection", interval_seconds=900.0)
    assert first.next_poll_at == now + dt.timedelta(seconds=900)
    assert second.next_poll_at == now + dt.timedelta(seconds=1800)


@pytest.mark.parametrize(
    ("errors", "interval", "delay"),
    [(1, 900.0, 900.0), (2, 900.0, 1800.0), (5, 900.0, 14400.0), (10, 900.0, MAX_BACKOFF_SECONDS),
     (1000, 900.0, MAX_BACKOFF_SECONDS), (3, 2 * MAX_BACKOFF_SECONDS, 2 * MAX_BACKOFF_SECONDS)],
    ids=["first", "second", "fifth", "capped", "huge-count", "interval-above-cap"],
)
def test_backoff_table(errors: int, interval: float, delay: float) -> None:
    assert backoff_seconds(errors, interval) == delay


def test_jitter_stays_within_ten_percent() -> None:
    rng = random.Random(7)
    values = [jittered(900.0, rng) for _ in range(1000)]
    assert 810.0 <= min(values) < 830.0
    assert 970.0 < max(values) <= 990.0
