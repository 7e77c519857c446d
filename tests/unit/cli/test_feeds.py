"""``newsflow feeds`` on the in-memory store: every subcommand, OPML round trip, unknown feeds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from services.cli.feeds import _announcer, run_feeds
from services.cli.main import build_parser
from services.common.settings import Settings
from services.poller.feedlist import parse_opml
from services.poller.models import FeedSpec, LostItem
from services.poller.store import InMemoryFeedStore

GAZETTE = "https://gazette.example.test/rss.xml"
ALMANAC = "https://almanac.example.test/feed"


async def feeds(store: InMemoryFeedStore, *argv: str) -> tuple[int, str]:
    """Exit code and standard output of `newsflow feeds <argv>` on store."""
    out = io.StringIO()
    code = await run_feeds(build_parser().parse_args(["feeds", *argv]), Settings(), store, out)
    return code, out.getvalue()


async def test_add_list_disable_enable_remove() -> None:
    store = InMemoryFeedStore()
    assert (await feeds(store, "add", GAZETTE, ALMANAC))[0] == 0
    code, table = await feeds(store, "list")
    assert code == 0
    assert "last success" in table and "next poll" in table and "items" in table and "state" in table
    assert GAZETTE in table and "active" in table
    assert (await feeds(store, "disable", GAZETTE))[1] == f"disabled {GAZETTE}\n"
    rows = [json.loads(line) for line in (await feeds(store, "list", "--json"))[1].splitlines()]
    assert {r["feed_url"]: r["state"] for r in rows} == {GAZETTE: "disabled", ALMANAC: "active"}
    assert rows[1]["disabled_reason"] == "disabled by hand"
    assert (await feeds(store, "enable", GAZETTE))[0] == 0
    assert store.feeds[GAZETTE].enabled
    assert (await feeds(store, "remove", ALMANAC))[0] == 0
    assert list(store.feeds) == [GAZETTE]


async def test_unknown_feed_or_bad_url_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    store = InMemoryFeedStore()
    assert (await feeds(store, "enable", GAZETTE))[0] == 1
    assert "no such feed" in capsys.readouterr().err
    assert (await feeds(store, "add", "ftp://gazette.example.test/rss"))[0] == 1
    assert store.feeds == {}


async def test_export_then_import_round_trips(tmp_path: Path) -> None:
    store = InMemoryFeedStore()
    await store.upsert_feeds([FeedSpec(GAZETTE, "Gazette & Co"), FeedSpec(ALMANAC)])
    await store.set_enabled(ALMANAC, False)
    out = tmp_path / "feeds.opml"
    assert (await feeds(store, "export", "--out", str(out)))[0] == 0
    assert parse_opml(out.read_bytes(), str(out)) == [FeedSpec(ALMANAC, ALMANAC), FeedSpec(GAZETTE, "Gazette & Co")]
    other = InMemoryFeedStore()
    assert (await feeds(other, "import", str(out))) == (0, "2 feeds added or kept\n")
    assert other.feeds[GAZETTE].title == "Gazette & Co"


async def test_import_of_a_text_list(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# news\n{GAZETTE}\n\n{ALMANAC}\n")
    store = InMemoryFeedStore()
    assert (await feeds(store, "import", str(listing)))[0] == 0
    assert sorted(store.feeds) == [ALMANAC, GAZETTE]


async def test_lost_lists_items_with_their_reason_as_a_table_or_json(capsys: pytest.CaptureFixture[str]) -> None:
    store = InMemoryFeedStore()
    await store.upsert_feeds([FeedSpec(GAZETTE), FeedSpec(ALMANAC)])
    assert await feeds(store, "lost") == (0, "no lost items\n")
    article = "0b9f5c1e-3a1d-5e53-9d4e-1f1e1d7a2b10"
    await store.record_lost([LostItem(GAZETTE, "k1", article, "https://gazette.example.test/1", "too large: 2 MB"),
                             LostItem(ALMANAC, "k2", article, "https://almanac.example.test/2", "publish: timeout")])
    code, table = await feeds(store, "lost", "--feed", GAZETTE)
    assert code == 0 and "too large: 2 MB" in table and "publish: timeout" not in table
    lines = (await feeds(store, "lost", "--json"))[1].splitlines()
    assert sorted(json.loads(line)["reason"] for line in lines) == ["publish: timeout", "too large: 2 MB"]
    assert len((await feeds(store, "lost", "--json", "--limit", "1"))[1].splitlines()) == 1
    assert "newsflow feeds lost: showing the first 1 items; more match (raise --limit)" in capsys.readouterr().err


async def test_stats_counts_states_and_error_kinds() -> None:
    store = InMemoryFeedStore()
    await store.upsert_feeds([FeedSpec(GAZETTE), FeedSpec(ALMANAC)])
    await store.record_error(GAZETTE, "timeout: no complete response", interval_seconds=60.0)
    stats = json.loads((await feeds(store, "stats"))[1])
    assert stats["feeds"] == 2
    assert stats["by_state"] == {"failing": 1, "active": 1}
    assert stats["failing_by_error_kind"] == {"timeout": 1}
    assert stats["due_now"] == 1


async def test_changes_are_announced_when_feeds_are_shared() -> None:
    calls: list[tuple[list[FeedSpec], list[str]]] = []

    async def announce(added: list[FeedSpec], removed: list[str]) -> None:
        calls.append((added, removed))

    store = InMemoryFeedStore()
    for argv in (["add", GAZETTE], ["remove", GAZETTE]):
        await run_feeds(build_parser().parse_args(["feeds", *argv]), Settings(), store, io.StringIO(), announce)
    assert calls == [([FeedSpec(GAZETTE)], []), ([], [GAZETTE])]


@pytest.mark.parametrize(
    ("shared", "bootstrap", "announces"),
    [(True, "127.0.0.1:9092", True), (True, None, False), (False, "127.0.0.1:9092", False)],
    ids=["shared-with-broker", "shared-without-broker", "not-shared"],
)
def test_feeds_are_announced_only_when_shared_with_a_broker(
    monkeypatch: pytest.MonkeyPatch, shared: bool, bootstrap: str | None, announces: bool
) -> None:
    for name in ("KAFKA_BOOTSTRAP_SERVERS", "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "NEWSFLOW_POLLER__SHARED_FEEDS"):
        monkeypatch.delenv(name, raising=False)
    values: dict[str, object] = {"poller": {"shared_feeds": shared}}
    if bootstrap:
        values["KAFKA_BOOTSTRAP_SERVERS"] = bootstrap
    assert (_announcer(Settings.model_validate(values)) is not None) == announces
