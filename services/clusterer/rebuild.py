"""The clustering table rebuilt from what Postgres stores, when its changelog is gone (a new embedded broker).

The sink keeps every mention as the clusterer read it (``event_mentions.detail``: the ``EventMention`` without
its sentence), the version that added it and when (``added_in``, ``added_at``). Replaying the mentions of the
events still open, in the order they were clustered, each into the event it joined, through the same
``OpenEvents.handle`` the worker runs, and applying its table writes as the agent does, gives the same table
values (whatever keys they take; the document frequency follows from the profiles on loading) without deciding
anything again: the choice is forced and no candidate is scored.

Hazard: an event whose stored mentions do not run from version 1 to its version with their detail (rows written
before migration 0008, or a mention the sink never got) cannot be replayed exactly: it is left out (counted in
``Rebuilt.skipped``), so a later report of it opens an event of its own, as before this rebuild existed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from schemas.records import EventMention, Evidence
from services.clusterer.cluster import OpenEvents


@dataclass(frozen=True)
class StoredMention:
    """One ``event_mentions`` row: the event it joined, the version that added it, when, and the mention."""

    event_id: str
    version: int | None
    added_at: dt.datetime | None
    mention: EventMention | None  # None: no detail stored


@dataclass
class Rebuilt:
    """The table values per deciding key (the key decides the changelog partition), the open events rebuilt, the
    events left out and the mentions whose replay opened another event than the stored one."""

    values: dict[str, dict[bytes, bytes]] = field(default_factory=dict)
    events: int = 0
    skipped: list[str] = field(default_factory=list)
    diverged: int = 0


class _Replay(OpenEvents):
    """OpenEvents that never scores candidates: the event each mention joins is known."""

    def candidates(self, found: Evidence, mention: EventMention) -> list[tuple[str, list[float]]]:
        return []


def complete(rows: list[StoredMention]) -> bool:
    """True when an event's rows hold versions 1..n, each with its detail and time."""
    versions = sorted(r.version or 0 for r in rows)
    return versions == list(range(1, len(rows) + 1)) and all(r.mention and r.added_at for r in rows)


def rebuild(rows: Iterable[StoredMention], window: dt.timedelta, now: dt.datetime) -> Rebuilt:
    """The open events of ``rows`` (every stored mention of the events to rebuild) as table values: the writes
    the worker made, applied in order (so whatever keys an event's values take, they are the worker's)."""
    by_event: dict[str, list[StoredMention]] = {}
    for row in rows:
        by_event.setdefault(row.event_id, []).append(row)
    out = Rebuilt(skipped=sorted(e for e, r in by_event.items() if not complete(r)))
    replay = sorted((r for e, rs in by_event.items() if e not in out.skipped for r in rs),
                    key=lambda r: (r.added_at, r.version, r.event_id))
    events, table = _Replay(window), dict[bytes, tuple[str, bytes]]()
    for row in replay:
        assert row.mention is not None and row.added_at is not None
        target = row.event_id

        def joined(_candidates: list[tuple[str, list[float]]], target: str = target) -> str | None:
            return target if target in events.states else None

        outcome = events.handle(row.mention, row.added_at, joined)
        _apply(table, outcome.writes, row.mention.blocking_key)
        if (outcome.event.event_id, outcome.event.version) != (target, row.version):
            out.diverged += 1  # closed and opened again in between: the replay holds the event it opened
    events.last_sweep = 0.0
    _apply(table, events.sweep(now), "")
    for key, (blocking_key, value) in table.items():
        out.values.setdefault(blocking_key, {})[key] = value
    out.events = len(events.states)
    return out


def _apply(table: dict[bytes, tuple[str, bytes]], writes: dict[bytes, bytes | None], blocking_key: str) -> None:
    """Table writes as the agent makes them (None deletes), each remembered with its deciding key."""
    for key, value in writes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = (blocking_key, value)


def stored_mention(event_id: str, version: int | None, added_at: dt.datetime | None, sentence: str,
                   detail: dict[str, object] | None) -> StoredMention:
    """A row of ``event_mentions`` as the rebuild reads it."""
    mention = EventMention.model_validate({**detail, "sentence": sentence}) if detail else None
    return StoredMention(event_id, version, added_at, mention)
