"""The clustering table's value for one blocking key: open events, compactly encoded.

Per open event the table keeps its id, version and last update, the aggregates matching needs (type, place,
date, actors, a 256-bit Bloom filter of its evidence words), its summed evidence (``profile.py``) and,
per mention it was built from, a summary
with what ``merge.build_event`` needs to recompute the aggregates and list the mention: ids, URL, source,
publication time, event date, confidence, and references to its type, actors, place and counts. Evidence
sentences are not kept: an event version carries its new mention's sentence and the sink stores it.

A large event's older mentions are frozen in chunks of ``CHUNK`` under keys of their own (``chunks.py``), so an
update rewrites the event's value with at most ``CHUNK`` mentions, not every mention it keeps.

Encoding: one JSON array per key, zlib-compressed. Every repeated string (source names, the JSON of an
actor, place, type or count) is written once per key in a string pool and referred to by its index; UUIDs are
written as 22 base64 characters. ``load`` also reads the former layout (pydantic JSON of whole events and
mentions), so a table written by an older worker is converted on its next update.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from schemas.records import Actor, Event, EventMention, EventType, Location
from services.clusterer.kept import Kept, decode, from_ts, pack_id, to_json, unpack_id
from services.clusterer.profile import Profile
from services.clusterer.view import EventView

LAYOUT = 2
LEVEL = 1  # zlib level: twice as fast as the default for about a tenth more bytes (values are rewritten per report)
_Row = list[Any]


@dataclass(frozen=True)
class Chunks:
    """The chunk keys holding an open event's oldest mentions: their numbers and sizes (bytes of key and value),
    oldest first, and how many of the event's first mentions they hold."""

    numbers: tuple[int, ...] = ()
    sizes: tuple[int, ...] = ()
    frozen: int = 0


@dataclass
class OpenEvent:
    """An event still accepting mentions: identity, what matching needs, and its mentions' summaries."""

    event_id: str
    version: int
    updated_at: dt.datetime
    view: EventView
    mentions: list[Kept]
    view_json: tuple[str, str | None, tuple[str, ...]] = ("", None, ())
    profile: Profile | None = None
    chunks: Chunks = Chunks()  # the chunk keys holding its oldest mentions (``chunks.py``)

    @classmethod
    def built(cls, event: Event, mentions: list[Kept], profile: Profile | None = None) -> OpenEvent:
        """The open event for a freshly built version."""
        view = EventView.of(event)
        return cls(event.event_id, event.version, event.updated_at, view, mentions,
                   (to_json(event.event_type), to_json(event.location) if event.location else None,
                    tuple(to_json(a) for a in event.actors)), profile)

    @cached_property
    def articles(self) -> set[str]:
        """The packed ids of the articles whose reports the event holds (an open event's mentions are not changed
        after it is built: a new version is a new ``OpenEvent``)."""
        return {k.packed_article for k in self.mentions}


