"""HTTP fetching for feeds and article pages: one shared client, guarded connections, capped bodies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from types import TracebackType

import httpx

from services.common.settings import PollerSettings
from services.poller.addresses import AddressPolicy
from services.poller.decode import ACCEPT_ENCODING
from services.poller.errors import FetchTimeoutError, HttpStatusError, TooManyRedirectsError, mapped_errors
from services.poller.guard import GuardedTransport
from services.poller.headers import freshness_seconds, retry_after_seconds
from services.poller.request import FetchResult, Validators, check_url, conditional_headers
from services.poller.response import permanent_target, read_capped, redirect_target
from services.poller.schedule import utcnow

logger = logging.getLogger("newsflow.poller.fetch")

__all__ = ["FetchResult", "Fetcher", "Validators", "check_url", "conditional_headers"]

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
RETRY_STATUSES = frozenset({429, 503})


class Fetcher:
    """GETs feeds and pages through one guarded httpx client; safe to share between tasks.

    ``transport`` replaces the guarded transport (and with it allow_private and
    allowed_networks): only for tests that need, e.g., a custom TLS trust store.
    """

    def __init__(
        self,
        settings: PollerSettings,
        *,
        allow_private: bool = False,
        allowed_networks: Iterable[str] = (),
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.allow_private = allow_private
        limits = httpx.Limits(max_connections=settings.concurrency * 4, max_keepalive_connections=settings.concurrency)
        policy = AddressPolicy.build(allow_private, allowed_networks)
        self._client = httpx.AsyncClient(
            transport=transport or GuardedTransport(policy, limits),
            timeout=httpx.Timeout(settings.timeout_seconds, connect=settings.connect_timeout_seconds),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False,
            trust_env=False,
        )

    async def fetch_feed(self, url: str, validators: Validators | None = None) -> FetchResult:
        """GET a feed conditionally, capped at max_feed_bytes."""
        headers = {"Accept": FEED_ACCEPT, **conditional_headers(validators)}
        return await self.fetch(url, max_bytes=self.settings.max_feed_bytes, headers=headers)

    async def fetch_page(self, url: str) -> FetchResult:
        """GET an article page, capped at max_page_bytes."""
        return await self.fetch(url, max_bytes=self.settings.max_page_bytes, headers={"Accept": PAGE_ACCEPT})

    async def fetch(self, url: str, *, max_bytes: int, headers: dict[str, str] | None = None) -> FetchResult:
        """GET url following redirects, within timeout_seconds in total; raises a FetchError subclass."""
        try:
            async with asyncio.timeout(self.settings.timeout_seconds):
                return await self._follow(url, max_bytes, headers or {})
        except TimeoutError as exc:
            raise FetchTimeoutError(url, f"no complete response within {self.settings.timeout_seconds}s") from exc

    async def _follow(self, url: str, max_bytes: int, headers: dict[str, str]) -> FetchResult:
        """Follow up to max_redirects hops, checking each target's scheme; the guard checks its address."""
        hops: list[tuple[int, str]] = []
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_url(current)
            with mapped_errors(current):
                async with self._client.stream("GET", current, headers=headers) as response:
                    target = redirect_target(response)
                    if target is None:
                        return await self._result(url, response, hops, max_bytes)
            logger.debug("redirect %s %s -> %s", response.status_code, current, target)
            hops.append((response.status_code, target))
            current = target
        raise TooManyRedirectsError(url, f"more than {self.settings.max_redirects} redirects")

    async def _result(
        self, url: str, response: httpx.Response, hops: list[tuple[int, str]], max_bytes: int
    ) -> FetchResult:
        """A FetchResult for a final (non-redirect) response, or HttpStatusError."""
        not_modified = response.status_code == 304
        if not (not_modified or 200 <= response.status_code < 300):
            wait = retry_after_seconds(response.headers, utcnow()) if response.status_code in RETRY_STATUSES else None
            raise HttpStatusError(str(response.url), response.status_code, wait)
        body = b"" if not_modified else await read_capped(response, max_bytes)
        return FetchResult(
            status=response.status_code,
            url=url,
            final_url=str(response.url),
            body=body,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type"),
            not_modified=not_modified,
            permanent_redirect_to=permanent_target(hops),
            redirects=tuple(hops),
            fresh_seconds=freshness_seconds(response.headers, utcnow()),
        )

    async def aclose(self) -> None:
        """Close the client and its connections."""
        await self._client.aclose()

    async def __aenter__(self) -> Fetcher:
        """The fetcher itself; leaving the block closes it."""
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close on leaving the block."""
        await self.aclose()
