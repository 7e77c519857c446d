"""SSRF refusal through the real Fetcher, one address class at a time, and for a redirect into loopback."""

from __future__ import annotations

import pytest

from services.common.settings import PollerSettings
from services.poller.errors import BlockedError
from services.poller.fetch import Fetcher

from .feed_server import FeedServer, Reply

CLASSES = [
    ("127.0.0.1", "loopback"),
    ("[::1]", "loopback"),
    ("10.0.0.7", "private"),
    ("172.16.4.4", "private"),
    ("192.168.0.1", "private"),
    ("[fd00::1]", "private"),
    ("169.254.169.254", "link-local"),
    ("[fe80::1]", "link-local"),
    ("224.0.0.251", "multicast"),
    ("[ff02::1]", "multicast"),
    ("240.0.0.1", "reserved"),
    ("100.64.0.1", "shared address space"),
    ("0.0.0.0", "unspecified"),
]


@pytest.mark.parametrize(("host", "reason"), CLASSES, ids=[f"{r}-{h}" for h, r in CLASSES])
async def test_every_non_public_class_is_refused(settings: PollerSettings, host: str, reason: str) -> None:
    async with Fetcher(settings) as fetcher:
        with pytest.raises(BlockedError, match=reason):
            await fetcher.fetch_feed(f"http://{host}:9/feed")


async def test_redirect_from_an_allowed_host_to_loopback_is_refused(
    server: FeedServer, settings: PollerSettings
) -> None:
    """The first hop is allowed by an exempt network; the redirect target 127.0.0.2 is checked again."""
    target = f"http://127.0.0.2:{server.server_address[1]}/secret"
    start = server.route("/start", Reply(302, headers={"Location": target}))
    async with Fetcher(settings, allowed_networks=["127.0.0.1/32"]) as fetcher:
        with pytest.raises(BlockedError, match="loopback"):
            await fetcher.fetch_feed(start)
    assert server.paths() == ["/start"]


async def test_allow_private_lets_loopback_through(server: FeedServer, settings: PollerSettings) -> None:
    url = server.route("/feed", Reply(body=b"<rss/>"))
    async with Fetcher(settings, allow_private=True) as fetcher:
        assert (await fetcher.fetch_feed(url)).body == b"<rss/>"
