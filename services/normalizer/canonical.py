"""Canonical URL: the page's <link rel="canonical"> when it stays on the same site, else the URL fetched."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import tld

from services.common.urls import canonicalize_url

IP_ADDRESS = re.compile(r"^[\d.]+$|:")
TEMPLATE_GARBAGE = re.compile(r"[\s{}<>\"']|%7B|%7D|\$\{", re.IGNORECASE)


def resolve_canonical_url(canonical_href: str | None, final_url: str | None, url: str) -> str:
    """The canonical URL, always passed through `canonicalize_url`."""
    base = final_url or url
    candidate = _same_site_canonical(canonical_href, base) if canonical_href else None
    return canonicalize_url(candidate or base)


def registrable_domain(host: str) -> str:
    """example.co.uk for news.example.co.uk (public suffix list); the last two labels for unlisted suffixes."""
    host = host.lower().rstrip(".")
    if IP_ADDRESS.match(host):
        return host
    domain = tld.get_fld(host, fix_protocol=True, fail_silently=True)
    return str(domain) if domain else ".".join(host.split(".")[-2:])


def _same_site_canonical(href: str, base: str) -> str | None:
    """The canonical link resolved against the page URL, or None if it is garbage or on another site."""
    href = href.strip()
    if not href or TEMPLATE_GARBAGE.search(href):
        return None
    absolute = urljoin(base, href)
    parts, base_parts = urlsplit(absolute), urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname or not base_parts.hostname:
        return None
    if registrable_domain(parts.hostname) != registrable_domain(base_parts.hostname):
        return None
    if parts.path in ("", "/") and base_parts.path not in ("", "/"):
        return None  # a site's home page named as the canonical of an article is a CMS bug
    return absolute
