"""Session fixtures: the embedded broker and a fresh Postgres database, started by the test session itself.

Integration tests never skip for a missing service: the broker is started
here, and a Postgres that cannot be reached on 127.0.0.1:5432 (or at
``NEWSFLOW_TEST_ADMIN_URL``) fails the session.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest

from services.common.broker import EmbeddedBroker, ensure_topics
from services.common.db import LOCAL_ADMIN_URL, create_database_if_missing, drop_database, migrate, with_database

ADMIN_URL = os.environ.get("NEWSFLOW_TEST_ADMIN_URL", LOCAL_ADMIN_URL)
PARTITIONS = 4


@contextlib.contextmanager
def broker_with_topics() -> Iterator[EmbeddedBroker]:
    """A new embedded broker with every topic created (PARTITIONS each), stopped on exit."""
    with EmbeddedBroker() as embedded:
        asyncio.run(ensure_topics(embedded.bootstrap_servers, PARTITIONS))
        yield embedded


@pytest.fixture(scope="session")
def broker() -> Iterator[str]:
    """Bootstrap address of the session's embedded broker with every topic created."""
    with broker_with_topics() as embedded:
        yield embedded.bootstrap_servers


def fresh_database(prefix: str = "newsflow_test") -> str:
    """Create an empty, migrated database and return its URL (the caller drops it)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        await create_database_if_missing(ADMIN_URL, name)
        conn = await asyncpg.connect(with_database(ADMIN_URL, name))
        try:
            await migrate(conn)
        finally:
            await conn.close()

    asyncio.run(create())
    return with_database(ADMIN_URL, name)


def drop(url: str) -> None:
    """Drop a database made by fresh_database."""
    asyncio.run(drop_database(ADMIN_URL, url.rsplit("/", 1)[1]))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """A migrated database for this test session, dropped at the end."""
    url = fresh_database()
    yield url
    drop(url)


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    """A connection pool on the session database."""
    from services.common.db import create_pool

    db_pool = await create_pool(database_url)
    yield db_pool
    await db_pool.close()
