"""Canonical URL: same-site canonical links respected, others ignored, always canonicalized."""

from __future__ import annotations

import pytest

from services.normalizer.canonical import registrable_domain, resolve_canonical_url

PAGE = "https://www.northernledger.example/news/flood?utm_source=rss"


@pytest.mark.parametrize(
    ("href", "final_url", "url", "expected"),
    [
        pytest.param("https://www.northernledger.example/news/flood-barrier", PAGE, PAGE,
                     "https://www.northernledger.example/news/flood-barrier", id="same-host"),
        pytest.param("https://amp.northernledger.example/news/flood-barrier", PAGE, PAGE,
                     "https://amp.northernledger.example/news/flood-barrier", id="same-site-other-subdomain"),
        pytest.param("/news/flood-barrier?b=2&a=1#top", PAGE, PAGE,
                     "https://www.northernledger.example/news/flood-barrier?a=1&b=2", id="relative-resolved"),
        pytest.param("https://partner-syndication.example.net/stories/flood", PAGE, PAGE,
                     "https://www.northernledger.example/news/flood", id="other-site-ignored"),
        pytest.param("https://www.northernledger.example/", PAGE, PAGE,
                     "https://www.northernledger.example/news/flood", id="home-page-ignored"),
        pytest.param("{{ canonical_url }}", PAGE, PAGE,
                     "https://www.northernledger.example/news/flood", id="template-garbage-ignored"),
        pytest.param("javascript:void(0)", PAGE, PAGE,
                     "https://www.northernledger.example/news/flood", id="javascript-ignored"),
        pytest.param(None, "https://www.northernledger.example/news/flood-final", PAGE,
                     "https://www.northernledger.example/news/flood-final", id="no-canonical-final-url"),
        pytest.param(None, None, "HTTPS://WWW.NorthernLedger.example:443/news/flood?fbclid=x",
                     "https://www.northernledger.example/news/flood", id="no-final-url-item-url"),
        pytest.param(None, None, "http://Northernledger.example:80/news/flood?gclid=1&utm_medium=x&page=2&id=7#comments",
                     "http://northernledger.example/news/flood?id=7&page=2", id="default-port-tracking-sorted"),
        pytest.param(None, None, "https://northernledger.example:8443/news/flood",
                     "https://northernledger.example:8443/news/flood", id="other-port-kept"),
        pytest.param("https://news.example.co.uk/a", "https://www.example.co.uk/b", PAGE,
                     "https://news.example.co.uk/a", id="public-suffix-same-site"),
        pytest.param("https://other.co.uk/a", "https://www.example.co.uk/b", PAGE,
                     "https://www.example.co.uk/b", id="public-suffix-other-site"),
    ],
)
def test_resolve_canonical_url(href: str | None, final_url: str | None, url: str, expected: str) -> None:
    assert resolve_canonical_url(href, final_url, url) == expected


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        pytest.param("www.example.co.uk", "example.co.uk", id="public-suffix"),
        pytest.param("amp.northernledger.example", "northernledger.example", id="unlisted-suffix"),
        pytest.param("127.0.0.1", "127.0.0.1", id="ip-address"),
    ],
)
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain
