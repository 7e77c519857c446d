"""Feed lists: OPML and text, from disk or over HTTP, with clear errors."""

from __future__ import annotations

import pytest

from services.common.settings import PollerSettings
from services.poller.feedlist import FeedListError, FeedSpec, checked_url, load_feed_list
from services.poller.fetch import Fetcher

from .feed_server import FIXTURES, FeedServer

GAZETTE = "https://gazette.example.test/rss.xml"
COURIER = "https://courier.example.test/atom.xml"


async def test_opml_outlines_at_any_depth_without_duplicates() -> None:
    specs = await load_feed_list(str(FIXTURES / "feeds_nested.opml"))
    assert specs == [FeedSpec(GAZETTE, "Gazette of Examplestan"), FeedSpec(COURIER, "Atomic Courier")]


async def test_text_list_skips_comments_and_blank_lines() -> None:
    assert await load_feed_list(str(FIXTURES / "feeds_commented.txt")) == [FeedSpec(GAZETTE), FeedSpec(COURIER)]


async def test_list_over_http(server: FeedServer, settings: PollerSettings) -> None:
    url = server.fixture("/feeds.opml", "feeds_nested.opml", content_type="text/x-opml")
    async with Fetcher(settings, allow_private=True) as fetcher:
        assert [s.url for s in await load_feed_list(url, fetcher)] == [GAZETTE, COURIER]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no_such_list.txt", "cannot read feed list"),
        ("feeds_broken.opml", "not valid OPML"),
        ("feeds_bad_line.txt", r"feeds_bad_line.txt:3: 'ftp://"),
        ("rss_basic.xml", "not OPML"),
    ],
    ids=["missing", "broken-opml", "bad-line", "xml-not-opml"],
)
async def test_bad_list_is_a_clear_error(name: str, message: str) -> None:
    with pytest.raises(FeedListError, match=message):
        await load_feed_list(str(FIXTURES / name))


async def test_list_url_that_fails_is_a_clear_error(server: FeedServer, settings: PollerSettings) -> None:
    async with Fetcher(settings, allow_private=True) as fetcher:
        with pytest.raises(FeedListError, match="cannot fetch feed list"):
            await load_feed_list(server.url("/missing.opml"), fetcher)


async def test_list_url_without_fetcher_is_an_error() -> None:
    with pytest.raises(FeedListError, match="no fetcher"):
        await load_feed_list("https://lists.example.test/feeds.txt")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1", "'http://[::1' is not a valid URL (Invalid IPv6 URL)"),
        ("http://a.example:99999/feed", "is not a valid URL (Port out of range"),
        ("http://a.example/" + "x" * 6000, "a feed URL of 6017 characters is too long (at most 2048)"),
        ("http://a.example/\x00feed", "holds a space or control character"),
        ("ftp://a.example/feed", "'ftp://a.example/feed' is not an http(s) feed URL"),
    ],
    ids=["unclosed-ipv6", "bad-port", "6000-characters", "nul-byte", "ftp"],
)
def test_checked_url_refuses_with_one_line(url: str, message: str) -> None:
    with pytest.raises(FeedListError) as error:
        checked_url(url, "feeds.txt:2")
    assert str(error.value).startswith("feeds.txt:2: ") and message in str(error.value)
    assert "\n" not in str(error.value)


async def test_a_nul_byte_in_a_list_is_a_feed_list_error(tmp_path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_bytes(b"https://gazette.example.test/rss.xml\nhttps://courier.example.test/\x00atom.xml\n")
    with pytest.raises(FeedListError, match=r"feeds.txt:2: .* control character"):
        await load_feed_list(str(path))
