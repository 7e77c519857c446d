"""Serving the web view: a read-only pool in the service role, the app, uvicorn on a socket bound up front."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator

import asyncpg
import uvicorn

from services.cli.errors import CliError
from services.common.db import create_pool
from services.common.settings import Settings
from services.web.app import build_app
from services.web.store import PostgresReader

log = logging.getLogger("newsflow.web")
SERVICE_ROLE = "newsflow_service"
LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8080
MEMBER_SQL = """
SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, (SELECT oid FROM pg_roles
       WHERE rolname = $1), 'MEMBER')
"""


async def read_only_pool(url: str, settings: Settings) -> asyncpg.Pool:
    """A pool whose every transaction is read-only, in the ``newsflow_service`` role when the login may take
    it (migration 0003 creates it; a login outside it reads with its own rights, still read-only)."""
    conn = await asyncpg.connect(url, timeout=10)
    try:
        member = bool(await conn.fetchval(MEMBER_SQL, SERVICE_ROLE))
    finally:
        await conn.close()
    server_settings = {"default_transaction_read_only": "on", "application_name": "newsflow-web"}
    if member:
        server_settings["role"] = SERVICE_ROLE
    else:
        log.warning("the database login is not a member of %s; the web view reads with the login's own rights "
                    "(read-only transactions)", SERVICE_ROLE)
    return await create_pool(url, 1, max(2, settings.postgres.pool_max), server_settings=server_settings)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, so that a taken port fails before anything else starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc} (choose another with --port)") from exc
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """The address to open in a browser."""
    host, port = sock.getsockname()[:2]
    shown = LOOPBACK if host in {"0.0.0.0", "::"} else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


@contextlib.asynccontextmanager
async def web_pool(database_url: str, settings: Settings) -> AsyncIterator[asyncpg.Pool]:
    """read_only_pool for the duration."""
    pool = await read_only_pool(database_url, settings)
    try:
        yield pool
    finally:
        await pool.close()


class Listener:
    """Where the web view listens: the socket bound up front, then (after a restart) a new one at its address."""

    def __init__(self, host: str, port: int) -> None:
        self.first: socket.socket | None = bind(host, port)
        self.host, self.port = host, self.first.getsockname()[1]
        self.url = url_of(self.first)

    def take(self) -> socket.socket:
        """The socket to serve on (uvicorn closes it when it stops)."""
        sock, self.first = self.first, None
        return sock or bind(self.host, self.port)


class HostedServer(uvicorn.Server):
    """A uvicorn server that leaves signals to the command hosting it (``newsflow run --web``)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """No signal handlers of its own: the host sets ``should_exit``."""
        yield


async def serve(listener: Listener, database_url: str, settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Serve the web view until a signal (or, given ``stop``, until it is set; signals are then the caller's)."""
    async with web_pool(database_url, settings) as pool:
        app = build_app(PostgresReader(pool))
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2,
                                lifespan="on", proxy_headers=False, server_header=False)
        server = HostedServer(config) if stop else uvicorn.Server(config)
        log.debug("web view at %s", listener.url)
        watcher = asyncio.create_task(_exit_on(stop, server)) if stop else None
        try:
            await server.serve(sockets=[listener.take()])
        finally:
            if watcher:
                watcher.cancel()


async def _exit_on(stop: asyncio.Event, server: uvicorn.Server) -> None:
    await stop.wait()
    server.should_exit = True
