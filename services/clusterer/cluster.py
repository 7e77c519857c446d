"""Assigning a mention to an open event of its blocking key, or opening a new one.

State per blocking key is a list of ``OpenEvent``s: the current event and the
mentions it is built from. It is bounded by the clustering window: events not
reported for longer than the window are closed (dropped from the state; they
stay in Postgres and on news.events).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from schemas.records import Event, EventMention
from services.clusterer.match import MATCH_THRESHOLD, match_score
from services.clusterer.merge import MAX_KEPT_MENTIONS, build_event, event_id_for


class OpenEvent(BaseModel):
    """An event still accepting mentions, with the mentions it was built from."""

    event: Event
    mentions: list[EventMention]


class BlockState(BaseModel):
    """Every open event of one blocking key."""

    events: list[OpenEvent] = []


def best_match(state: BlockState, mention: EventMention) -> OpenEvent | None:
    """The open event this mention most likely reports, if any scores above the threshold."""
    scored = [(match_score(o.event, mention), o) for o in state.events]
    candidates = [(s, o) for s, o in scored if s is not None and s >= MATCH_THRESHOLD]
    return max(candidates, key=lambda pair: pair[0])[1] if candidates else None


def close_stale(state: BlockState, now: dt.datetime, window: dt.timedelta) -> int:
    """Drop events last updated before the window; returns how many were closed."""
    keep = [o for o in state.events if now - o.event.updated_at <= window]
    closed = len(state.events) - len(keep)
    state.events = keep
    return closed


def assign(state: BlockState, mention: EventMention, now: dt.datetime) -> Event | None:
    """Add the mention to its event (new version) or open one; None when it was already counted."""
    if any(m.mention_id == mention.mention_id for o in state.events for m in o.mentions):
        return None
    target = best_match(state, mention)
    if target is None:
        event = build_event(event_id_for(mention), 1, [mention], now)
        state.events.append(OpenEvent(event=event, mentions=[mention]))
        return event
    target.mentions = [*target.mentions, mention][-MAX_KEPT_MENTIONS:]
    target.event = build_event(target.event.event_id, target.event.version + 1, target.mentions, now)
    return target.event
