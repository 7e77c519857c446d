"""feedparser's own test corpus (``make feedparser-corpus``) served on loopback and polled: no crash, nothing lost.

Every entry with a title or text must become a published article, or be counted:
as a repeat of an item of the same feed, or with its whole feed as a logged poll
failure of a known kind (never ``internal``, which would be a crash).
"""

from __future__ import annotations

import io
import os
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from schemas.records import RawArticle
from services.common.settings import PollerSettings
from services.poller.fetch import Fetcher
from services.poller.parse import entry_content
from services.poller.service import Poller
from services.poller.store import InMemoryFeedStore
from tests.unit.poller.feed_server import FeedServer, Reply

pytestmark = pytest.mark.integration

CORPUS = Path(__file__).resolve().parents[2] / "vendor" / "feedparser-corpus"
ENCODINGS = {".gz": "gzip", ".z": "deflate"}
SETTINGS = PollerSettings(fetch_full_article=False, concurrency=32, per_host=32, unconditional_every=0,
                          timeout_seconds=20.0, max_feed_bytes=10 * 1024 * 1024)


def corpus_files() -> list[Path]:
    """Every feed file of the corpus; fails under CI (the make target should have fetched it), else skips."""
    if not (CORPUS / "wellformed").is_dir():
        message = f"feedparser corpus missing at {CORPUS}: run `make feedparser-corpus`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in {".xml", ".gz", ".z"})


@pytest.fixture(scope="module")
def corpus_urls() -> Iterator[dict[str, Path]]:
    """URL → file for every corpus file served at its relative path; .gz/.z files with their Content-Encoding."""
    files = corpus_files()
    server = FeedServer()
    urls = {}
    for path in files:
        rel = "/" + path.relative_to(CORPUS).as_posix()
        headers = {"Content-Type": "application/xml"}
        if path.suffix in ENCODINGS:
            headers["Content-Encoding"] = ENCODINGS[path.suffix]
        urls[server.route(rel, Reply(body=path.read_bytes(), headers=headers))] = path
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield urls
    server.shutdown()
    server.server_close()


def entries_with_text(body: bytes) -> int:
    """Entries feedparser itself reads from body that have a title or some text."""
    parsed = feedparser.parse(io.BytesIO(body))
    return sum(1 for e in parsed.entries
               if (e.get("title") or "").strip() or (e.get("summary") or "").strip() or entry_content(e))


async def test_whole_corpus_is_polled_without_crash_or_loss(
    corpus_urls: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    urls = corpus_urls
    published: list[RawArticle] = []

    async def publish(raw: RawArticle) -> None:
        published.append(RawArticle.model_validate_json(raw.model_dump_json()))

    async with Fetcher(SETTINGS, allow_private=True) as fetcher:
        poller = Poller(InMemoryFeedStore(), fetcher, publish, SETTINGS, allow_private=True)
        results = await poller.poll_once(urls)

    assert len(results) == len(urls) > 2000
    kinds = Counter(r.error_kind for r in results if r.status == "error")
    assert "internal" not in kinds and "publish" not in kinds, kinds
    lost = []
    for result in results:
        path = urls[result.feed_url]
        body = path.read_bytes() if path.suffix == ".xml" else None
        expected = entries_with_text(body) if body is not None else None
        if result.status == "ok" and expected is not None:
            if len(result.article_ids) + result.duplicates != expected:
                lost.append((path.name, expected, len(result.article_ids), result.duplicates))
        elif result.status == "error":
            assert result.error and result.error_kind, result
    assert lost == [], lost
    failed_logged = {getattr(r, "feed_url", None) for r in caplog.records
                     if r.getMessage().startswith("feed poll failed")}
    assert failed_logged >= {r.feed_url for r in results if r.status == "error"}
    assert poller.metrics.items_published == len(published) > 800
    print(f"corpus: {len(results)} feeds, {len(published)} articles, errors {dict(kinds)}, "
          f"rejected {poller.metrics.items_rejected}, repeats {poller.metrics.items_duplicate}")
