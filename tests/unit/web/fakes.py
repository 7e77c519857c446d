"""An in-memory Reader for the web view's unit tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from services.web.params import EventQuery
from services.web.store import Reader, Stamp

T0 = dt.datetime(2025, 2, 12, 9, 0, tzinfo=dt.UTC)


def record(event_id: str, version: int = 1, day: str = "2025-02-11", country: str = "FR",
           title: str = "Farmers protest") -> dict[str, Any]:
    """A list record shaped like ``newsflow events --json``'s."""
    return {"event_id": event_id, "version": version, "event_type": {"plover": "PROTEST", "mode": None, "cameo": "141"},
            "event_date": day, "location": {"name": "Rennes", "country": country, "lat": 48.1, "lon": -1.7},
            "actors": [], "quantities": [], "mentions": [{"article_id": "a", "url": "https://x.example/1",
                                                          "source": "x", "title": title, "sentence": title}],
            "copies": [], "num_mentions": 1, "num_sources": 1, "num_articles": 1}


class FakeReader(Reader):
    """Records in memory; ``rows`` are the (id, version, updated_at) the live poll sees."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = {r["event_id"]: r for r in records}
        self.rows = [(r["event_id"], (r["version"], len(r["copies"])), T0) for r in records]
        self.queries: list[EventQuery] = []

    async def events(self, query: EventQuery) -> tuple[list[dict[str, Any]], bool]:
        self.queries.append(query)
        found = list(self.records.values())
        return found[: query.limit], len(found) > query.limit

    async def event(self, event_id: str) -> dict[str, Any] | None:
        return self.records.get(event_id)

    async def events_by_id(self, event_ids: list[str]) -> list[dict[str, Any]]:
        return [self.records[i] for i in event_ids if i in self.records]

    async def versions_since(self, since: dt.datetime) -> list[tuple[str, Stamp, dt.datetime]]:
        return [row for row in self.rows if row[2] >= since]

    async def feeds(self) -> list[dict[str, Any]]:
        return [{"feed_url": "https://x.example/rss", "state": "active"}]

    async def status(self) -> dict[str, Any]:
        return {"events": len(self.records), "read_only": True}

    def store(self, rec: dict[str, Any], at: dt.datetime) -> None:
        """A new version as the sink would store it."""
        self.records[rec["event_id"]] = rec
        stamp = (rec["version"], len(rec["copies"]))
        self.rows = [r for r in self.rows if r[0] != rec["event_id"]] + [(rec["event_id"], stamp, at)]
