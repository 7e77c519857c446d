"""Serve a corpus folder (manifest.json + article texts) as RSS feeds and HTML pages on loopback.

The site is rendered once, when the server starts: edits to the corpus need a restart.

    python -m services.devtools.feedserver demo/corpus --port 0
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from xml.sax.saxutils import escape, quoteattr

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)  # Last-Modified of resources without a date of their own
SUMMARY_MIN_CHARS = 80
SUMMARY_MAX_CHARS = 300
RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"

LogEntry = dict[str, str | int | None]


@dataclass(frozen=True)
class Resource:
    """One servable body with the validators a conditional GET compares against."""

    content_type: str
    body: bytes
    last_modified: datetime = EPOCH
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        """Derive a strong ETag from the body."""
        object.__setattr__(self, "etag", '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"')

    def not_modified(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """True when the client's copy is current (If-None-Match wins over If-Modified-Since, RFC 9110)."""
        if if_none_match is not None:
            tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            return "*" in tags or self.etag in tags
        if if_modified_since is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and self.last_modified.replace(microsecond=0) <= since


def article_page(lines: list[str], headline: int) -> bytes:
    """HTML page: the headline as <h1>, every other line as <p>, inside <article>."""
    body = [f"<h1>{html.escape(ln)}</h1>" if i == headline else f"<p>{html.escape(ln)}</p>"
            for i, ln in enumerate(lines)]
    page = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(lines[headline])}</title>'
            "</head>\n<body>\n<article>\n" + "\n".join(body) + "\n</article>\n</body></html>\n")
    return page.encode()


def summary(lines: list[str], headline: int) -> str:
    """The first long line after the headline that is no photo credit, cut at a word boundary; else the headline."""
    lead = next((ln for ln in lines[headline + 1:] if len(ln) >= SUMMARY_MIN_CHARS and not ln.endswith("]")),
                lines[headline])
    return lead if len(lead) <= SUMMARY_MAX_CHARS else lead[:SUMMARY_MAX_CHARS].rsplit(" ", 1)[0] + "…"


def rss_feed(title: str, base_url: str, items: list[dict[str, str]]) -> bytes:
    """RSS 2.0 channel with one <item> per article; pubDate only where the manifest gives one."""
    parts = [f"<item><title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>"
             f'<guid isPermaLink="true">{escape(it["link"])}</guid>'
             + (f"<pubDate>{escape(it['pubDate'])}</pubDate>" if it.get("pubDate") else "")
             + f"<description>{escape(it['description'])}</description></item>" for it in items]
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>{escape(base_url)}/</link><description>{escape(title)}</description>\n"
            + "\n".join(parts) + "\n</channel></rss>\n").encode()


def opml(feeds: dict[str, str], base_url: str) -> bytes:
    """OPML 2.0 outline listing every feed as type="rss" with its xmlUrl."""
    outlines = "".join(f'<outline type="rss" text={quoteattr(title)} title={quoteattr(title)} '
                       f'xmlUrl={quoteattr(f"{base_url}/feeds/{source}.xml")}/>' for source, title in feeds.items())
    return ('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>newsflow corpus</title></head>'
            f"<body>{outlines}</body></opml>\n").encode()


def build_site(corpus_dir: Path, base_url: str) -> dict[str, Resource]:
    """Render every resource of the corpus, keyed by URL path."""
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    site: dict[str, Resource] = {}
    titles: dict[str, str] = {}
    items: dict[str, list[dict[str, str]]] = {}
    newest: dict[str, datetime] = {}
    for art in manifest["articles"]:
        source, pub = art["source"], art.get("pubDate")
        lines = [ln.strip() for ln in (corpus_dir / art["file"]).read_text(encoding="utf-8").splitlines() if ln.strip()]
        headline = int(art.get("headline_line", 1)) - 1
        if not 0 <= headline < len(lines):
            raise ValueError(f"{art['file']}: headline_line {headline + 1} outside 1..{len(lines)}")
        modified = parsedate_to_datetime(pub) if pub else EPOCH
        path = f"/articles/{source}/{Path(art['file']).stem}.html"
        site[path] = Resource(HTML, article_page(lines, headline), modified)
        titles.setdefault(source, art.get("source_title", source))
        items.setdefault(source, []).append({"title": lines[headline], "link": base_url + path, "pubDate": pub or "",
                                             "description": summary(lines, headline)})
        newest[source] = max(newest.get(source, EPOCH), modified)
    for source, title in titles.items():
        site[f"/feeds/{source}.xml"] = Resource(RSS, rss_feed(title, base_url, items[source]), newest[source])
    urls = "".join(f"{base_url}/feeds/{source}.xml\n" for source in titles)
    site["/feeds.txt"] = Resource("text/plain; charset=utf-8", urls.encode())
    site["/feeds.opml"] = Resource("text/x-opml; charset=utf-8", opml(titles, base_url))
    return site


class CorpusHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer holding the rendered site and the request log its handlers share."""

    site: dict[str, Resource]
    log: list[LogEntry]
    lock: threading.Lock


class CorpusHandler(BaseHTTPRequestHandler):
    """Answer GET and HEAD from the rendered site, logging each request."""

    def do_GET(self) -> None:
        """Serve a resource, a 304 or a 404; /_requests returns the log."""
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        """Like GET without the body."""
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        """Look the path up and apply conditional headers; log the request before answering it."""
        server = cast(CorpusHTTPServer, self.server)
        if self.path == "/_requests":
            with server.lock:
                log = json.dumps(server.log).encode()
            self._send(200, Resource("application/json", log), send_body)
            return
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        resource = server.site.get(self.path.split("?", 1)[0])
        if resource is None:
            status, resource = 404, Resource("text/plain; charset=utf-8", b"not found\n")
        else:
            status = 304 if resource.not_modified(inm, ims) else 200
        entry: LogEntry = {"method": self.command, "path": self.path, "status": status, "if_none_match": inm,
                           "if_modified_since": ims, "user_agent": self.headers.get("User-Agent")}
        with server.lock:  # logged first, so a client that has its answer also finds it in the log
            server.log.append(entry)
        self._send(status, resource, send_body)

    def _send(self, status: int, resource: Resource, send_body: bool) -> None:
        """Write status line, headers (validators on 200 and 304) and optionally the body."""
        self.send_response(status)
        if status in (200, 304):
            self.send_header("ETag", resource.etag)
            self.send_header("Last-Modified", format_datetime(resource.last_modified.astimezone(UTC), usegmt=True))
        if status != 304:
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(resource.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep stderr quiet; /_requests is the log."""


class FeedServer:
    """A running corpus server on a daemon thread; a context manager that stops it on exit."""

    def __init__(self, httpd: CorpusHTTPServer, base_url: str) -> None:
        """Start serving httpd on a daemon thread."""
        self._httpd = httpd
        self.base_url = base_url
        self.feeds_txt_url = f"{base_url}/feeds.txt"
        self.opml_url = f"{base_url}/feeds.opml"
        self._thread = threading.Thread(target=httpd.serve_forever, name=f"feedserver {base_url}", daemon=True)
        self._thread.start()

    def feed_url(self, source: str) -> str:
        """URL of one source's RSS feed."""
        return f"{self.base_url}/feeds/{source}.xml"

    def requests(self) -> list[LogEntry]:
        """A copy of the log of requests served so far (not counting /_requests)."""
        with self._httpd.lock:
            return [dict(e) for e in self._httpd.log]

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        """Return the running server."""
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Stop the server."""
        self.stop()


def serve_corpus(corpus_dir: Path, host: str = "127.0.0.1", port: int = 0) -> FeedServer:
    """Bind host:port (0 = a free port), render the corpus with the bound URL and serve it in the background."""
    httpd = CorpusHTTPServer((host, port), CorpusHandler)
    base_url = f"http://{host}:{httpd.server_address[1]}"
    try:
        httpd.site = build_site(Path(corpus_dir), base_url)
    except Exception:
        httpd.server_close()
        raise
    httpd.log, httpd.lock = [], threading.Lock()
    return FeedServer(httpd, base_url)


def main(argv: list[str] | None = None) -> None:
    """CLI: serve a corpus folder until interrupted, printing the base URL on stdout first."""
    parser = argparse.ArgumentParser(description="Serve a corpus folder as RSS feeds and HTML pages on loopback.")
    parser.add_argument("corpus_dir", type=Path, help="folder holding manifest.json and the article files")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    args = parser.parse_args(argv)
    server = serve_corpus(args.corpus_dir, args.host, args.port)
    print(server.base_url, flush=True)
    print(f"feeds: {server.feeds_txt_url}  opml: {server.opml_url}  (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
