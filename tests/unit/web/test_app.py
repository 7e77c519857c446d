"""The app over an in-memory reader: routes, 400s with messages, no writes, strict headers on every answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from services.web.app import CSP, build_app
from tests.unit.web.fakes import FakeReader, record

EVENT = "0b3f6c57-1111-2222-3333-444455556666"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(build_app(FakeReader([record(EVENT), record("1" * 8 + EVENT[8:])]))) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/lib/leaflet.js", "/api/events", "/api/feeds",
                                  "/api/status", f"/api/events/{EVENT}", "/api/events?limit=0", "/nowhere"])
def test_every_answer_has_the_strict_headers(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.headers["content-security-policy"] == CSP
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "server" not in answer.headers


def test_the_policy_allows_no_inline_or_foreign_code() -> None:
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "http" not in CSP
    assert "default-src 'none'" in CSP and "script-src 'self'" in CSP


def test_the_page_loads_only_its_own_assets(client: TestClient) -> None:
    page = client.get("/").text
    assert "<script>" not in page and "style=" not in page and "//" not in page.replace("://", "")
    for asset in ("/static/lib/leaflet.js", "/static/lib/leaflet.markercluster.js", "/static/app.js",
                  "/static/app.css", "/static/lib/countries-110m.json"):
        assert client.get(asset).status_code == 200, asset


def test_events_lists_records_with_the_applied_filters(client: TestClient) -> None:
    body = client.get("/api/events", params={"country": "France", "type": "protest", "limit": "1"}).json()
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
def test_bad_input_is_a_400_with_a_message(client: TestClient, path: str, message: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 400
    assert message in answer.json()["error"]


def test_an_unknown_event_is_a_404(client: TestClient) -> None:
    answer = client.get("/api/events/ffffffff-1111-2222-3333-444455556666")
    assert answer.status_code == 404 and "no stored event" in answer.json()["error"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/", "/api/events", f"/api/events/{EVENT}", "/api/feeds", "/api/stream"])
def test_there_is_no_write_operation(client: TestClient, method: str, path: str) -> None:
    assert client.request(method, path).status_code == 405


def test_status_lists_the_event_types_for_the_filter(client: TestClient) -> None:
    body = client.get("/api/status").json()
    assert body["status"] == "ok" and body["read_only"] is True
    assert "PROTEST" in body["event_types"] and body["event_types"] == sorted(body["event_types"])
