"""What recovery finds missing in Postgres: raw articles not carried through every stage, feed items never stored.

Rows are written by the sink's own writer, as a run writes them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid

import asyncpg
import pytest

from schemas.records import RawArticle
from services.cli.recover import FORGET_ITEMS
from services.cli.replay import SELECT_RAW
from services.clusterer.merge import build_event
from services.common.codecs import encode
from services.common.deadletter import dead_letter
from services.sink.writer import Batch, write_batch
from tests.conftest import drop, fresh_database
from tests.unit.factories import NOW, article, mention

pytestmark = pytest.mark.integration

FEED = "https://ledger.example/rss"


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _raw(name: str) -> tuple[RawArticle, bytes]:
    raw = RawArticle(article_id=_id(name), url=f"https://ledger.example/{name}", feed_url=FEED, source="ledger",
                     title=name, fetched_at=NOW)
    return raw, encode(raw)


def _stored_mentions(name: str, stored: int, of_article: int | None, detail: bool = True) -> Batch:
    """The article and ``stored`` of its mentions, each in an event of its own (``of_article``: how many it had)."""
    batch = Batch(articles=[article(_id(name))])
    for index in range(stored):
        m = mention(_id(f"{name}#{index}"), article_id=_id(name)).model_copy(update={"of_article": of_article})
        event = build_event(_id(f"event {name}#{index}"), 1, [m], NOW, (m.mention_id,))
        batch.events.append(event.model_copy(update={"added": [m] if detail else []}))
    return batch


async def _selected(url: str) -> tuple[set[str], int, list[asyncpg.Record]]:
    conn = await asyncpg.connect(url)
    try:
        for typ in ("json", "jsonb"):
            await conn.set_type_codec(typ, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
        names = ["partial", "complete", "legacy", "dead", "raw only", "never stored"]
        batch = Batch.merged([_stored_mentions("partial", 1, 2), _stored_mentions("complete", 2, 2),
                              _stored_mentions("legacy", 1, None, detail=False)])
        batch.raw = [_raw(n) for n in names[:5]]
        key = _id("dead").encode()
        batch.dead_letters = [dead_letter("normalizer", ValueError("no text"), value=b"{}", key=key,
                                          topic="news.raw", partition=0, offset=3)]
        await write_batch(conn, batch)
        await conn.execute("INSERT INTO feeds (feed_url, etag) VALUES ($1, 'v1')", FEED)
        await conn.executemany("INSERT INTO feed_items (feed_url, item_key, article_id, content_hash) "
                               "VALUES ($1, $2, $3, 'h')", [(FEED, n, _id(n)) for n in names])
        since = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        selected = {r["article_id"] for r in await conn.fetch(SELECT_RAW, since, True, ["en"])}
        forgotten = await conn.fetchval(FORGET_ITEMS)
        left = await conn.fetch("SELECT f.item_key, d.etag FROM feed_items f JOIN feeds d USING (feed_url)")
        return {n for n in names if _id(n) in selected}, forgotten, list(left)
    finally:
        await conn.close()


def test_recovery_finds_what_each_stage_left_unfinished() -> None:
    url = fresh_database("newsflow_recovery_test")
    try:
        selected, forgotten, left = asyncio.run(_selected(url))
    finally:
        drop(url)
    # partial: 1 of its 2 mentions stored; raw only: no article; complete, legacy (a row written before mentions
    # said how many) and dead (a stage dead-lettered it) are done
    assert selected == {"partial", "raw only"}
    assert forgotten == 1 and len(left) == 5, "the item whose raw article never reached Postgres is fetched again"
    assert {r["etag"] for r in left} == {None}, "its feed is fetched in full, not answered 304"
