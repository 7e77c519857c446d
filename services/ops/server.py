"""The ops endpoints of a long-running process: /metrics (Prometheus), /livez and /readyz (JSON), over aiohttp.

Bound to ``NEWSFLOW_OPS_HOST`` (loopback by default) on ``NEWSFLOW_OPS_PORT``; port 0 serves nothing. A port
already taken is logged once and the process goes on without its endpoints (it still does its work).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
from prometheus_client.aiohttp import make_aiohttp_handler
from prometheus_client.registry import REGISTRY

from services.ops.collectors import Merged
from services.ops.health import Probe, evaluate, report

log = logging.getLogger("newsflow.ops")
CHILD_TIMEOUT_SECONDS = 2.0


@dataclass
class Endpoints:
    """What the endpoints answer from: readiness probes, live facts (restarts), and a child's /metrics to merge."""

    probes: Mapping[str, Probe]
    facts: Callable[[], dict[str, object]] = dict
    child_url: str | None = None  # http://host:port of a child process serving its own endpoints
    started: float = field(default_factory=time.time)


async def fetch_text(url: str) -> tuple[int, str]:
    """GET ``url``: status and body (raises on connection errors)."""
    timeout = aiohttp.ClientTimeout(total=CHILD_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as response:
        return response.status, await response.text()


def build_app(endpoints: Endpoints) -> web.Application:
    """The aiohttp application with the three routes."""
    merged = Merged(REGISTRY)
    prometheus = make_aiohttp_handler(merged)

    async def metrics(request: web.Request) -> web.StreamResponse:
        merged.child_text = ""
        if endpoints.child_url:
            with contextlib.suppress(OSError, TimeoutError, aiohttp.ClientError):
                status, text = await fetch_text(endpoints.child_url + "/metrics")
                merged.child_text = text if status == 200 else ""
        return await prometheus(request)

    async def livez(request: web.Request) -> web.StreamResponse:
        body = {"live": True, "uptime_seconds": round(time.time() - endpoints.started, 1), **endpoints.facts()}
        return web.json_response(body)

    async def readyz(request: web.Request) -> web.StreamResponse:
        body = report(await evaluate(endpoints.probes)) | endpoints.facts()
        return web.json_response(body, status=200 if body["ready"] else 503)

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/livez", livez)
    app.router.add_get("/readyz", readyz)
    return app


@contextlib.asynccontextmanager
async def serving(host: str, port: int, endpoints: Endpoints) -> AsyncIterator[str | None]:
    """Serve the endpoints for the duration; yields their base URL, or None when none are served."""
    if port == 0:
        yield None
        return
    runner = web.AppRunner(build_app(endpoints), access_log=None)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as exc:
            log.warning("ops endpoints not served: cannot listen on %s:%d (%s); set NEWSFLOW_OPS_PORT", host, port,
                        exc.strerror or exc)
            yield None
            return
        log.debug("ops endpoints on http://%s:%d (/metrics, /livez, /readyz)", host, port)
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


async def child_ready(url: str) -> tuple[bool, str]:
    """A child process's own readiness, from its /readyz."""
    try:
        status, text = await fetch_text(url + "/readyz")
    except (OSError, TimeoutError, aiohttp.ClientError) as exc:
        return False, f"not answering (starting, or down: {type(exc).__name__})"
    body = json.loads(text)
    failing = [f"{name}: {c['detail']}" for name, c in body.get("checks", {}).items() if not c["ok"]]
    details = [c["detail"] for c in body.get("checks", {}).values()]
    return status == 200, "; ".join(failing or details)
