"""The clustering table rebuilt from what Postgres stores, when its changelog is gone (a new embedded broker).

The sink keeps every mention as the clusterer read it (``event_mentions.detail``: the ``EventMention`` without
its sentence), the version that added it and when (``added_in``, ``added_at``). Replaying the mentions of the
events still open, in the order they were clustered, each into the event it joined, through the same
``OpenEvents.handle`` the worker runs, gives the same table values (kept summaries, profile, version, update
time; the document frequency follows from the profiles on loading) without deciding anything again: the choice
is forced and no candidate is scored.

Hazard: an event whose stored mentions do not run from version 1 to its version with their detail (rows written
before migration 0008, or a mention the sink never got) cannot be replayed exactly: it is left out (counted in
``Rebuilt.skipped``), so a later report of it opens an event of its own, as before this rebuild existed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from schemas.records import EventMention, Evidence
from services.clusterer.cluster import OpenEvents, table_key


@dataclass(frozen=True)
class StoredMention:
    """One ``event_mentions`` row: the event it joined, the version that added it, when, and the mention."""

    event_id: str
    version: int | None
    added_at: dt.datetime | None
    mention: EventMention | None  # None: no detail stored


@dataclass
class Rebuilt:
    """The table values per deciding key (the key decides the changelog partition), and the events left out."""

    values: dict[str, dict[bytes, bytes]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @property
    def events(self) -> int:
        """Open events rebuilt."""
        return sum(len(v) for v in self.values.values())


class _Replay(OpenEvents):
    """OpenEvents that never scores candidates: the event each mention joins is known."""

    def candidates(self, found: Evidence, mention: EventMention) -> list[tuple[str, list[float]]]:
        return []


def complete(rows: list[StoredMention]) -> bool:
    """True when an event's rows hold versions 1..n, each with its detail and time."""
    versions = sorted(r.version or 0 for r in rows)
    return versions == list(range(1, len(rows) + 1)) and all(r.mention and r.added_at for r in rows)


def rebuild(rows: Iterable[StoredMention], window: dt.timedelta, now: dt.datetime) -> Rebuilt:
    """The open events of ``rows`` (every stored mention of the events to rebuild) as table values."""
    by_event: dict[str, list[StoredMention]] = {}
    for row in rows:
        by_event.setdefault(row.event_id, []).append(row)
    out = Rebuilt(skipped=sorted(e for e, r in by_event.items() if not complete(r)))
    replay = sorted((r for e, rs in by_event.items() if e not in out.skipped for r in rs),
                    key=lambda r: (r.added_at, r.version, r.event_id))
    events = _Replay(window)
    for row in replay:
        assert row.mention is not None and row.added_at is not None
        target = row.event_id

        def joined(_candidates: list[tuple[str, list[float]]], target: str = target) -> str | None:
            return target if target in events.states else None

        outcome = events.handle(row.mention, row.added_at, joined)
        if (outcome.event.event_id, outcome.event.version) != (target, row.version):
            out.skipped.append(target)  # closed and opened again in between: the worker's table differs
    events.last_sweep = 0.0
    events.sweep(now)
    for event_id, state in events.states.items():
        if event_id not in out.skipped:
            key = state.events[0].profile.key if state.events[0].profile else ""
            out.values.setdefault(key, {})[table_key(event_id)] = state.dump()
    return out


def stored_mention(event_id: str, version: int | None, added_at: dt.datetime | None, sentence: str,
                   detail: dict[str, object] | None) -> StoredMention:
    """A row of ``event_mentions`` as the rebuild reads it."""
    mention = EventMention.model_validate({**detail, "sentence": sentence}) if detail else None
    return StoredMention(event_id, version, added_at, mention)
