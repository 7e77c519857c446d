"""The ASGI app: the page, its static files and the read-only JSON API, every answer with strict headers."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.cli import filters
from services.web import params
from services.web.live import Hub
from services.web.store import Reader

STATIC = Path(str(resources.files("services.web").joinpath("static")))
KEEPALIVE_SECONDS = 15.0
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY", "cross-origin-opener-policy": "same-origin",
           "cross-origin-resource-policy": "same-origin", "permissions-policy": "geolocation=(), camera=()"}


class SecurityHeaders:
    """Adds HEADERS to every response (static files and errors too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      *[(k.encode(), v.encode()) for k, v in HEADERS.items()]]
            await send(message)

        await self.app(scope, receive, with_headers)


def dumps(content: Any) -> bytes:
    """JSON as ``newsflow events --json`` writes it (dates and times as ISO strings)."""
    return json.dumps(content, ensure_ascii=False, default=str).encode()


class Json(JSONResponse):
    """JSONResponse with ``dumps``."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


def bad_request(exc: params.BadRequestError) -> Json:
    """400 with the reason."""
    return Json({"error": str(exc)}, status_code=400)


def build_app(reader: Reader, poll_seconds: float = 1.0) -> Starlette:
    """The web view over ``reader``; GET and HEAD only."""
    hub = Hub(reader, poll_seconds)

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    async def events(request: Request) -> Response:
        try:
            query = params.event_query(request.query_params.multi_items())
        except params.BadRequestError as exc:
            return bad_request(exc)
        records, more = await reader.events(query)
        applied = {"since": query.since, "until": query.until, "country": query.country, "type": query.plover,
                   "q": query.text}
        return Json({"events": records, "limit": query.limit, "more": more, "filters": applied})

    async def event(request: Request) -> Response:
        try:
            event_id = params.event_id(request.path_params["event_id"])
        except params.BadRequestError as exc:
            return bad_request(exc)
        record = await reader.event(event_id)
        if record is None:
            return Json({"error": f"no stored event {event_id}"}, status_code=404)
        return Json(record)

    async def feeds(request: Request) -> Response:
        return Json({"feeds": await reader.feeds()})

    async def status(request: Request) -> Response:
        return Json({"status": "ok", **await reader.status(), "live_subscribers": len(hub.queues),
                     "event_types": sorted(filters.event_types())})

    async def stream(request: Request) -> Response:
        return StreamingResponse(_sse(hub), media_type="text/event-stream",
                                 headers={"cache-control": "no-cache", "x-accel-buffering": "no"})

    async def not_found(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 500
        return Json({"error": "not found" if code == 404 else "method not allowed" if code == 405 else "error"},
                    status_code=code)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await hub.close()

    routes = [Route("/", index), Route("/api/events", events), Route("/api/events/{event_id}", event),
              Route("/api/feeds", feeds), Route("/api/status", status), Route("/api/stream", stream),
              Mount("/static", StaticFiles(directory=STATIC), name="static")]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {404: not_found, 405: not_found}
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], exception_handlers=handlers,
                    lifespan=lifespan)
    app.state.hub = hub
    return app


async def _sse(hub: Hub) -> AsyncIterator[str]:
    """Server-sent events: ``ready`` once subscribed, then one ``version`` per new event version."""
    async with hub.subscribe() as queue:
        yield "retry: 3000\nevent: ready\ndata: {}\n\n"
        while queue in hub.queues:  # a subscriber dropped for falling behind ends; its browser reconnects
            try:
                record = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": keepalive\n\n"
                continue
            yield f"id: {record['event_id']}:{record['version']}\nevent: version\ndata: {dumps(record).decode()}\n\n"
