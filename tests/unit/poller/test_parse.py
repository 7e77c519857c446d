"""Feed parsing: fields, dates in UTC, bozo feeds, rejections and item identity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from services.common.urls import article_id_for
from services.poller.parse import MAX_KEY_BYTES, FeedParseError, bounded_key, guid_article_id, parse_feed

from .feed_server import FIXTURES

BASE = "https://gazette.example.test"
FEED = f"{BASE}/rss.xml"


def parse_fixture(name: str, feed_url: str = FEED):
    """Parse fixtures/<name> with {{BASE}} pointing at a fictional host."""
    return parse_feed((FIXTURES / name).read_bytes().replace(b"{{BASE}}", BASE.encode()), feed_url)


def test_rss_items_have_canonical_url_identity_and_utc_dates() -> None:
    feed = parse_fixture("rss_basic.xml")
    assert feed.title == "Gazette of Examplestan"
    assert feed.rejected == 0
    assert feed.bozo_error is None
    first, second = feed.items
    assert first.url == f"{BASE}/articles/ferry.html?id=7"
    assert first.link == f"{BASE}/articles/ferry.html?utm_source=rss&id=7"
    assert first.article_id == article_id_for(first.url)
    assert first.item_key == first.url
    assert first.guid == "gazette-0001"
    assert first.published == dt.datetime(2025, 6, 3, 7, 30, tzinfo=dt.UTC)
    assert second.published == dt.datetime(2025, 6, 4, 18, 0, tzinfo=dt.UTC)


def test_missing_pubdate_gives_none() -> None:
    (item,) = parse_fixture("rss_missing_pubdate.xml").items
    assert item.published is None
    assert item.title == "Bridge repainted in municipal blue"


def test_content_encoded_is_content_and_description_is_summary() -> None:
    (item,) = parse_fixture("rss_content_encoded.xml").items
    assert item.summary == "Short teaser about apples."
    assert item.content == "<p>The cooperative of Vale Imaginary picked <b>twelve</b> tonnes.</p>"


def test_atom_content_and_updated_date() -> None:
    feed = parse_fixture("atom_content.xml")
    (item,) = feed.items
    assert feed.title == "Atomic Courier"
    assert item.guid == "urn:example:atomic-courier:42"
    assert item.url == "https://courier.example.test/tram"
    assert item.content == "<p>Six new stops serve the district of Placeholder Heights.</p>"
    assert item.summary == "Riders tried the new stops."
    assert item.published == dt.datetime(2025, 6, 5, 5, 15, tzinfo=dt.UTC)


def test_bozo_feed_keeps_its_items() -> None:
    feed = parse_fixture("rss_malformed_bozo.xml")
    assert feed.bozo_error is not None
    assert [i.title for i in feed.items] == ["Market square gets new fountain", "Library extends opening hours"]


def test_entry_without_title_or_text_is_rejected() -> None:
    feed = parse_fixture("rss_entry_without_text.xml")
    assert feed.rejected == 1
    assert [i.title for i in feed.items] == ["Town clock fixed"]


def test_item_without_link_is_identified_by_feed_and_guid() -> None:
    (item,) = parse_fixture("rss_guid_without_link.xml").items
    assert item.link is None
    assert item.url == FEED
    assert item.item_key == "ledger-notice-77"
    assert item.article_id == guid_article_id(FEED, "ledger-notice-77")
    assert item.article_id != parse_fixture("rss_guid_without_link.xml", "https://other.example.test/rss").items[0].article_id


def test_guid_change_with_same_link_keeps_article_id_and_key() -> None:
    before, after = parse_fixture("rss_basic.xml").items, parse_fixture("rss_guid_changed.xml").items
    assert [i.guid for i in before] != [i.guid for i in after]
    assert [(i.article_id, i.item_key, i.content_hash) for i in before] == [
        (i.article_id, i.item_key, i.content_hash) for i in after
    ]


def test_edit_changes_content_hash_only() -> None:
    before, after = parse_fixture("rss_basic.xml").items[0], parse_fixture("rss_item_edited.xml").items[0]
    assert before.article_id == after.article_id
    assert before.item_key == after.item_key
    assert before.content_hash != after.content_hash


@pytest.mark.parametrize("body", [(FIXTURES / "not_a_feed.html").read_bytes(), b""], ids=["html", "empty"])
def test_non_feed_is_a_parse_error(body: bytes) -> None:
    with pytest.raises(FeedParseError):
        parse_feed(body, FEED)


def test_body_that_is_a_local_path_is_not_opened(tmp_path: Path) -> None:
    """feedparser opens bytes that name a file; a hostile server must not make it read local feeds."""
    local = tmp_path / "local.xml"
    local.write_bytes((FIXTURES / "rss_basic.xml").read_bytes())
    with pytest.raises(FeedParseError):
        parse_feed(str(local).encode(), FEED)


@pytest.mark.parametrize(
    ("key", "hashed"),
    [("https://gazette.example.test/a", False), ("g" * 512, False), ("g" * 513, True), ("é" * 257, True),
     ("guid-with-\x00-nul", True), ("lone-\ud800-surrogate", True)],
    ids=["short-link", "at-limit", "over-limit", "multibyte-over-limit", "nul", "lone-surrogate"],
)
def test_item_keys_are_bounded_and_storable(key: str, hashed: bool) -> None:
    bounded = bounded_key(key)
    assert (bounded != key) == hashed
    assert len(bounded.encode("utf-8")) <= MAX_KEY_BYTES
    assert bounded_key(key) == bounded  # stable from poll to poll


def test_four_thousand_character_guid_and_link_get_bounded_keys_and_their_own_ids() -> None:
    guid, link = "urn:guid:" + "g" * 4000, f"{BASE}/" + "l" * 4000
    body = (f'<rss version="2.0"><channel><title>Long</title>'
            f"<item><title>By GUID</title><guid>{guid}</guid></item>"
            f"<item><title>By link</title><link>{link}</link></item></channel></rss>").encode()
    by_guid, by_link = parse_feed(body, FEED).items
    assert by_guid.item_key == bounded_key(guid) and by_guid.item_key.startswith("sha256:")
    assert by_link.item_key == bounded_key(link) and by_link.url == link
    assert (by_guid.article_id, by_link.article_id) == (guid_article_id(FEED, guid), article_id_for(link))
