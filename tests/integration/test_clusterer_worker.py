"""Extractor and clusterer in a real Faust worker on the real broker: reports of one happening meet whatever
partition their articles arrived on, a same-kind happening stays apart, and a restarted worker rebuilds its
open events from the table's changelog (a later report joins the event opened before the restart)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import subprocess
import sys
import uuid

import pytest

from schemas.records import Article, Event, EventMention
from schemas.topics import ARTICLES, EVENT_UPDATES, MENTIONS
from services.cli.run import stop_process
from services.common.codecs import decode, encode, encode_key
from tests.integration.kafka_io import produce, read_topics
from tests.integration.pipeline import REPO

pytestmark = pytest.mark.integration
NOW = dt.datetime(2025, 5, 5, 10, tzinfo=dt.UTC)


def article(tag: str, n: int, title: str, text: str, source: str) -> Article:
    url = f"https://{source}.example/{tag}/{n}"
    return Article(article_id=str(uuid.uuid5(uuid.NAMESPACE_URL, url)), url=url, canonical_url=url, source=source,
                   feed_url=f"https://{source}.example/rss", title=title, text=text, language="en",
                   published_at=NOW + dt.timedelta(hours=n), content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   word_count=len(text.split()), fetched_at=NOW + dt.timedelta(hours=n))


def reports(tag: str) -> list[Article]:
    place = f"Veldmark{tag}"  # a made-up town: no other test's events share its name
    quake = (f"A strong earthquake of magnitude 6.4 struck the town of {place} on Monday, killing 9 people and "
             f"damaging hundreds of homes, the regional governor said. Rescue teams searched collapsed buildings "
             f"in {place} through the night.")
    return [
        article(tag, 0, f"Magnitude 6.4 earthquake kills 9 in {place}", quake, "wire"),
        article(tag, 1, f"Quake in {place} leaves 9 dead, homes destroyed",
                f"Nine people died when a 6.4-magnitude earthquake shook {place} on Monday and homes collapsed, the "
                f"regional governor said, as rescue teams searched the rubble of {place}.", "ledger"),
        article(tag, 2, "Floods force 4,000 from homes along the Oster river",
                "The Oster river burst its banks after days of rain, forcing 4,000 residents of Lindau and Kemp to "
                "leave their homes, the state government said on Tuesday. Schools were closed.", "post"),
        article(tag, 3, f"{place} earthquake toll stays at 9 as aftershocks rattle survivors",
                f"Aftershocks rattled {place} on Tuesday, a day after a magnitude 6.4 earthquake killed 9 people and "
                f"damaged homes, the regional governor said.", "courier"),
    ]


def start_worker(broker: str, tag: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker, "NEWSFLOW_DATA_DIR": str(REPO / ".newsflow" / tag)}
    return subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", "--stage", "extractor",
                             "clusterer"], env=env, cwd=REPO, start_new_session=True)


def versions_of(got: dict, ids: set[str]) -> list[Event]:
    """The versions of this test's events: the session's broker is shared, so the topic also holds other tests'
    records (test_sink's deliberate poison among them), which are not ours to read."""
    return [e for e in (_event(r.value) for r in got[EVENT_UPDATES.name])
            if e is not None and {m.article_id for m in e.mentions} & ids]


def _event(value: bytes | None) -> Event | None:
    try:
        return decode(Event, value)
    except ValueError:  # pydantic's ValidationError too
        return None


def wait_for(broker: str, ids: set[str], count: int) -> dict:
    def done(got: dict) -> bool:
        return len(versions_of(got, ids)) >= count
    try:
        return asyncio.run(read_topics(broker, [MENTIONS.name, EVENT_UPDATES.name], done, timeout=120))
    except TimeoutError:
        seen = asyncio.run(read_topics(broker, [MENTIONS.name, EVENT_UPDATES.name], timeout=30))
        raise AssertionError(f"event versions of this test after 120 s: {len(versions_of(seen, ids))}") from None


def test_reports_meet_on_the_deciding_partition_and_survive_a_restart(broker: str) -> None:
    tag = uuid.uuid4().hex[:6]
    first, second, flood, late = reports(tag)
    ids = {a.article_id for a in (first, second, flood, late)}
    worker = start_worker(broker, tag)
    try:
        asyncio.run(produce(broker, [(ARTICLES.name, encode_key(a.article_id), encode(a))
                                     for a in (first, second, flood)]))
        got = wait_for(broker, ids, 3)
    finally:
        stop_process(worker, 15)
    mentions = [m for m in (decode(EventMention, r.value) for r in got[MENTIONS.name]) if m.article_id in ids]
    assert {r.key for r in got[MENTIONS.name] if decode(EventMention, r.value).article_id in ids} == {b"en"}
    assert {m.blocking_key for m in mentions} == {"en"} and all(m.evidence for m in mentions)
    quake = [e for e in versions_of(got, {first.article_id, second.article_id})]
    assert sorted(e.version for e in quake) == [1, 2] and len({e.event_id for e in quake}) == 1
    (flooded,) = versions_of(got, {flood.article_id})
    assert flooded.event_id != quake[0].event_id and flooded.version == 1

    worker = start_worker(broker, tag)  # a new process: the open events come back from the changelog
    try:
        asyncio.run(produce(broker, [(ARTICLES.name, encode_key(late.article_id), encode(late))]))
        got = wait_for(broker, ids, 4)
    finally:
        stop_process(worker, 15)
    (joined,) = versions_of(got, {late.article_id})
    assert (joined.event_id, joined.version, joined.num_mentions) == (quake[0].event_id, 3, 3)
    assert len(versions_of(got, ids)) == 4
