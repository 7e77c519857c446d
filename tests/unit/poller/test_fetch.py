"""Fetcher against a real local server: validators, caps, compression, timeouts, redirects, errors."""

from __future__ import annotations

import gzip
import socket
import zlib
from collections.abc import AsyncIterator, Callable

import pytest

from services.common.settings import PollerSettings
from services.poller.errors import FetchError
from services.poller.fetch import Fetcher, Validators

from .feed_server import FeedServer, Reply, Seen

BODY = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
async def fetcher(settings: PollerSettings) -> AsyncIterator[Fetcher]:
    """A Fetcher that may reach the loopback test server."""
    async with Fetcher(settings, allow_private=True) as fetcher:
        yield fetcher


def etag_route(seen: Seen) -> Reply:
    """200 with an ETag, or 304 when the client sends it back."""
    if seen.headers.get("if-none-match") == '"v1"':
        return Reply(304, headers={"ETag": '"v1"'})
    return Reply(body=BODY, headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Jun 2025 07:00:00 GMT"})


async def kind_of(fetcher: Fetcher, url: str) -> str:
    """The kind of the FetchError fetching url raises."""
    with pytest.raises(FetchError) as failure:
        await fetcher.fetch_feed(url)
    return failure.value.kind


async def test_get_sends_user_agent_and_returns_validators(
    server: FeedServer, fetcher: Fetcher, settings: PollerSettings
) -> None:
    result = await fetcher.fetch_feed(server.route("/feed", etag_route))
    assert (result.status, result.body, result.not_modified) == (200, BODY, False)
    assert (result.etag, result.last_modified) == ('"v1"', "Tue, 03 Jun 2025 07:00:00 GMT")
    assert server.seen[0].headers["user-agent"] == settings.user_agent
    assert "gzip" in server.seen[0].headers["accept-encoding"]


async def test_stored_etag_gets_304(server: FeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch_feed(server.route("/feed", etag_route), Validators(etag='"v1"'))
    assert result.not_modified
    assert result.status == 304
    assert result.body == b""
    assert server.seen[0].headers["if-none-match"] == '"v1"'


async def test_stored_last_modified_is_sent(server: FeedServer, fetcher: Fetcher) -> None:
    since = "Mon, 02 Jun 2025 00:00:00 GMT"
    await fetcher.fetch_feed(server.route("/feed", etag_route), Validators(last_modified=since))
    assert server.seen[0].headers["if-modified-since"] == "Mon, 02 Jun 2025 00:00:00 GMT"
    assert "if-none-match" not in server.seen[0].headers


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "close-delimited"])
async def test_body_over_cap_is_too_large(server: FeedServer, fetcher: Fetcher, declared: bool) -> None:
    url = server.route("/big", Reply(body=b"x" * (65 * 1024), content_length=declared))
    assert await kind_of(fetcher, url) == "too_large"


async def test_body_at_cap_is_accepted(server: FeedServer, fetcher: Fetcher) -> None:
    url = server.route("/exact", Reply(body=b"x" * (64 * 1024), content_length=False))
    assert len((await fetcher.fetch_feed(url)).body) == 64 * 1024


