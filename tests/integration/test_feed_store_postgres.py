"""The FeedStore contract on the real Postgres store."""

from __future__ import annotations

import asyncpg
import pytest

from services.poller.pgstore import PostgresFeedStore
from tests.unit.poller.test_store import FeedStoreContract

pytestmark = pytest.mark.integration


class TestPostgresFeedStore(FeedStoreContract):
    """Every FeedStore behaviour, on Postgres."""

    @pytest.fixture
    async def store(self, pool: asyncpg.Pool) -> PostgresFeedStore:
        await pool.execute("TRUNCATE feeds CASCADE")
        return PostgresFeedStore(pool)
