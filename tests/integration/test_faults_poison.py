"""Fault test: poison inputs are dead-lettered (or refused where they enter); nothing else is lost."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from schemas.records import RawArticle
from schemas.topics import RAW
from services.common.codecs import encode, encode_key
from services.common.db import create_pool
from services.common.settings import PollerSettings
from services.common.urls import article_id_for
from services.poller.errors import TooLargeError
from services.poller.fetch import Fetcher
from services.poller.parse import FeedParseError, parse_feed
from tests.integration.faults import (
    Stored,
    corpus_articles,
    drained,
    isolated_pipeline,
    kill_hard,
    publish_raw,
    running_sink,
    start_worker,
    stored,
)
from tests.integration.kafka_io import produce

pytestmark = pytest.mark.integration

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol">""" + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
) + b"""]><rss version="2.0"><channel><title>&lol9;</title>
<item><title>Laughs</title><link>https://laughs.example/1</link><description>&lol9;</description></item>
</channel></rss>"""


def _raw(url: str, html: str, title: str | None = None) -> RawArticle:
    return RawArticle(article_id=article_id_for(url), url=url, final_url=url, feed_url="https://poison.example/rss",
                      source="poison", title=title, html=html, fetched_at=dt.datetime(2025, 3, 14, tzinfo=dt.UTC))


def test_entity_expansion_feed_is_not_expanded() -> None:
    started = time.monotonic()
    try:
        parsed = parse_feed(BILLION_LAUGHS, "https://laughs.example/rss")
    except FeedParseError:
        return  # refused outright: a counted feed error
    assert time.monotonic() - started < 5
    texts = [i.title or "" for i in parsed.items] + [i.summary or "" for i in parsed.items]
    assert all(len(t) < 10_000 for t in texts), "entities must not be expanded"


class _Huge(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: the cap must hold while streaming
        chunk = b"<p>" + b"x" * (1024 * 1024 - 3)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the fetcher hangs up at its cap
            for _ in range(50):
                self.wfile.write(chunk)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def huge_page() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Huge)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page.html"
    server.shutdown()


async def test_fifty_megabyte_page_is_refused_while_streaming(huge_page: str) -> None:
    fetcher = Fetcher(PollerSettings(), allow_private=True)
    with pytest.raises(TooLargeError):
        await fetcher.fetch_page(huge_page)


def test_poison_records_are_dead_lettered_and_the_rest_flows(tmp_path: Path) -> None:
    good = corpus_articles("poison", 12)
    nested = _raw("https://poison.example/nested", "<div>" * 50_000 + "<p>Deep text.</p>" + "</div>" * 50_000,
                  title="Nested")
    empty = _raw("https://poison.example/empty", "<html><body></body></html>")
    bad_id = _raw("https://poison.example/bad-id", good[0].html or "", title="Bad id").model_copy(
        update={"article_id": "not-a-uuid"})
    nul = _raw("https://poison.example/nul", "<html><body><article><h1>Zero</h1><p>A NUL \x00 byte in a page that "
               "is otherwise long enough to be an article of several words.</p></article></body></html>", "Zero")
    poison = [(RAW.name, b"bad-utf8", b'{"article_id": "\xff\xfe broken"}'),
              (RAW.name, b"bad-schema", b'{"article_id": "x", "title": 3}'),
              *[(RAW.name, encode_key(r.article_id), encode(r)) for r in (nested, empty, bad_id, nul)]]

    async def scenario(bootstrap: str, url: str) -> tuple[Stored, list[str]]:
        pool = await create_pool(url)
        worker = start_worker(bootstrap, tmp_path / uuid.uuid4().hex[:6])
        try:
            async with running_sink(bootstrap, pool):
                await produce(bootstrap, poison[:3])
                await publish_raw(bootstrap, good)
                await produce(bootstrap, poison[3:])
                await drained(bootstrap, worker, timeout=150)
                await drained(bootstrap, worker, timeout=30)  # dead letters of the last batch stored too
            letters = [f"{r['stage']}:{r['topic']}" for r in
                       await pool.fetch("SELECT stage, topic FROM dead_letters ORDER BY stage, topic")]
            good_ids = [g.article_id for g in good]
            stored_good = await pool.fetchval("SELECT count(*) FROM articles WHERE article_id = ANY($1::uuid[])",
                                              good_ids)
            assert stored_good == len(good), "every good article stored"
            return await stored(pool), letters
        finally:
            kill_hard(worker)
            await pool.close()

    with isolated_pipeline() as (broker, url):
        result, letters = asyncio.run(scenario(broker.bootstrap_servers, url))
    # bad UTF-8, bad schema, no text and an article_id that is no UUID (RawArticle validates it): refused by the
    # normalizer; the sink counts and skips the same unreadable news.raw records. Deep nesting and a NUL are
    # handled: both stored as articles.
    assert letters == ["normalizer:news.raw"] * 4
    assert result.articles == len(good) + 2
