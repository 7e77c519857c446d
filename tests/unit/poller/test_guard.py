"""The guard on the connect path: resolution, refusal, and connecting to the checked IP only."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterable, Iterator

import httpcore
import httpx
import pytest

from services.common.settings import PollerSettings
from services.poller.addresses import AddressPolicy, BlockedAddressError
from services.poller.errors import BlockedError, FetchError
from services.poller.fetch import Fetcher
from services.poller.guard import GuardedBackend, GuardedTransport

from .feed_server import FIXTURES, FeedServer, Reply

CERT = FIXTURES / "tls_localhost_selfsigned.pem"


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Inner backend that records where it was asked to connect and refuses."""

    def __init__(self) -> None:
        self.hosts: list[str] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.hosts.append(host)
        raise httpcore.ConnectError("recorded")


async def test_hostname_pointing_at_loopback_is_refused(server: FeedServer, settings: PollerSettings) -> None:
    port = server.server_address[1]
    server.route("/feed", Reply(body=b"<rss/>"))
    async with Fetcher(settings, allow_private=False) as fetcher:
        with pytest.raises(BlockedError) as refused:
            await fetcher.fetch_feed(f"http://localhost:{port}/feed")
    assert refused.value.kind == "blocked"
    assert "'localhost'" in str(refused.value)
    assert "127.0.0.1" in str(refused.value)
    assert server.seen == []


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0"])
async def test_ip_literal_of_loopback_is_refused(settings: PollerSettings, host: str) -> None:
    async with Fetcher(settings) as fetcher:
        with pytest.raises(BlockedError):
            await fetcher.fetch_feed(f"http://{host}:9/feed")


async def test_backend_connects_to_the_checked_ip_not_the_name() -> None:
    inner = RecordingBackend()
    backend = GuardedBackend(AddressPolicy(allow_private=True), inner)
    with pytest.raises(httpcore.ConnectError):
        await backend.connect_tcp("localhost", 9)
    assert inner.hosts == ["127.0.0.1"]


async def test_backend_refuses_before_connecting() -> None:
    inner = RecordingBackend()
    with pytest.raises(BlockedAddressError, match="loopback"):
        await GuardedBackend(AddressPolicy(), inner).connect_tcp("localhost", 9)
    assert inner.hosts == []


async def test_unresolvable_host_is_a_connect_error() -> None:
    with pytest.raises(httpcore.ConnectError, match="cannot resolve"):
        await GuardedBackend(AddressPolicy()).connect_tcp("no-such-host.invalid", 80)


async def test_unix_sockets_are_refused() -> None:
    with pytest.raises(BlockedAddressError):
        await GuardedBackend(AddressPolicy(allow_private=True)).connect_unix_socket("/var/run/docker.sock")


async def test_transport_routes_every_connection_through_the_guard(server: FeedServer) -> None:
    """Fails if an httpx upgrade stops using the replaced connection pool."""
    async with httpx.AsyncClient(transport=GuardedTransport(AddressPolicy())) as client:
        with pytest.raises(BlockedAddressError):
            await client.get(server.url("/feed"))
    assert server.seen == []


@pytest.fixture
def tls_server() -> Iterator[FeedServer]:
    """A FeedServer speaking HTTPS with a self-signed certificate for the name localhost."""
    server = FeedServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(CERT)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("host", "ok"), [("localhost", True), ("127.0.0.1", False)])
async def test_tls_is_verified_against_the_hostname_while_connecting_to_the_ip(
    tls_server: FeedServer, settings: PollerSettings, host: str, ok: bool
) -> None:
    tls_server.route("/feed", Reply(body=b"<rss/>"))
    trust = ssl.create_default_context(cafile=str(CERT))
    transport = GuardedTransport(AddressPolicy(allow_private=True), verify=trust)
    url = f"https://{host}:{tls_server.server_address[1]}/feed"
    async with Fetcher(settings, allow_private=True, transport=transport) as fetcher:
        if ok:
            assert (await fetcher.fetch_feed(url)).body == b"<rss/>"
        else:
            with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
                await fetcher.fetch_feed(url)
