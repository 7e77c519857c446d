"""Normalizer and dedup in a real Faust worker process on the real broker.

Copies of one article with different URLs land on different partitions of
news.raw; dedup must still find them (the dedup topics are keyed by what they
compare). A poison message goes to news.dlq and the rest flows on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import uuid

import pytest

from schemas.records import Article, DeadLetter, Duplicate, RawArticle
from schemas.topics import ARTICLES, DEDUP_NEAR, DLQ, DUPLICATES, NORMALIZED, RAW
from services.cli.run import stop_process
from services.common.codecs import decode, encode, encode_key
from services.common.urls import article_id_for, canonicalize_url
from tests.integration.kafka_io import produce, read_topics
from tests.integration.pipeline import REPO

pytestmark = pytest.mark.integration

BODY = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>Harbour workers in the fictional port of Westhaven walked off the job on Monday, the union said, "
        "halting the loading of grain ships for the third time this month.</p>"
        "<p>The union said {n} members joined the strike and that talks with the port authority would resume "
        "later in the week. The port authority declined to comment on the dispute.</p>{extra}"
        "</article></body></html>")


OTHER_BODY = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
              "<p>The regional council of Westhaven approved a new budget for schools and libraries on Tuesday after "
              "a long debate about the cost of heating old buildings.</p><p>Councillors from three parties backed "
              "the plan, which adds {n} teaching posts; the opposition said the money would not last the year.</p>"
              "{extra}</article></body></html>")


def raw(url: str, title: str, extra: str = "", n: int = 400, body: str = BODY) -> RawArticle:
    return RawArticle(article_id=article_id_for(canonicalize_url(url)), url=url, feed_url="https://wire.example/rss",
                      source="wire", title=title, html=body.format(title=title, n=n, extra=extra), final_url=url,
                      feed_published=dt.datetime(2025, 5, 5, 10, tzinfo=dt.UTC), fetched_at=dt.datetime.now(dt.UTC))


def test_normalizer_and_dedup_in_a_worker(broker: str) -> None:
    tag = uuid.uuid4().hex[:8]
    original = raw(f"https://wire.example/{tag}/strike", "Port strike halts grain loading")
    same_url = raw(f"https://wire.example/{tag}/strike?utm_source=rss", "Port strike halts grain loading")
    syndicated = raw(f"https://ledger.example/{tag}/port-strike", "Dockers strike in Westhaven")
    other = raw(f"https://wire.example/{tag}/other", "Another story", n=90, body=OTHER_BODY,
                extra="<p>A further paragraph makes this a different article altogether.</p>")

    # the last one has the same canonical URL as the first (tracking parameter): same id, a redelivery
    records = [(RAW.name, b"poison", b"\xff not json")] + [
        (RAW.name, encode_key(r.article_id), encode(r)) for r in (original, syndicated, other, same_url)]

    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker, "NEWSFLOW_DATA_DIR": str(REPO / ".newsflow" / tag)}
    worker = subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", "--stage", "normalizer",
                               "dedup"], env=env, cwd=REPO, start_new_session=True)
    try:
        asyncio.run(produce(broker, records))
        def ours(got: dict) -> bool:
            # every article decided (a redelivery adds a record only when its original was already decided)
            decided = {a.article_id for a in (decode(Article, r.value) for r in got[ARTICLES.name])} | {
                d.article_id for d in (decode(Duplicate, r.value) for r in got[DUPLICATES.name])}
            wanted = {original.article_id, syndicated.article_id, other.article_id}
            return wanted <= decided and any(r.key == b"poison" for r in got[DLQ.name])

        topics = [NORMALIZED.name, DEDUP_NEAR.name, ARTICLES.name, DUPLICATES.name, DLQ.name]
        try:
            got = asyncio.run(read_topics(broker, topics, ours, timeout=120))
        except TimeoutError:
            seen = asyncio.run(read_topics(broker, topics, timeout=30))
            counts = {t: sum(tag in (r.value or b"").decode(errors="replace") for r in rs) for t, rs in seen.items()}
            raise AssertionError(f"records of this test per topic after 120 s: {counts}") from None
    finally:
        stop_process(worker, 15)
    unique = {a.article_id for a in (decode(Article, r.value) for r in got[ARTICLES.name]) if tag in a.url}
    dups = [d for d in (decode(Duplicate, r.value) for r in got[DUPLICATES.name]) if tag in d.article.url]
    # whichever copy reached the content check first is the original; the other copy (and a
    # redelivery of it) is its duplicate
    first = unique - {other.article_id}
    assert other.article_id in unique and len(first) == 1 and first <= {original.article_id, syndicated.article_id}
    assert {d.article_id for d in dups} == {original.article_id, syndicated.article_id} - first
    assert {(d.duplicate_of, d.kind) for d in dups} == {(first.pop(), "content")}
    letters = [decode(DeadLetter, r.value) for r in got[DLQ.name]]
    assert any(d.stage == "normalizer" and d.key_b64 == "cG9pc29u" for d in letters)