@dataclass
class BlockState:
    """Every open event of one blocking key."""

    events: list[OpenEvent] = field(default_factory=list)
    decoded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def dump(self) -> bytes:
        """The table value: the compact layout, zlib-compressed."""
        return zlib.compress(self.model_dump_json().encode(), LEVEL)

    @classmethod
    def load(cls, data: bytes | str) -> BlockState:
        """Read a table value written by ``dump`` (or by an older worker, as JSON)."""
        if isinstance(data, bytes) and data[:1] == b"\x78":
            data = zlib.decompress(data)
        return cls.model_validate_json(data)

    def model_dump_json(self) -> str:
        """The compact layout as JSON text, uncompressed."""
        pool: dict[str, int] = {}

        def ref(text: str | None) -> int | None:
            return None if text is None else pool.setdefault(text, len(pool))

        events = []
        for o in self.events:
            kind, place, actors = o.view_json
            view = [ref(kind), ref(place), o.view.event_date.toordinal() if o.view.event_date else None,
                    ref(o.view.date_precision), ref(o.view.date_source), [ref(a) for a in actors]]
            kept = _kept_rows(o.mentions[o.chunks.frozen:], ref)
            chunks: Any = list(o.chunks.numbers) or ""  # "": no chunks (a former unused slot)
            row = [pack_id(o.event_id), o.version, int(o.updated_at.timestamp()), chunks, view, kept]
            events.append(row if o.profile is None else [*row, o.profile.row()])
        return json.dumps([LAYOUT, list(pool), events], separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def model_validate_json(cls, data: bytes | str) -> BlockState:
        """Parse ``model_dump_json`` output (or the former pydantic layout)."""
        doc = json.loads(data)
        if isinstance(doc, dict):
            return _from_former(doc)
        _, pool, rows = doc
        state = cls()
        for event_id, version, updated, chunks, view, kept, *profile in rows:
            event = _open_event(state.decoded, pool, event_id, version, updated, view, kept)
            event.profile = Profile.from_row(profile[0]) if profile else None
            event.chunks = Chunks(tuple(chunks or ()))  # their mentions are put in front by ``chunks.attach``
            state.events.append(event)
        return state


def dump_chunk(mentions: list[Kept]) -> bytes:
    """A chunk key's value: the mentions' summaries with their own string pool, zlib-compressed."""
    pool: dict[str, int] = {}

    def ref(text: str | None) -> int | None:
        return None if text is None else pool.setdefault(text, len(pool))

    rows = _kept_rows(mentions, ref)
    text = json.dumps([LAYOUT, list(pool), rows], separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode(), LEVEL)


def load_chunk(data: bytes) -> list[Kept]:
    """Read ``dump_chunk`` output."""
    _, pool, rows = json.loads(zlib.decompress(data))
    return _kept_from_rows(pool, rows)


def _kept_rows(mentions: list[Kept], ref: Any) -> list[_Row]:
    return [[k.packed_id, k.packed_article, k.url, ref(k.source), k.published, k.day, ref(k.date_precision),
             ref(k.date_source), k.confidence, ref(k.event_type), [ref(a) for a in k.actors],
             ref(k.location), [ref(q) for q in k.quantities]] for k in mentions]


def _kept_from_rows(pool: list[str], rows: list[_Row]) -> list[Kept]:
    def at(i: int | None) -> str | None:
        return None if i is None else pool[i]

    return [Kept(mid, aid, url, pool[src], pub, d, at(prec), at(dsrc), conf, pool[typ], tuple(pool[i] for i in acts),
                 at(loc), tuple(pool[i] for i in qty))
            for mid, aid, url, src, pub, d, prec, dsrc, conf, typ, acts, loc, qty in rows]


def _open_event(cache: dict[str, Any], pool: list[str], event_id: str, version: int, updated: float,
                view: _Row, kept: list[_Row]) -> OpenEvent:
    def at(i: int | None) -> str | None:
        return None if i is None else pool[i]

    kind, place, day, precision, source, actors = view
    place_json, actor_json = at(place), tuple(pool[i] for i in actors)
    event_view = EventView(
        event_type=decode(cache, pool[kind], EventType),
        actors=[decode(cache, a, Actor) for a in actor_json],
        location=decode(cache, place_json, Location) if place_json else None,
        event_date=dt.date.fromordinal(day) if day else None, date_precision=at(precision), date_source=at(source))
    mentions = _kept_from_rows(pool, kept)
    updated_at = from_ts(updated) or dt.datetime.now(dt.UTC)
    return OpenEvent(unpack_id(event_id), version, updated_at, event_view, mentions,
                     (pool[kind], place_json, actor_json))


def _from_former(doc: dict[str, Any]) -> BlockState:
    """Convert the former layout ({"events": [{"event": Event, "mentions": [EventMention]}]})."""
    state = BlockState()
    for item in doc.get("events", []):
        event = Event.model_validate(item["event"])
        mentions = [EventMention.model_validate(m) for m in item["mentions"]]
        state.events.append(OpenEvent.built(event, [Kept.of(m) for m in mentions]))
    return state
