"""The decision agent keeps an undecided article apart from its pending state: written once, deleted when
decided, never inside the state that every vote, inquiry and answer rewrites."""

from __future__ import annotations

import asyncio
import json
import time
from types import SimpleNamespace
from typing import Any

from schemas.records import Article
from services.common.codecs import decode, encode, encode_key
from services.dedup.near import NearVote, Pending
from services.dedup.near_agents import NearStage
from services.dedup.sweep import SweepClock
from tests.unit.dedup.test_decide import A, B, arrive, votes

NOW = int(time.time())  # signatures older than the dedup window count as absent


class Table(dict[bytes, bytes]):
    """A table that remembers every value written (what its changelog would carry)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[bytes, bytes | None]] = []

    def __setitem__(self, key: bytes, value: bytes) -> None:
        self.writes.append((key, value))
        super().__setitem__(key, value)

    def __delitem__(self, key: bytes) -> None:
        self.writes.append((key, None))
        super().__delitem__(key)


class Topic:
    def __init__(self) -> None:
        self.sent: list[tuple[bytes, bytes]] = []

    async def send(self, key: bytes, value: bytes) -> None:
        self.sent.append((key, value))


def _stage() -> Any:
    stage: Any = NearStage.__new__(NearStage)
    stage.pending, stage.held, stage.signatures = Table(), Table(), Table()
    stage.near, stage.articles, stage.duplicates = Topic(), Topic(), Topic()
    stage.window, stage.threshold, stage.partitions = 30 * 86400.0, 0.6, 4
    stage.pending_clock, stage.signature_clock = SweepClock(), SweepClock()
    return stage


def _deliver(stage: Any, *messages: NearVote) -> None:
    for vote in messages:
        event = SimpleNamespace(key=encode_key(vote.article_id), value=encode(vote),
                                message=SimpleNamespace(partition=0))
        asyncio.run(stage.decide(event))


def test_the_article_is_held_once_and_dropped_when_decided() -> None:
    stage = _stage()
    key = encode_key(A)
    _deliver(stage, arrive(A, NOW))
    assert decode(Article, stage.held[key]).article_id == A
    assert json.loads(stage.pending[key])["holding"] is True
    _deliver(stage, *votes(A)[:-1])
    assert all("article" not in json.loads(value) for _, value in stage.pending.writes if value)
    assert max(len(value) for _, value in stage.pending.writes if value) < 300  # the text is 2 KB
    _deliver(stage, votes(A)[-1])  # the last band: no candidates, so A is decided an original
    assert [value is None for _, value in stage.held.writes] == [False, True] and key not in stage.held
    assert decode(Article, stage.articles.sent[0][1]).article_id == A
    assert json.loads(stage.pending[key])["decided"] == "original"


def test_a_held_article_is_read_back_for_the_decision() -> None:
    stage = _stage()
    _deliver(stage, arrive(A, NOW), *votes(A), arrive(B, NOW + 1), *votes(B, A))
    inquiry = next(decode(NearVote, v) for _, v in stage.near.sent if decode(NearVote, v).inquiry)
    _deliver(stage, inquiry)
    answer = next(decode(NearVote, v) for _, v in stage.near.sent if decode(NearVote, v).answer)
    _deliver(stage, answer)  # B's state held no article text; its held copy is what goes out as the duplicate
    (record,) = [json.loads(v) for _, v in stage.duplicates.sent]
    assert (record["article"]["article_id"], record["duplicate_of"], record["kind"]) == (B, A, "near")
    assert encode_key(B) not in stage.held


def test_a_state_written_with_the_article_inside_moves_it_out() -> None:
    stage = _stage()
    key = encode_key(A)
    former = Pending(article=arrive(A, NOW).article, seen_at=NOW, first_seen=NOW)
    dict.__setitem__(stage.pending, key, former.model_dump_json(exclude_defaults=True).encode())
    _deliver(stage, votes(A)[0])
    assert decode(Article, stage.held[key]).article_id == A
    assert "article" not in json.loads(stage.pending[key])


def test_a_message_that_changes_nothing_writes_nothing() -> None:
    stage = _stage()
    _deliver(stage, arrive(A, NOW), *votes(A))  # A is decided an original
    writes = len(stage.pending.writes)
    inquiry = NearVote(article_id=A, inquiry=(B, NOW + 1, 0.0), digest=arrive(B, NOW + 1).digest)
    _deliver(stage, inquiry, inquiry)
    assert len(stage.near.sent) == 2 and len(stage.pending.writes) == writes  # answered twice, state unchanged