async def test_gzip_bomb_is_too_large_although_small_on_the_wire(server: FeedServer, fetcher: Fetcher) -> None:
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    assert len(bomb) < 64 * 1024
    url = server.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    assert await kind_of(fetcher, url) == "too_large"


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("deflate", lambda b: zlib.compress(b)[2:-4])],
    ids=["gzip", "deflate-zlib", "deflate-raw"],
)
async def test_compressed_body_is_decoded(
    server: FeedServer, fetcher: Fetcher, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    url = server.route("/z", Reply(body=compress(BODY), headers={"Content-Encoding": encoding}))
    assert (await fetcher.fetch_feed(url)).body == BODY


async def test_corrupt_gzip_is_a_bad_response(server: FeedServer, fetcher: Fetcher) -> None:
    url = server.route("/corrupt", Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    assert await kind_of(fetcher, url) == "bad_response"


async def test_slow_server_times_out(server: FeedServer, settings: PollerSettings) -> None:
    url = server.route("/slow", Reply(body=BODY, delay=1.5))
    async with Fetcher(settings.model_copy(update={"timeout_seconds": 0.3}), allow_private=True) as fetcher:
        assert await kind_of(fetcher, url) == "timeout"


async def test_permanent_redirect_is_recorded(server: FeedServer, fetcher: Fetcher) -> None:
    new = server.route("/new", Reply(body=BODY))
    result = await fetcher.fetch_feed(server.route("/old", Reply(301, headers={"Location": "/new"})))
    assert (result.final_url, result.permanent_redirect_to, result.redirects) == (new, new, ((301, new),))


async def test_temporary_redirect_is_followed_but_not_recorded_as_a_move(server: FeedServer, fetcher: Fetcher) -> None:
    new = server.route("/new", Reply(body=BODY))
    result = await fetcher.fetch_feed(server.route("/temp", Reply(302, headers={"Location": new})))
    assert (result.final_url, result.permanent_redirect_to, result.redirects) == (new, None, ((302, new),))


async def test_move_is_where_the_leading_permanent_hops_end(server: FeedServer, fetcher: Fetcher) -> None:
    server.route("/final", Reply(body=BODY))
    moved = server.route("/moved", Reply(302, headers={"Location": "/final"}))
    server.route("/start", Reply(308, headers={"Location": "/moved"}))
    result = await fetcher.fetch_feed(server.url("/start"))
    assert result.permanent_redirect_to == moved
    assert result.final_url == server.url("/final")


async def test_redirect_loop_stops_at_max_redirects(server: FeedServer, fetcher: Fetcher) -> None:
    url = server.route("/loop", Reply(302, headers={"Location": "/loop"}))
    assert await kind_of(fetcher, url) == "too_many_redirects"
    assert len(server.seen) == 4


async def test_redirect_to_loopback_is_refused_when_private_is_not_allowed(
    server: FeedServer, settings: PollerSettings
) -> None:
    """The first hop is allowed by an allow-listed network; the redirect target is another loopback IP."""
    port = server.server_address[1]
    url = server.route("/hop", Reply(302, headers={"Location": f"http://127.0.0.2:{port}/secret"}))
    async with Fetcher(settings, allowed_networks=["127.0.0.1/32"]) as fetcher:
        with pytest.raises(FetchError) as refused:
            await fetcher.fetch_feed(url)
    assert refused.value.kind == "blocked"
    assert "127.0.0.2" in str(refused.value)
    assert server.paths() == ["/hop"]


async def test_redirect_to_loopback_is_followed_when_private_is_allowed(server: FeedServer, fetcher: Fetcher) -> None:
    port = server.server_address[1]
    server.route("/target", Reply(body=BODY))
    url = server.route("/hop", Reply(302, headers={"Location": f"http://localhost:{port}/target"}))
    assert (await fetcher.fetch_feed(url)).body == BODY


@pytest.mark.parametrize("url", ["ftp://files.example.test/feed.xml", "file:///etc/passwd", "gopher://x.test/"])
async def test_non_http_scheme_is_refused(fetcher: Fetcher, url: str) -> None:
    assert await kind_of(fetcher, url) == "bad_scheme"


async def test_redirect_to_file_scheme_is_refused(server: FeedServer, fetcher: Fetcher) -> None:
    url = server.route("/to-file", Reply(301, headers={"Location": "file:///etc/passwd"}))
    assert await kind_of(fetcher, url) == "bad_scheme"


@pytest.mark.parametrize("url", ["http://", "http:///path", "not a url"])
async def test_malformed_url_is_refused(fetcher: Fetcher, url: str) -> None:
    assert await kind_of(fetcher, url) in {"bad_url", "bad_scheme"}


@pytest.mark.parametrize("status", [404, 410, 500, 503])
async def test_error_status_is_http_status(server: FeedServer, fetcher: Fetcher, status: int) -> None:
    url = server.route("/err", Reply(status, b"nope"))
    with pytest.raises(FetchError) as failure:
        await fetcher.fetch_feed(url)
    assert failure.value.kind == "http_status"
    assert getattr(failure.value, "status", None) == status


async def test_closed_port_is_a_connection_error(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert await kind_of(fetcher, f"http://127.0.0.1:{port}/feed") == "connection"


async def test_brotli_is_advertised_and_decoded(server: FeedServer, fetcher: Fetcher) -> None:
    brotli = pytest.importorskip("brotli")
    url = server.route("/br", Reply(body=brotli.compress(BODY), headers={"Content-Encoding": "br"}))
    assert (await fetcher.fetch_feed(url)).body == BODY
    assert "br" in server.seen[-1].headers["accept-encoding"]


async def test_brotli_bomb_is_too_large(server: FeedServer, fetcher: Fetcher) -> None:
    brotli = pytest.importorskip("brotli")
    bomb = brotli.compress(b"\0" * (8 * 1024 * 1024))
    assert len(bomb) < 64 * 1024
    url = server.route("/brbomb", Reply(body=bomb, headers={"Content-Encoding": "br"}))
    assert await kind_of(fetcher, url) == "too_large"
