"""Near-duplicates in a real Faust worker on the real broker, copies on different partitions.

Two lightly edited copies of one story (other headline, boilerplate, a
paragraph added) get different article ids that hash to different partitions
of news.raw; the one deciding partition brings them together. A copy sent after the
original reached news.articles is its near duplicate; after a worker restart
an exact copy is still found (the tables recovered from their changelogs);
two copies sent at once still give exactly one original and one duplicate.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import uuid

import pytest

from schemas.records import Article, Duplicate, RawArticle
from schemas.topics import ARTICLES, DUPLICATES, RAW
from services.cli.run import stop_process
from services.common.codecs import decode, encode, encode_key
from services.common.urls import article_id_for, canonicalize_url
from services.dedup.sweep import partition_of
from tests.conftest import PARTITIONS
from tests.integration.kafka_io import produce, read_topics
from tests.integration.pipeline import REPO

pytestmark = pytest.mark.integration

STORY = ["Dock workers in {town} walked off the job on Monday, halting the loading of grain ships at the port for "
         "the third time this month, the harbour workers' union said.",
         "The union said {n} of its members had joined the stoppage after talks on pay and night shifts collapsed. "
         "Cranes stood idle along the eastern quay and a queue of ships formed outside the harbour.",
         "The port authority said it regretted the action and that its offer of a six percent rise remained on the "
         "table. Exporters of fruit warned that a long stoppage would cost them contracts abroad."]
FLOOD = ["Heavy rain caused the river to burst its banks near {town} on Sunday, flooding {n} homes and forcing "
         "families to leave low-lying streets, regional officials said.",
         "Rescue teams in boats moved residents from the old quarter, where water reached the first floor of some "
         "houses. Schools were closed and the main bridge was shut to traffic.",
         "Forecasters expect more rain over the next two days, and engineers were checking a dam upstream that was "
         "close to its capacity. Farmers said fields of wheat had been under water since the weekend."]


def raw(url: str, title: str, paragraphs: list[str]) -> RawArticle:
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>" + "".join(
        f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    return RawArticle(article_id=article_id_for(canonicalize_url(url)), url=url, feed_url="https://wire.example/rss",
                      source=url.split("/")[2], title=title, html=html, final_url=url,
                      feed_published=dt.datetime(2025, 5, 5, 10, tzinfo=dt.UTC), fetched_at=dt.datetime.now(dt.UTC))


def copies(tag: str, town: str, n: int, story: list[str] = STORY) -> tuple[RawArticle, RawArticle]:
    """An original and an edited copy whose ids land on different partitions of news.raw."""
    paragraphs = [p.format(town=town, n=n) for p in story]
    original = raw(f"https://wire.example/{tag}/{town}", f"Port strike in {town}", paragraphs)
    for attempt in range(100):
        copy = raw(f"https://ledger.example/{tag}/{town}-{attempt}", f"Latest from {town}",
                   [*paragraphs, "Local officials said they would publish more details later in the day."])
        if partition_of(encode_key(copy.article_id), PARTITIONS) != partition_of(
                encode_key(original.article_id), PARTITIONS):
            return original, copy
    raise AssertionError("no copy on another partition")


def ours(tag: str, got: dict) -> tuple[list[Article], list[Duplicate]]:
    articles = [a for a in (decode(Article, r.value) for r in got[ARTICLES.name]) if tag in a.url]
    dups = [d for d in (decode(Duplicate, r.value) for r in got[DUPLICATES.name]) if tag in d.article.url]
    return articles, dups


def wait_for(broker: str, tag: str, count: int) -> tuple[list[Article], list[Duplicate]]:
    got = asyncio.run(read_topics(broker, [ARTICLES.name, DUPLICATES.name],
                                  lambda g: sum(map(len, ours(tag, g))) >= count, timeout=120))
    return ours(tag, got)


def send(broker: str, *records: RawArticle) -> None:
    asyncio.run(produce(broker, [(RAW.name, encode_key(r.article_id), encode(r)) for r in records]))


def test_near_duplicates_across_partitions(broker: str) -> None:
    tag = uuid.uuid4().hex[:8]
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker, "NEWSFLOW_DATA_DIR": str(REPO / ".newsflow" / tag)}
    command = [sys.executable, "-m", "services.cli.main", "worker", "--stage", "normalizer", "dedup"]
    worker = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True)
    try:
        original, copy = copies(tag, "Westhaven", 412)
        send(broker, original)
        assert [a.article_id for a in wait_for(broker, tag, 1)[0]] == [original.article_id]
        send(broker, copy)
        articles, dups = wait_for(broker, tag, 2)
        assert [a.article_id for a in articles] == [original.article_id]
        assert [(d.article_id, d.duplicate_of, d.kind) for d in dups] == [(copy.article_id, original.article_id,
                                                                          "near")]
        assert 0.6 <= dups[0].similarity < 1.0

        # a restarted worker recovers the dedup tables from their changelogs: later copies are still found
        stop_process(worker, 15)
        worker = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True)
        exact_copy = raw(f"https://mirror.example/{tag}/westhaven", original.title,
                         [p.format(town="Westhaven", n=412) for p in STORY])
        send(broker, exact_copy)
        articles, dups = wait_for(broker, tag, 3)
        assert [a.article_id for a in articles] == [original.article_id]
        assert (exact_copy.article_id, original.article_id, "content") in {
            (d.article_id, d.duplicate_of, d.kind) for d in dups}

        race_tag = tag + "r"
        first, second = copies(race_tag, "Carrow", 977, FLOOD)
        send(broker, first, second)
        articles, dups = wait_for(broker, race_tag, 2)
    finally:
        stop_process(worker, 15)
    # simultaneous copies: exactly one original, and the other is its near duplicate
    assert len(articles) == 1 and len(dups) == 1
    assert {articles[0].article_id, dups[0].article_id} == {first.article_id, second.article_id}
    assert (dups[0].duplicate_of, dups[0].kind) == (articles[0].article_id, "near")
