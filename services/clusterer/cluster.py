"""Assigning a mention to an open event of its blocking key, or opening a new one.

State per blocking key is a ``BlockState`` (see ``state.py`` for its layout): per open event, what matching
needs and a summary of every mention it is built from. It is bounded by the clustering window: events not
reported for longer than the window are closed (dropped from the state; they stay in Postgres and on
news.events).
"""

from __future__ import annotations

import datetime as dt

from schemas.records import Event, EventMention
from services.clusterer.match import MATCH_THRESHOLD, match_score, word_bits
from services.clusterer.merge import MAX_KEPT_MENTIONS, build_event, event_id_for
from services.clusterer.state import BlockState, Kept, OpenEvent

MAX_VALUE_BYTES = 512 * 1024  # one changelog record per key and update; Kafka's default limit is 1 MB

__all__ = ["BlockState", "OpenEvent", "again", "assign", "best_match", "close_stale", "stored_value"]


def best_match(state: BlockState, mention: EventMention) -> OpenEvent | None:
    """The open event this mention most likely reports, if any scores above the threshold."""
    scored = [(match_score(o.view, mention), o) for o in state.events]
    candidates = [(s, o) for s, o in scored if s is not None and s >= MATCH_THRESHOLD]
    return max(candidates, key=lambda pair: pair[0])[1] if candidates else None


def close_stale(state: BlockState, now: dt.datetime, window: dt.timedelta) -> int:
    """Drop events last updated before the window; returns how many were closed."""
    keep = [o for o in state.events if now - o.updated_at <= window]
    closed = len(state.events) - len(keep)
    state.events = keep
    return closed


def stored_value(state: BlockState, limit: int = MAX_VALUE_BYTES) -> tuple[bytes, int]:
    """The table value for ``state``, closing the least recently updated events while it exceeds ``limit``
    (the changelog record must stay under the broker's message size); returns it and how many were closed."""
    value, closed = state.dump(), 0
    while len(value) > limit and state.events:
        by_age = sorted(state.events, key=lambda o: o.updated_at)
        oldest = {id(o) for o in by_age[:max(1, len(by_age) // 4)]}
        state.events = [o for o in state.events if id(o) not in oldest]
        closed += len(oldest)
        value = state.dump()
    return value, closed


def assign(state: BlockState, mention: EventMention, now: dt.datetime,
           rebuilt: dict[str, EventMention] | None = None) -> Event:
    """Add the mention to its event (new version) or open one; a mention already counted (a redelivery)
    changes nothing and re-emits its event's current version (see ``again``).

    The version's aggregates are recomputed from every kept mention; it lists a window of them
    (``merge.in_record``), the new one with its evidence sentence and the earlier ones without (their
    sentences went out with the versions that added them). Every version adds one mention, so the version
    number counts them all, also beyond the kept ones. ``rebuilt`` caches kept mentions decoded for earlier
    versions (by packed id), so a version of a large event decodes only its new mention.
    """
    packed = Kept.of(mention)
    holder = next((o for o in state.events if any(k.packed_id == packed.packed_id for k in o.mentions)), None)
    if holder is not None:
        return again(state, holder, mention, now, rebuilt)
    words = word_bits(mention.sentence)
    target = best_match(state, mention)
    if target is None:
        event = build_event(event_id_for(mention), 1, [mention], now, (mention.mention_id,))
        state.events.append(OpenEvent.built(event, [packed], words))
        return event
    kept = [*target.mentions, packed][-MAX_KEPT_MENTIONS:]
    event = _built(state, kept, packed, mention, target.event_id, target.version + 1, now, rebuilt)
    at = next(i for i, o in enumerate(state.events) if o is target)
    state.events[at] = OpenEvent.built(event, kept, target.view.words | words)
    return event


def again(state: BlockState, holder: OpenEvent, mention: EventMention, now: dt.datetime,
          rebuilt: dict[str, EventMention] | None = None) -> Event:
    """The current version of the event a redelivered mention is already in, carrying that mention's sentence.

    A redelivery means the offset was not committed, e.g. a crash between the table write and the send: the
    version that added the mention may never have gone out. Sending the current version again (same number)
    restores it; the sink stores an equal version only if it has not got it and keeps the sentence either way.
    """
    return _built(state, holder.mentions, Kept.of(mention), mention, holder.event_id, holder.version, now, rebuilt)


def _built(state: BlockState, kept: list[Kept], packed: Kept, mention: EventMention, event_id: str, version: int,
           now: dt.datetime, rebuilt: dict[str, EventMention] | None) -> Event:
    """The event version built from the ``kept`` summaries, ``mention`` (packed as ``packed``) among them in full,
    so its sentence rides along."""
    cache = {} if rebuilt is None else rebuilt
    earlier = []
    for k in kept:
        if k.packed_id != packed.packed_id:
            if k.packed_id not in cache:
                cache[k.packed_id] = k.mention(mention.blocking_key, state.decoded)
            earlier.append(cache[k.packed_id])
    as_kept = mention.model_copy(update={"confidence": packed.confidence / 1000})  # as the others were kept
    if rebuilt is not None:
        rebuilt[packed.packed_id] = packed.mention(mention.blocking_key, state.decoded)  # for the next version
    return build_event(event_id, version, [*earlier, as_kept], now, (mention.mention_id,), num_mentions=version)
