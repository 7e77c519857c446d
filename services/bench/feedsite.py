"""A loopback site of many small RSS feeds for the poller benchmark; a feed's item changes on chosen requests.

    python -m services.bench.feedsite --port 8765 --changed-every 10

Feed ``i`` answers its first request with one item; on later requests it has
a new item when ``i % changed_every == 0`` (a 200), otherwise it is unchanged
(a 304 to a conditional GET). Pages of items are small HTML articles.
"""

from __future__ import annotations

import argparse
import hashlib
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = ("<!DOCTYPE html><html><head><title>Item {i}-{v}</title></head><body><article><h1>Item {i}-{v}</h1>"
        "<p>Council members in district {i} met on Tuesday to discuss the budget for the coming year.</p>"
        "</article></body></html>")


class FeedSite(ThreadingHTTPServer):
    """Counts requests per feed to decide which version each feed serves."""

    daemon_threads = True
    changed_every = 10
    hits: Counter[int]
    lock: threading.Lock


def feed_xml(host: str, i: int, version: int) -> bytes:
    """An RSS channel with the feed's current item."""
    link = f"http://{host}/a/{i}/{version}.html"
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title><link>http://{host}/</link>'
            f"<description>feed {i}</description><item><title>Item {i}-{version}</title><link>{link}</link>"
            f"<guid>{link}</guid><description>District {i} budget meeting, part {version}.</description>"
            "</item></channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    """GET /feeds/<i>.xml (conditional) and /a/<i>/<v>.html."""

    server: FeedSite
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """Serve a feed or a page."""
        parts = self.path.strip("/").split("/")
        if parts[0] == "a" and len(parts) == 3:
            self._send(200, PAGE.format(i=parts[1], v=parts[2].removesuffix(".html")).encode(), "text/html")
            return
        if parts[0] != "feeds" or len(parts) != 2:
            self._send(404, b"not found", "text/plain")
            return
        i = int(parts[1].removesuffix(".xml"))
        with self.server.lock:
            self.server.hits[i] += 1
            version = self.server.hits[i] if i % self.server.changed_every == 0 else 1
        body = feed_xml(self.headers.get("Host", "127.0.0.1"), i, version)
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", "application/rss+xml", etag)
        else:
            self._send(200, body, "application/rss+xml", etag)

    def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def main(argv: list[str] | None = None) -> None:
    """Serve until killed; prints the port when listening."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--changed-every", type=int, default=10)
    args = parser.parse_args(argv)
    site = FeedSite(("127.0.0.1", args.port), Handler)
    site.changed_every, site.hits, site.lock = args.changed_every, Counter(), threading.Lock()
    print(site.server_address[1], flush=True)
    site.serve_forever()


if __name__ == "__main__":
    main()
