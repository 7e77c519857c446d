"""Questions asked of one HTTP response: where it redirects, whether for good, and its capped body."""

from __future__ import annotations

from collections.abc import Iterable

import httpx

from services.poller.decode import decoder_for
from services.poller.errors import BadUrlError, TooLargeError

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})


def redirect_target(response: httpx.Response) -> str | None:
    """The absolute URL a redirect response points to, or None when it is not a followable redirect."""
    location = response.headers.get("location")
    if response.status_code not in REDIRECT_STATUSES or not location:
        return None
    try:
        return str(response.url.join(location))
    except httpx.InvalidURL as exc:
        raise BadUrlError(location, f"bad redirect Location: {exc}") from exc


def permanent_target(hops: Iterable[tuple[int, str]]) -> str | None:
    """Where the URL moved for good: the last target of the leading run of 301/308 hops."""
    target = None
    for status, location in hops:
        if status not in PERMANENT_REDIRECTS:
            break
        target = location
    return target


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, raising TooLargeError as soon as it passes max_bytes (decompressed bytes count)."""
    url = str(response.url)
    declared = response.headers.get("content-length", "")
    if "content-encoding" not in response.headers and declared.isdigit() and int(declared) > max_bytes:
        raise TooLargeError(url, f"Content-Length {declared} exceeds {max_bytes} bytes")
    decoder = decoder_for(response.headers.get("content-encoding"))
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += decoder.decode(chunk, max_bytes - len(body))
        if len(body) > max_bytes:
            raise TooLargeError(url, f"body exceeds {max_bytes} bytes")
    return bytes(body)


