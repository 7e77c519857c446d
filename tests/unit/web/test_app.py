"""The app over an in-memory reader: routes, 400s with messages, no writes, strict headers on every answer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.web.app import CSP, build_app
from tests.unit.web.fakes import FakeReader, record

EVENT = "0b3f6c57-1111-2222-3333-444455556666"


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(FakeReader([record(EVENT), record("1" * 8 + EVENT[8:])]))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/lib/leaflet.js", "/api/events", "/api/feeds",
                                  "/api/status", f"/api/events/{EVENT}", "/api/events?limit=0", "/nowhere"])
async def test_every_answer_has_the_strict_headers(client: httpx.AsyncClient, path: str) -> None:
    answer = await client.get(path)
    assert answer.headers["content-security-policy"] == CSP
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "server" not in answer.headers


def test_the_policy_allows_no_inline_or_foreign_code() -> None:
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "http" not in CSP
    assert "default-src 'none'" in CSP and "script-src 'self'" in CSP


async def test_the_page_loads_only_its_own_assets(client: httpx.AsyncClient) -> None:
    page = (await client.get("/")).text
    assert "<script>" not in page and "style=" not in page and "//" not in page.replace("://", "")
    for asset in ("/static/lib/leaflet.js", "/static/lib/leaflet.markercluster.js", "/static/app.js",
                  "/static/app.css", "/static/lib/countries-110m.json"):
        assert (await client.get(asset)).status_code == 200, asset


async def test_events_lists_records_with_the_applied_filters(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/events", params={"country": "France", "type": "protest", "limit": "1"})).json()
    assert body["limit"] == 1 and body["more"] is True and len(body["events"]) == 1
    assert body["filters"] == {"since": None, "until": None, "country": "FR", "type": "PROTEST", "q": None}


@pytest.mark.parametrize(("path", "message"), [
    ("/api/events?since=31/01/2025", "since: '31/01/2025' is not a date"),
    ("/api/events?limit=-1", "limit: -1 is out of range"),
    ("/api/events?type=nonsense", "unknown event type"),
    ("/api/events?order=desc", "unknown parameter 'order'"),
    ("/api/events/0b3f6c57", "not a whole event id"),
    ("/api/events/%3Cscript%3E", "is not an event id"),
])
async def test_bad_input_is_a_400_with_a_message(client: httpx.AsyncClient, path: str, message: str) -> None:
    answer = await client.get(path)
    assert answer.status_code == 400
    assert message in answer.json()["error"]


async def test_an_unknown_event_is_a_404(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/events/ffffffff-1111-2222-3333-444455556666")
    assert answer.status_code == 404 and "no stored event" in answer.json()["error"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/", "/api/events", f"/api/events/{EVENT}", "/api/feeds", "/api/stream"])
async def test_there_is_no_write_operation(client: httpx.AsyncClient, method: str, path: str) -> None:
    assert (await client.request(method, path)).status_code == 405


async def test_status_lists_the_event_types_for_the_filter(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/status")).json()
    assert body["status"] == "ok" and body["read_only"] is True
    assert "PROTEST" in body["event_types"] and body["event_types"] == sorted(body["event_types"])
