"""A real HTTP server on 127.0.0.1 for the poller's tests: per-test routes, a request log, fixture feeds."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Reply:
    """What the test server answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_length: bool = True


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


Route = Callable[[Seen], Reply]


def constant(reply: Reply) -> Route:
    """A route that always answers reply."""
    return lambda _seen: reply


class FeedServer(ThreadingHTTPServer):
    """ThreadingHTTPServer with a route table, a request log and an in-flight high-water mark."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        """Absolute URL of path on this server."""
        return self.base + path

    def route(self, path: str, reply: Reply | Route) -> str:
        """Serve reply (or what a function of the request returns) at path; the absolute URL."""
        self.routes[path] = reply if callable(reply) else constant(reply)
        return self.url(path)

    def fixture(self, path: str, name: str, content_type: str = "application/rss+xml", **headers: str) -> str:
        """Serve fixtures/<name> at path, with {{BASE}} replaced by this server's base URL."""
        body = (FIXTURES / name).read_bytes().replace(b"{{BASE}}", self.base.encode())
        return self.route(path, Reply(body=body, headers={"Content-Type": content_type, **headers}))

    def paths(self) -> list[str]:
        """Paths requested so far, in order."""
        return [s.path for s in self.seen]


@contextlib.contextmanager
def serving() -> Iterator[FeedServer]:
    """A FeedServer answering on a daemon thread until the block ends."""
    server = FeedServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class Handler(BaseHTTPRequestHandler):
    """Dispatches GETs to the server's routes; unknown paths are 404."""

    server: FeedServer

    def do_GET(self) -> None:
        seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
        with self.server.lock:
            self.server.seen.append(seen)
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            route = self.server.routes.get(self.path.split("?", 1)[0])
            self._send(route(seen) if route else Reply(404, b"not found"))
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    def _send(self, reply: Reply) -> None:
        time.sleep(reply.delay)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.content_length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""
