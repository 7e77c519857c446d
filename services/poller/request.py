"""What one fetch asks (URL checks, validators for a conditional GET) and what it returns."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from services.poller.errors import BadSchemeError, BadUrlError


@dataclass(frozen=True)
class Validators:
    """What a previous response said about its version, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """A completed fetch: a 2xx body, or a 304 with an empty body."""

    status: int
    url: str
    final_url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    not_modified: bool
    permanent_redirect_to: str | None
    redirects: tuple[tuple[int, str], ...] = ()
    fresh_seconds: float | None = None


def check_url(url: str) -> None:
    """Raise BadSchemeError/BadUrlError unless url is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise BadUrlError(url, str(exc)) from exc
    if parts.scheme.lower() not in {"http", "https"}:
        raise BadSchemeError(url, f"scheme {parts.scheme!r} is not http or https")
    if not host:
        raise BadUrlError(url, "no host")


def conditional_headers(validators: Validators | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since for the stored validators."""
    headers: dict[str, str] = {}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers
