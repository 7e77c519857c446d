"""Tests of the loopback feed server and of the demo corpus it serves."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest

from services.devtools.feedserver import FeedServer, Resource, build_site, serve_corpus

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "demo" / "corpus"
MANIFEST: dict[str, Any] = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
EXPECTED: dict[str, Any] = json.loads((ROOT / "demo" / "expected.json").read_text(encoding="utf-8"))
ARTICLES = MANIFEST["articles"]
STEMS = {Path(a["file"]).stem for a in ARTICLES}
SOURCES = sorted({a["source"] for a in ARTICLES})


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, Message, bytes]:
    """GET (or HEAD) url; return status, headers and body, 3xx/4xx included."""
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def nonempty_lines(file: str) -> list[str]:
    """The stripped non-empty lines of a corpus file."""
    return [ln.strip() for ln in (CORPUS / file).read_text(encoding="utf-8").splitlines() if ln.strip()]


def text_of(stem: str) -> str:
    """The whole text of one corpus article."""
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """The demo corpus served on a free loopback port for this module."""
    with serve_corpus(CORPUS) as srv:
        yield srv


# --- the corpus ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("art", ARTICLES, ids=[a["file"] for a in ARTICLES])
def test_manifest_entry_is_consistent(art: dict[str, Any]) -> None:
    """Every file exists, its headline line is non-empty and its pubDate is RFC 822 or null."""
    lines = nonempty_lines(art["file"])
    assert 1 <= art["headline_line"] <= len(lines)
    assert len(lines[art["headline_line"] - 1]) > 10
    assert art["source"].isidentifier()
    assert art["source_title"]
    if art["pubDate"] is not None:
        assert parsedate_to_datetime(art["pubDate"]).tzinfo is not None


def test_every_article_of_expected_exists() -> None:
    """Events, duplicates, publication dates and boilerplate name only articles of the manifest."""
    named = {a for ev in EXPECTED["events"] for a in ev["articles"] + ev.get("may_also_contain", [])}
    named |= {d[k] for d in EXPECTED["duplicates"] for k in ("article", "duplicate_of")}
    named |= set(EXPECTED["boilerplate_lines_not_in_text"])
    assert named <= STEMS
    assert set(EXPECTED["publication_dates"]) == STEMS


def test_every_article_is_an_event_mention_or_a_duplicate() -> None:
    """Each article is counted exactly once: in one event, or as a duplicate."""
    placed = [a for ev in EXPECTED["events"] for a in ev["articles"]] + [d["article"] for d in EXPECTED["duplicates"]]
    assert sorted(placed) == sorted(STEMS)


@pytest.mark.parametrize("event", EXPECTED["events"], ids=[ev["id"] for ev in EXPECTED["events"]])
def test_expected_surface_forms_occur_in_the_event_articles(event: dict[str, Any]) -> None:
    """Actor aliases and place names of an event are written in at least one of its articles."""
    text = "\n".join(text_of(a) for a in event["articles"])
    forms = event["source_actor"]["aliases_in_text"] + event["target_actor"]["aliases_in_text"]
    assert [f for f in forms + event["location"]["place_variants"] if f not in text] == []
    quantity = event["quantity"]
    assert (quantity["min"], quantity["max"]) == (min(quantity["reported"]), max(quantity["reported"]))


@pytest.mark.parametrize("stem", sorted(EXPECTED["boilerplate_lines_not_in_text"]))
def test_boilerplate_lines_are_lines_of_the_article(stem: str) -> None:
    """Each listed boilerplate line is a whole line of its article."""
    lines = nonempty_lines(f"{stem}.txt")
    assert [bp for bp in EXPECTED["boilerplate_lines_not_in_text"][stem] if bp not in lines] == []


@pytest.mark.parametrize("dup", EXPECTED["duplicates"], ids=[d["article"] for d in EXPECTED["duplicates"]])
def test_exact_duplicate_differs_only_in_boilerplate(dup: dict[str, str]) -> None:
    """Without its listed boilerplate an exact duplicate has the same lines as its original."""
    boilerplate = EXPECTED["boilerplate_lines_not_in_text"]

    def content(stem: str) -> list[str]:
        return [ln for ln in nonempty_lines(f"{stem}.txt") if ln not in boilerplate.get(stem, [])]

    assert dup["kind"] == "exact"
    assert content(dup["article"]) == content(dup["duplicate_of"])
    assert text_of(dup["article"]) != text_of(dup["duplicate_of"])


# --- the server ------------------------------------------------------------------------------------------------


def test_feeds_txt_lists_one_feed_per_source(server: FeedServer) -> None:
    """feeds.txt has one URL per source of the manifest."""
    status, _, body = fetch(server.feeds_txt_url)
    assert status == 200
    assert body.decode().split() == [server.feed_url(s) for s in dict.fromkeys(a["source"] for a in ARTICLES)]


@pytest.mark.parametrize("source", SOURCES)
def test_feed_parses_as_rss_with_one_item_per_article(server: FeedServer, source: str) -> None:
    """Each feed is well-formed RSS 2.0 whose items carry the headline and, where given, the pubDate."""
    status, headers, body = fetch(server.feed_url(source))
    assert status == 200
    assert headers["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    arts = [a for a in ARTICLES if a["source"] == source]
    assert parsed.feed.title == arts[0]["source_title"]
    assert [e.title for e in parsed.entries] == [nonempty_lines(a["file"])[a["headline_line"] - 1] for a in arts]
    for entry, art in zip(parsed.entries, arts, strict=True):
        assert entry.id == entry.link
        assert entry.summary
        if art["pubDate"] is None:
            assert "published" not in entry
        else:
            assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == parsedate_to_datetime(art["pubDate"])


@pytest.mark.parametrize("source", SOURCES)
def test_feed_items_link_to_article_pages(server: FeedServer, source: str) -> None:
    """Every item links to an HTML page with the headline as <title> and <h1> and the other lines as <p>."""
    for entry in feedparser.parse(fetch(server.feed_url(source))[2]).entries:
        status, headers, body = fetch(entry.link)
        assert status == 200
        assert headers["Content-Type"].startswith("text/html")
        page = lxml.html.document_fromstring(body)
        [article] = page.findall("body/article")
        assert page.findtext("head/title") == entry.title
        assert {el.tag for el in article} == {"h1", "p"}
        assert [el.text_content() for el in article.findall("h1")] == [entry.title]
        stem = entry.link.rsplit("/", 1)[1].removesuffix(".html")
        assert [el.text_content() for el in article] == nonempty_lines(f"{stem}.txt")


def test_opml_lists_every_feed(server: FeedServer) -> None:
    """The OPML outline has one rss outline per feed, titled with the source title."""
    status, _, body = fetch(server.opml_url)
    assert status == 200
    outlines = ET.fromstring(body).findall("body/outline")
    assert sorted(o.get("xmlUrl", "") for o in outlines) == sorted(server.feed_url(s) for s in SOURCES)
    assert {o.get("type") for o in outlines} == {"rss"}
    titles = {a["source_title"] for a in ARTICLES}
    assert {o.get("text") for o in outlines} == titles


def test_conditional_get_answers_304_and_is_logged(server: FeedServer) -> None:
    """A repeat request with the ETag or the Last-Modified date gets 304 and no body; a stale ETag gets 200."""
    url = server.feed_url("harbourwire")
    status, headers, _ = fetch(url)
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200
    assert etag
    assert last_modified
    assert fetch(url, {"If-None-Match": etag})[::2] == (304, b"")
    assert fetch(url, {"If-Modified-Since": last_modified})[::2] == (304, b"")
    assert fetch(url, {"If-None-Match": '"stale"', "If-Modified-Since": last_modified})[0] == 200
    log = [e for e in server.requests() if e["path"] == "/feeds/harbourwire.xml"]
    assert [e["status"] for e in log][-4:] == [200, 304, 304, 200]
    assert log[-3]["if_none_match"] == etag


def test_last_modified_is_the_newest_item_date(server: FeedServer) -> None:
    """A feed's Last-Modified is the newest pubDate among its items."""
    newest = max(parsedate_to_datetime(a["pubDate"]) for a in ARTICLES if a["source"] == "harbourwire")
    headers = fetch(server.feed_url("harbourwire"), method="HEAD")[1]
    assert parsedate_to_datetime(headers["Last-Modified"]) == newest


def test_unknown_path_is_404_and_requests_endpoint_returns_the_log(server: FeedServer) -> None:
    """A missing resource is a 404; /_requests returns the same log as requests()."""
    assert fetch(f"{server.base_url}/feeds/nosuch.xml")[0] == 404
    status, _, body = fetch(f"{server.base_url}/_requests")
    assert status == 200
    assert json.loads(body)[-1]["status"] == 404
    assert server.requests()[-1]["path"] == "/feeds/nosuch.xml"


def test_stop_closes_the_port() -> None:
    """Leaving the context manager stops the server."""
    with serve_corpus(CORPUS) as srv:
        url = srv.feeds_txt_url
        assert fetch(url)[0] == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=2)


def test_cli_prints_a_base_url_that_serves_the_corpus() -> None:
    """`python -m services.devtools.feedserver DIR --port 0` prints the base URL first and serves it."""
    proc = subprocess.Popen([sys.executable, "-m", "services.devtools.feedserver", str(CORPUS), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        status, _, body = fetch(f"{base_url}/feeds.txt")
        assert status == 200
        assert len(body.decode().split()) == len(SOURCES)
    finally:
        proc.terminate()
        proc.wait(timeout=5)


# --- the pieces --------------------------------------------------------------------------------------------------

MODIFIED = datetime(2025, 2, 20, 16, 40, tzinfo=UTC)
RES = Resource("text/plain", b"body", MODIFIED)


@pytest.mark.parametrize(
    ("if_none_match", "if_modified_since", "expected"),
    [
        pytest.param(RES.etag, None, True, id="etag-match"),
        pytest.param(f'"other", {RES.etag}', None, True, id="etag-in-list"),
        pytest.param(f"W/{RES.etag}", None, True, id="weak-etag"),
        pytest.param("*", None, True, id="star"),
        pytest.param('"other"', None, False, id="etag-mismatch"),
        pytest.param('"other"', format_datetime(MODIFIED, usegmt=True), False, id="etag-wins-over-date"),
        pytest.param(None, format_datetime(MODIFIED, usegmt=True), True, id="same-date"),
        pytest.param(None, "Fri, 21 Feb 2025 00:00:00 GMT", True, id="later-date"),
        pytest.param(None, "Thu, 20 Feb 2025 16:39:59 GMT", False, id="earlier-date"),
        pytest.param(None, "yesterday", False, id="unparseable-date"),
        pytest.param(None, None, False, id="unconditional"),
    ],
)
def test_not_modified(if_none_match: str | None, if_modified_since: str | None, expected: bool) -> None:
    """Conditional headers are judged as RFC 9110 says."""
    assert RES.not_modified(if_none_match, if_modified_since) is expected


def test_build_site_escapes_markup_and_rejects_a_bad_headline_line(tmp_path: Path) -> None:
    """Text is escaped in pages and feeds; a headline_line past the end of the file is an error."""
    (tmp_path / "a.txt").write_text("Slogan\n\nTom & Jerry <b>win</b>\n\nBody line.\n", encoding="utf-8")
    art = {"file": "a.txt", "source": "t", "source_title": "T & Co", "headline_line": 2, "pubDate": None}
    (tmp_path / "manifest.json").write_text(json.dumps({"articles": [art]}), encoding="utf-8")
    site = build_site(tmp_path, "http://127.0.0.1:1")
    assert b"<h1>Tom &amp; Jerry &lt;b&gt;win&lt;/b&gt;</h1>" in site["/articles/t/a.html"].body
    assert feedparser.parse(site["/feeds/t.xml"].body).entries[0].title == "Tom & Jerry <b>win</b>"
    assert [o.get("text") for o in ET.fromstring(site["/feeds.opml"].body).iter("outline")] == ["T & Co"]
    art["headline_line"] = 4
    (tmp_path / "manifest.json").write_text(json.dumps({"articles": [art]}), encoding="utf-8")
    with pytest.raises(ValueError, match="headline_line 4"):
        build_site(tmp_path, "http://127.0.0.1:1")
