"""The dedup agents' wiring with plain tables: the route sends one message on the deciding key, and the decision
checks URL, content and near copies in order, writing each table once per new article (the records a decision
costs) and nothing new for a redelivery."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from types import SimpleNamespace
from typing import Any

from schemas.records import Article, Duplicate
from services.common.codecs import decode, encode
from services.dedup.agents import Dedup
from services.dedup.decide import Window
from services.dedup.minhash import BANDS
from services.dedup.near import DECIDING_KEY, NearCheck, check_for
from services.dedup.sweep import SweepClock
from tests.unit.factories import article

TEXT = " ".join(f"word{n} in Westhaven said the union on Monday" for n in range(40))
EDITED = TEXT + " Reporting by the Ledger desk; more details later in the day."
A, B, C, D, E = (str(uuid.UUID(int=n)) for n in range(1, 6))


class Table(dict[bytes, bytes]):
    """A table that counts every value written (what its changelog would carry)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def __setitem__(self, key: bytes, value: bytes) -> None:
        self.writes += 1
        super().__setitem__(key, value)


class Topic:
    def __init__(self) -> None:
        self.sent: list[tuple[bytes, bytes]] = []

    async def send(self, key: bytes, value: bytes) -> None:
        self.sent.append((key, value))


def _dedup() -> Any:
    dedup: Any = Dedup.__new__(Dedup)
    dedup.urls, dedup.hashes, dedup.buckets, dedup.signatures = Table(), Table(), Table(), Table()
    dedup.near, dedup.articles, dedup.duplicates = Topic(), Topic(), Topic()
    dedup.window, dedup.near_window = dt.timedelta(days=7), Window(7 * 86400.0, 0.6)
    dedup.partitions, dedup.clock = 4, SweepClock()
    return dedup


def _deliver(dedup: Any, item: Article) -> None:
    event = SimpleNamespace(key=DECIDING_KEY, value=encode(check_for(item)), message=SimpleNamespace(partition=1))
    asyncio.run(dedup.decide(event))


def _writes(dedup: Any) -> tuple[int, int, int, int]:
    return dedup.urls.writes, dedup.hashes.writes, dedup.buckets.writes, dedup.signatures.writes


def _duplicates(dedup: Any) -> list[tuple[str, str, str]]:
    return [(d.article_id, d.duplicate_of, d.kind) for d in (decode(Duplicate, v) for _, v in dedup.duplicates.sent)]


def test_url_content_and_near_copies_in_that_order() -> None:
    dedup = _dedup()
    first = article(A, TEXT)
    _deliver(dedup, first)
    _deliver(dedup, article(B, EDITED, canonical_url=first.canonical_url))  # same URL, other text
    _deliver(dedup, article(C, TEXT))  # same text elsewhere
    _deliver(dedup, article(D, EDITED))  # an edited copy
    assert [decode(Article, v).article_id for _, v in dedup.articles.sent] == [A]
    assert _duplicates(dedup) == [(B, A, "url"), (C, A, "content"), (D, A, "near")]
    near = decode(Duplicate, dedup.duplicates.sent[-1][1])
    assert 0.6 <= near.similarity < 1.0


def test_each_new_article_writes_each_table_once_and_a_redelivery_adds_no_bucket() -> None:
    dedup = _dedup()
    _deliver(dedup, article(A, TEXT))
    assert _writes(dedup) == (1, 1, BANDS, 1)
    _deliver(dedup, article(A, TEXT))  # redelivered: the same outcome, no new bucket or signature
    assert _writes(dedup) == (2, 2, BANDS, 1) and len(dedup.articles.sent) == 2
    _deliver(dedup, article(D, EDITED))
    _deliver(dedup, article(D, EDITED))
    assert _duplicates(dedup) == [(D, A, "near"), (D, A, "near")] and _writes(dedup)[2:] == (2 * BANDS, 2)


def test_a_text_too_short_to_compare_is_checked_by_url_alone() -> None:
    dedup = _dedup()
    short = article(E, "Too short to compare.")
    assert check_for(short).digest is None
    _deliver(dedup, short)
    assert [decode(Article, v).article_id for _, v in dedup.articles.sent] == [E] and _writes(dedup) == (1, 0, 0, 0)


def test_the_route_sends_one_message_on_the_deciding_key() -> None:
    dedup = _dedup()
    for item in (article(A, TEXT), article(B, EDITED, language="fr")):
        event = SimpleNamespace(key=b"x", value=encode(item), message=SimpleNamespace(partition=0))
        asyncio.run(dedup.route(event))
    assert [key for key, _ in dedup.near.sent] == [DECIDING_KEY, DECIDING_KEY]
    check = decode(NearCheck, dedup.near.sent[0][1])
    assert check.article.article_id == A and len(check.bands) == BANDS and check.digest
