"""The sink's write path: retry while the database is away, isolate records it refuses."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from services.sink import store
from services.sink.writer import Batch
from tests.unit.factories import article


class FakePool:
    """acquire() fails ``outages`` times, then yields a connection object the patched writer inspects."""

    def __init__(self, outages: int = 0) -> None:
        self.outages = outages

    @contextlib.asynccontextmanager
    async def acquire(self, timeout: float | None = None) -> AsyncIterator[object]:
        if self.outages:
            self.outages -= 1
            raise ConnectionRefusedError("database away")
        yield object()


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Article ids of every batch the (fake) writer accepted; a batch holding id 'bad' is refused."""
    batches: list[list[str]] = []

    async def write_batch(conn: Any, batch: Batch) -> list[Any]:
        ids = [a.article_id for a in batch.articles]
        if "bad" in ids:
            raise asyncpg.DataError("invalid input for query argument")
        batches.append(ids)
        return []

    monkeypatch.setattr(store, "write_batch", write_batch)
    monkeypatch.setattr(store, "MAX_DELAY_SECONDS", 0.01)
    return batches


def _parts(*ids: str) -> list[Batch]:
    return [Batch(articles=[article(i)]) for i in ids]


async def test_whole_batch_in_one_write(written: list[list[str]]) -> None:
    pool: Any = FakePool()
    _, refused = await store.write_isolating(pool, _parts("a", "b"), asyncio.Event(), lambda exc: None)
    assert written == [["a", "b"]] and refused == []


async def test_refused_record_isolated_and_the_rest_written(written: list[list[str]]) -> None:
    pool: Any = FakePool()
    _, refused = await store.write_isolating(pool, _parts("a", "bad", "c"), asyncio.Event(), lambda exc: None)
    assert written == [["a"], ["c"]]
    assert [index for index, _ in refused] == [1]


async def test_outage_retried_until_the_database_is_back(written: list[list[str]]) -> None:
    retries: list[BaseException] = []
    pool: Any = FakePool(outages=3)
    await store.write_with_retry(pool, Batch.merged(_parts("a")), asyncio.Event(), retries.append)
    assert len(retries) == 3 and written == [["a"]]


async def test_outage_gives_up_once_stopping(written: list[list[str]]) -> None:
    stop = asyncio.Event()
    stop.set()
    pool: Any = FakePool(outages=1)
    with pytest.raises(ConnectionRefusedError):
        await store.write_with_retry(pool, Batch(), stop, lambda exc: None)
