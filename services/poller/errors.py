"""Why a fetch failed: one exception class per kind, with a stable ``kind`` for logs and metrics."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import ClassVar, Literal

import httpx

from services.poller.addresses import BlockedAddressError
from services.poller.decode import DecodeError

FetchErrorKind = Literal[
    "timeout", "too_large", "blocked", "http_status", "connection", "bad_scheme", "bad_url",
    "too_many_redirects", "bad_response",
]


class FetchError(Exception):
    """A URL could not be fetched; ``kind`` says why in one word."""

    kind: ClassVar[FetchErrorKind]

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{self.kind}: {detail} ({url})")
        self.url = url
        self.detail = detail


class FetchTimeoutError(FetchError):
    """Connecting or the whole request took longer than its timeout."""

    kind = "timeout"


class TooLargeError(FetchError):
    """The (decompressed) body grew past the size cap."""

    kind = "too_large"


class BlockedError(FetchError):
    """The SSRF guard refused the address the host resolved to."""

    kind = "blocked"


class HttpStatusError(FetchError):
    """The server answered with a status that is neither success, 304 nor a followable redirect."""

    kind = "http_status"

    def __init__(self, url: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(url, f"HTTP {status}" + (f", Retry-After {retry_after:.0f}s" if retry_after else ""))
        self.status = status
        self.retry_after = retry_after


class FetchConnectionError(FetchError):
    """DNS, TCP, TLS or the connection itself failed."""

    kind = "connection"


class BadSchemeError(FetchError):
    """The URL (or a redirect's Location) is not http or https."""

    kind = "bad_scheme"


class BadUrlError(FetchError):
    """The URL cannot be parsed or has no host."""

    kind = "bad_url"


class TooManyRedirectsError(FetchError):
    """More redirects than max_redirects."""

    kind = "too_many_redirects"


class BadResponseError(FetchError):
    """The server broke HTTP or sent a body that cannot be decoded."""

    kind = "bad_response"


@contextlib.contextmanager
def mapped_errors(url: str) -> Iterator[None]:
    """Turn httpx, guard and decoding exceptions into FetchError kinds."""
    try:
        yield
    except BlockedAddressError as exc:
        raise BlockedError(url, str(exc)) from exc
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError(url, f"{type(exc).__name__}: {exc}") from exc
    except httpx.UnsupportedProtocol as exc:
        raise BadSchemeError(url, str(exc)) from exc
    except (httpx.InvalidURL, httpx.LocalProtocolError) as exc:
        raise BadUrlError(url, str(exc)) from exc
    except (httpx.RemoteProtocolError, httpx.DecodingError, DecodeError) as exc:
        raise BadResponseError(url, f"{type(exc).__name__}: {exc}") from exc
    except httpx.TransportError as exc:
        raise FetchConnectionError(url, f"{type(exc).__name__}: {exc}") from exc
