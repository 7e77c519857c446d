"""Migrations apply on an empty database, revert, and re-apply."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from services.common.db import load_migrations, migrate
from tests.conftest import drop, fresh_database

pytestmark = pytest.mark.integration


def test_migrations_are_reversible() -> None:
    url = fresh_database("newsflow_migrations_test")
    try:
        asyncio.run(_up_down_up(url))
    finally:
        drop(url)


async def _up_down_up(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        latest = load_migrations()[-1].version
        assert await conn.fetchval("SELECT max(version) FROM schema_migrations") == latest
        assert await migrate(conn) == []
        await migrate(conn, 0)
        assert await conn.fetchval("SELECT to_regclass('events')") is None
        assert await migrate(conn) == [m.version for m in load_migrations()]
        assert await conn.fetchval("SELECT to_regclass('events')") == "events"
    finally:
        await conn.close()
