"""Page decoding and the RawArticle built from an item and its page."""

from __future__ import annotations

import pytest

from services.poller.fetch import FetchResult
from services.poller.pages import decode_page, page_outcome

CAFE = "Café in Exampleville"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (CAFE.encode("utf-8"), "text/html; charset=utf-8"),
        (CAFE.encode("latin-1"), "text/html; charset=ISO-8859-1"),
        (b'<meta charset="windows-1252">' + CAFE.encode("cp1252"), "text/html"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=latin-1">' + CAFE.encode("latin-1"), None),
        (CAFE.encode("utf-8"), None),
    ],
    ids=["header-utf8", "header-latin1", "meta-charset", "meta-http-equiv", "default-utf8"],
)
def test_page_is_decoded_in_its_charset(body: bytes, content_type: str | None) -> None:
    assert CAFE in decode_page(body, content_type)


@pytest.mark.parametrize("charset", ["rot13", "base64", "no-such-charset"])
def test_bogus_charset_falls_back_to_utf8(charset: str) -> None:
    assert decode_page(CAFE.encode("utf-8"), f"text/html; charset={charset}") == CAFE


def result(content_type: str | None, body: bytes = b"<p>x</p>") -> FetchResult:
    """A 200 FetchResult for a page."""
    return FetchResult(200, "https://a.example.test/p", "https://a.example.test/p", body, None, None, content_type,
                       False, None)


@pytest.mark.parametrize("content_type", ["text/html", "application/xhtml+xml; charset=utf-8", None])
def test_html_pages_are_kept(content_type: str | None) -> None:
    outcome = page_outcome(result(content_type))
    assert outcome.html == "<p>x</p>"
    assert outcome.error is None


def test_other_media_types_are_an_error() -> None:
    outcome = page_outcome(result("image/png", b"\x89PNG"))
    assert outcome.html is None
    assert outcome.error == "not an HTML page: image/png"
    assert outcome.final_url == "https://a.example.test/p"
