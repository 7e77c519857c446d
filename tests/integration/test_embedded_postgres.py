"""With no Postgres reachable and no DATABASE_URL, an embedded server is started under the data folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from services.common import db

pytestmark = pytest.mark.integration


def test_falls_back_to_an_embedded_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "LOCAL_ADMIN_URL", "postgresql://postgres@127.0.0.1:9/postgres")  # nothing listens

    async def scenario() -> tuple[str, int]:
        url = await db.resolve_database_url(None, "newsflow", tmp_path)
        conn = await asyncpg.connect(url)
        try:
            await db.migrate(conn)
            return url, await conn.fetchval("SELECT max(version) FROM schema_migrations")
        finally:
            await conn.close()

    try:
        url, version = asyncio.run(scenario())
        assert str(tmp_path / "postgres") in url
        assert version == db.load_migrations()[-1].version
        assert (tmp_path / "postgres" / "PG_VERSION").exists()
    finally:
        for server in db._embedded_servers:
            server.cleanup()
        db._embedded_servers.clear()
