"""SSRF guard: every TCP connection is checked after DNS resolution, then made to the checked IP.

The check sits in an httpcore network backend, below httpx, so it covers the first
request, every redirect hop and any connection the pool opens. The backend resolves
the host once and connects to the address it validated, so a DNS answer that
changes between check and connect (rebinding) cannot reach a refused address.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterable, Sequence

import httpcore
import httpx

from services.poller.addresses import AddressPolicy, BlockedAddressError, IPAddress


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that resolves, checks every address, then connects to a checked IP."""

    def __init__(self, policy: AddressPolicy, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._policy = policy
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve host, refuse it if any address is blocked, connect to the first address that answers."""
        try:
            async with asyncio.timeout(timeout):
                addresses = [self._policy.check(host, a) for a in await self._resolve(host, port)]
                return await self._connect_any(addresses, port, local_address, socket_options)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"connecting to {host}:{port} timed out") from exc

    async def _resolve(self, host: str, port: int) -> list[str]:
        """Every address the resolver gives for host (IP literals resolve to themselves)."""
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
        return list(dict.fromkeys(str(info[4][0]) for info in infos))

    async def _connect_any(
        self,
        addresses: Sequence[IPAddress],
        port: int,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.AsyncNetworkStream:
        """Connect to the first reachable address, in resolver order."""
        error: Exception = httpcore.ConnectError("no addresses")
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip), port, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are never fetched from."""
        raise BlockedAddressError(path, path, "a unix socket")

    async def sleep(self, seconds: float) -> None:
        """Sleep between connection retries."""
        await asyncio.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx transport whose connection pool connects only through GuardedBackend.

    httpx 0.28 has no public hook for the network backend, so the pool built by
    AsyncHTTPTransport is replaced; tests/unit/poller/test_guard.py fails if an
    httpx upgrade stops routing connections through it. No proxy is ever used
    (a proxy would make the connection, out of the guard's sight).
    """

    def __init__(
        self, policy: AddressPolicy, limits: httpx.Limits | None = None, verify: ssl.SSLContext | bool = True
    ) -> None:
        limits = limits or httpx.Limits()
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy),
        )
