"""What an open event keeps of one mention in the clustering table: a summary without evidence text.

Ids are packed ('~' + 22 base64 characters for a UUID), times kept as numbers, sub-records (type, actors,
place, counts) as compact JSON that ``state.py`` pools once per key and that is decoded only when the event
is rebuilt.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from schemas.records import Actor, EventMention, EventType, Location, Quantity

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def to_json(model: BaseModel) -> str:
    """The compact JSON of a sub-record (defaults left out), the form it is pooled in."""
    return json.dumps(model.model_dump(mode="json", exclude_defaults=True), separators=(",", ":"), ensure_ascii=False)


def pack_id(value: str) -> str:
    """A lower-case UUID as '~' + 22 base64 characters; any other id as it is."""
    if _UUID.match(value):
        return "~" + base64.urlsafe_b64encode(bytes.fromhex(value.replace("-", ""))).decode().rstrip("=")
    return value


def unpack_id(value: str) -> str:
    if len(value) == 23 and value.startswith("~"):
        h = base64.urlsafe_b64decode(value[1:] + "==").hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return value


def to_ts(value: dt.datetime | None) -> int | str | None:
    """Epoch seconds; ISO 8601 when there are microseconds (a float would round them)."""
    if value is None:
        return None
    return int(value.timestamp()) if value.microsecond == 0 else value.isoformat()


def from_ts(value: float | str | None) -> dt.datetime | None:
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return None if value is None else dt.datetime.fromtimestamp(value, dt.UTC)


@dataclass
class Kept:
    """What an open event keeps of one mention: no evidence sentence; ids packed, times as numbers, sub-records
    as pooled JSON (decoded only when the event is rebuilt)."""

    packed_id: str
    packed_article: str
    url: str
    source: str
    published: int | str | None
    day: int | None
    date_precision: str | None
    date_source: str | None
    confidence: int  # thousandths
    event_type: str
    actors: tuple[str, ...]
    location: str | None
    quantities: tuple[str, ...]

    @classmethod
    def of(cls, m: EventMention) -> Kept:
        """The summary of a mention."""
        return cls(pack_id(m.mention_id), pack_id(m.article_id), m.url, m.source, to_ts(m.published_at),
                   m.event_date.toordinal() if m.event_date else None, m.date_precision, m.date_source,
                   round(m.confidence * 1000), to_json(m.event_type), tuple(to_json(a) for a in m.actors),
                   to_json(m.location) if m.location else None, tuple(to_json(q) for q in m.quantities))

    @property
    def mention_id(self) -> str:
        """The mention's id."""
        return unpack_id(self.packed_id)

    def mention(self, blocking_key: str, decoded: dict[str, Any]) -> EventMention:
        """The mention as far as the summary tells it (empty sentence), for rebuilding the event."""
        fields: dict[str, Any] = dict(
            mention_id=self.mention_id, article_id=unpack_id(self.packed_article), url=self.url,
            source=self.source, title=None, published_at=from_ts(self.published),
            event_type=decode(decoded, self.event_type, EventType),
            actors=[decode(decoded, a, Actor) for a in self.actors],
            location=decode(decoded, self.location, Location) if self.location else None,
            event_date=dt.date.fromordinal(self.day) if self.day else None, date_precision=self.date_precision,
            date_source=self.date_source, quantities=[decode(decoded, q, Quantity) for q in self.quantities],
            sentence="", confidence=self.confidence / 1000, blocking_key=blocking_key, extracted_at=None,
            schema_version=1)
        return EventMention.model_construct(**fields)


def decode(cache: dict[str, Any], text: str, model: type[BaseModel]) -> Any:
    """A pooled sub-record, decoded once per load (decoded objects are shared, never mutated)."""
    if text not in cache:
        cache[text] = model.model_validate_json(text)
    return cache[text]
