"""What the web view reads from Postgres, through a read-only pool: events, one event, feeds, status, versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any, Protocol

import asyncpg

from services.cli.query import fetch_events
from services.poller.pgstore import PostgresFeedStore
from services.web.params import EventQuery

TITLES_SQL = "SELECT article_id::text AS article_id, title FROM articles WHERE article_id = ANY($1::uuid[])"
VERSIONS_SQL = """
SELECT event_id::text AS event_id, version, coalesce((record->>'num_copies')::int, 0) AS copies, updated_at
FROM events WHERE updated_at >= $1 ORDER BY updated_at
"""
Stamp = tuple[int, int]  # (version, number of copies): what changes when a stored event changes
STATUS_SQL = """
SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM feeds) AS feeds, (SELECT max(updated_at) FROM events) AS last_event_update,
       (SELECT max(stored_at) FROM articles) AS last_article_stored,
       (SELECT max(version) FROM schema_migrations) AS schema_version,
       current_setting('transaction_read_only') = 'on' AS read_only, current_user AS database_role
"""


class Reader(Protocol):
    """The reads the web view makes (``PostgresReader``; tests may pass another)."""

    async def events(self, query: EventQuery) -> tuple[list[dict[str, Any]], bool]: ...
    async def event(self, event_id: str) -> dict[str, Any] | None: ...
    async def events_by_id(self, event_ids: list[str]) -> list[dict[str, Any]]: ...
    async def versions_since(self, since: dt.datetime) -> list[tuple[str, Stamp, dt.datetime]]: ...
    async def feeds(self) -> list[dict[str, Any]]: ...
    async def status(self) -> dict[str, Any]: ...


class PostgresReader:
    """Reader on a pool (the caller owns it and makes it read-only: ``serve.read_only_pool``)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def events(self, query: EventQuery) -> tuple[list[dict[str, Any]], bool]:
        """The records ``newsflow events --json`` prints for these filters, and whether more match."""
        async with self.pool.acquire() as conn:
            records = await fetch_events(conn, query.since, query.country, query.plover, query.limit + 1,
                                         until=query.until, text=query.text)
        return records[: query.limit], len(records) > query.limit

    async def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every stored mention and copy (``events --json --all-mentions``), each with the
        title of its article (``title``, None when the article is not stored)."""
        async with self.pool.acquire() as conn:
            found = await fetch_events(conn, None, None, None, 2, event_id, all_mentions=True)
            if len(found) != 1:
                return None
            record = found[0]
            reports = [*record["mentions"], *record["copies"]]
            titles = {r["article_id"]: r["title"] for r in await conn.fetch(
                TITLES_SQL, list({r["article_id"] for r in reports}))}
        for report in reports:
            report["title"] = titles.get(report["article_id"])
        return record

    async def events_by_id(self, event_ids: list[str]) -> list[dict[str, Any]]:
        """The list records of these events (as /api/events gives them), those still stored."""
        out: list[dict[str, Any]] = []
        async with self.pool.acquire() as conn:
            for event_id in event_ids:
                out += await fetch_events(conn, None, None, None, 1, event_id)
        return out

    async def versions_since(self, since: dt.datetime) -> list[tuple[str, Stamp, dt.datetime]]:
        """(event id, (version, copies), updated_at) of every event updated at or after ``since``, oldest first."""
        rows = await self.pool.fetch(VERSIONS_SQL, since)
        return [(r["event_id"], (r["version"], r["copies"]), r["updated_at"]) for r in rows]

    async def feeds(self) -> list[dict[str, Any]]:
        """Every feed as ``newsflow feeds list --json`` prints it."""
        return [{**asdict(f), "state": f.status} for f in await PostgresFeedStore(self.pool).list_feeds()]

    async def status(self) -> dict[str, Any]:
        """Counts, the latest update times, whether the session is read-only and the role it reads as."""
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow(STATUS_SQL)
        return dict(row) if row else {}
