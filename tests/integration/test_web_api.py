"""The web view's JSON API on a real Postgres, served by `newsflow web` as a user starts it: the same records as
`newsflow events --json`, filters, limits, 400s, every mention of one event, feeds, status and the live stream."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import drop, fresh_database
from tests.integration.pipeline import cli
from tests.integration.webview import HOSTILE_TITLE, report, store_copy, store_now, web_server
from tests.unit.factories import BREST, REGENSBURG, RENNES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stored() -> Iterator[tuple[str, dict[str, str]]]:
    """Three events in a fresh database: (its URL, event id by name)."""
    url = fresh_database("newsflow_web_test")
    ids = {
        "rennes": store_now(url, [
            report("ledger", "Farmers protest in Rennes", "Farmers protested in Rennes.", location=RENNES,
                   day=dt.date(2025, 2, 11)),
            report("courier", HOSTILE_TITLE, "Hundreds of farmers marched in Rennes.", location=RENNES,
                   day=dt.date(2025, 2, 11)),
        ]),
        "regensburg": store_now(url, [
            report("ledger", "Police clash in Regensburg", "Police clashed with fans in Regensburg.",
                   location=REGENSBURG, day=dt.date(2025, 2, 20), plover="ASSAULT", actor="Bavarian police",
                   forms=("the police",)),
        ]),
        "brest": store_now(url, [
            report("herald", "Dockers protest in Brest", "Dockers protested in Brest.", location=BREST,
                   day=dt.date(2025, 3, 2), actor="Dock workers", forms=("dockers",)),
        ]),
    }
    yield url, ids
    drop(url)


@pytest.fixture(scope="module")
def web(stored: tuple[str, dict[str, str]]) -> Iterator[httpx.Client]:
    with web_server(stored[0]) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def ids_of(answer: httpx.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [e["event_id"] for e in answer.json()["events"]]


def test_the_records_are_those_of_events_json(stored: tuple[str, dict[str, str]], web: httpx.Client) -> None:
    url, _ = stored
    from_cli = [json.loads(line) for line in cli(["events", "--json"], url).stdout.splitlines()]
    assert len(from_cli) == 3
    assert web.get("/api/events").json()["events"] == from_cli
    only_fr = [json.loads(line) for line in cli(["events", "--json", "--country", "FR"], url).stdout.splitlines()]
    assert web.get("/api/events", params={"country": "FR"}).json()["events"] == only_fr


@pytest.mark.parametrize(("params", "names"), [
    pytest.param({}, ["brest", "regensburg", "rennes"], id="all-newest-first"),
    pytest.param({"since": "2025-02-20"}, ["brest", "regensburg"], id="since-inclusive"),
    pytest.param({"until": "2025-02-20"}, ["regensburg", "rennes"], id="until-inclusive"),
    pytest.param({"since": "2025-02-12", "until": "2025-02-28"}, ["regensburg"], id="range"),
    pytest.param({"country": "germany"}, ["regensburg"], id="country-by-name"),
    pytest.param({"type": "protest"}, ["brest", "rennes"], id="type"),
    pytest.param({"q": "BAVARIAN"}, ["regensburg"], id="text-actor-name-any-case"),
    pytest.param({"q": "dockers"}, ["brest"], id="text-surface-form"),
    pytest.param({"q": "Brittany"}, ["brest", "rennes"], id="text-admin1"),
    pytest.param({"q": "Rennes", "type": "PROTEST"}, ["rennes"], id="text-and-type"),
    pytest.param({"q": "100%_"}, [], id="text-wildcards-are-literal"),
    pytest.param({"type": "PROTEST", "country": "DE"}, [], id="nothing-matches"),
])
def test_filters(stored: tuple[str, dict[str, str]], web: httpx.Client, params: dict[str, str],
                 names: list[str]) -> None:
    _, ids = stored
    assert ids_of(web.get("/api/events", params=params)) == [ids[n] for n in names]


def test_limit_and_more(stored: tuple[str, dict[str, str]], web: httpx.Client) -> None:
    _, ids = stored
    body = web.get("/api/events", params={"limit": "2"}).json()
    assert [e["event_id"] for e in body["events"]] == [ids["brest"], ids["regensburg"]]
    assert body["more"] is True and body["limit"] == 2
    assert web.get("/api/events", params={"limit": "3"}).json()["more"] is False


@pytest.mark.parametrize(("path", "message"), [
    ("/api/events?since=2025-13-01", "since: '2025-13-01' is not a date"),
    ("/api/events?since=2025-03-01&until=2025-02-01", "is after until"),
    ("/api/events?country=Narnia", "unknown country 'Narnia'"),
    ("/api/events?type=PICNIC", "unknown event type 'PICNIC'"),
    ("/api/events?limit=0", "limit: 0 is out of range"),
    ("/api/events?limit=1000000", "is over 5000"),
    ("/api/events?q=%00", "control characters"),
    ("/api/events?id=1", "unknown parameter 'id'"),
    ("/api/events/12345678", "not a whole event id"),
    ("/api/events/x';DROP TABLE events;--", "is not an event id"),
])
def test_bad_input_answers_400_with_a_message(web: httpx.Client, path: str, message: str) -> None:
    answer = web.get(path)
    assert answer.status_code == 400, answer.text
    assert message in answer.json()["error"]


def test_one_event_lists_every_mention_with_its_title(stored: tuple[str, dict[str, str]], web: httpx.Client) -> None:
    _, ids = stored
    detail = web.get(f"/api/events/{ids['rennes']}").json()
    assert detail["event_id"] == ids["rennes"] and detail["num_mentions"] == 2
    assert {m["source"] for m in detail["mentions"]} == {"ledger", "courier"}
    assert {m["title"] for m in detail["mentions"]} == {"Farmers protest in Rennes", HOSTILE_TITLE}
    assert all(m["sentence"] and m["url"].startswith("https://") for m in detail["mentions"])
    assert detail["copies"] == []
    assert web.get("/api/events/00000000-0000-4000-8000-000000000000").status_code == 404


def test_feeds_and_status(web: httpx.Client) -> None:
    assert web.get("/api/feeds").json() == {"feeds": []}
    status = web.get("/api/status").json()
    assert status["events"] == 3 and status["read_only"] is True and status["schema_version"] >= 7
    assert status["database_role"] == "newsflow_service"  # the test login (a superuser) may take the role


def test_every_answer_is_read_only_and_strict(web: httpx.Client) -> None:
    assert web.post("/api/events", json={}).status_code == 405
    assert web.delete("/api/events").status_code == 405
    page = web.get("/")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["content-type"].startswith("text/html")


def next_record(lines: Iterator[str]) -> dict[str, Any]:
    """The next record /api/stream sends (keepalives every 15 s bound the wait)."""
    deadline = time.monotonic() + 30
    for line in lines:
        if line.startswith("data: {") and '"event_id"' in line:
            return dict(json.loads(line.removeprefix("data: ")))
        assert time.monotonic() < deadline, "nothing came through /api/stream in 30 s"
    raise AssertionError("the stream ended")


def test_the_stream_sends_each_new_version_and_copy(stored: tuple[str, dict[str, str]], web: httpx.Client) -> None:
    url, ids = stored
    fishers = report("ledger", "Fishers block Brest harbour", "Fishers blocked the harbour in Brest.",
                     location=BREST, day=dt.date(2025, 3, 3))
    with web.stream("GET", "/api/stream") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert next(lines) == "retry: 3000" and next(lines) == "event: ready"
        new = store_now(url, [fishers])
        first = next_record(lines)
        assert first["event_id"] == new and first["copies"] == []
        assert first == web.get("/api/events", params={"since": "2025-03-03"}).json()["events"][0]
        copy_id = asyncio.run(store_copy(url, fishers[0], "gazette", "Brest: fishers block the harbour"))
        again = next_record(lines)
    assert again["event_id"] == new and again["version"] == first["version"]
    assert [c["article_id"] for c in again["copies"]] == [copy_id]
    detail = web.get(f"/api/events/{new}").json()
    assert [(c["source"], c["title"]) for c in detail["copies"]] == [("gazette", "Brest: fishers block the harbour")]
    assert ids["brest"] != new
