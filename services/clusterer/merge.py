"""Building and updating events from mentions: one new version per mention that joins.

Aggregates are recomputed from the mentions an event keeps (summaries rebuilt from
the clustering table, plus the new mention in full), so an update never depends on
the order mentions arrived in (apart from the version number).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable

from schemas.records import (
    Actor,
    Event,
    EventMention,
    EventType,
    Location,
    MentionRef,
    Quantity,
    by_publication,
    in_record,
)

EVENT_NAMESPACE = uuid.UUID("0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91")
MAX_KEPT_MENTIONS = 500
_PRECISION_RANK = {"place": 3, "admin1": 2, "country": 1}


def event_id_for(mention: EventMention) -> str:
    """A stable event id derived from the mention that opened the event."""
    return str(uuid.uuid5(EVENT_NAMESPACE, mention.mention_id))


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def merged_type(mentions: list[EventMention]) -> EventType:
    """The PLOVER type, mode and CAMEO code most mentions agree on."""
    return EventType(plover=_most_common(m.event_type.plover for m in mentions) or mentions[0].event_type.plover,
                     mode=_most_common(m.event_type.mode or "" for m in mentions),
                     cameo=_most_common(m.event_type.cameo or "" for m in mentions))


def merged_actors(mentions: list[EventMention]) -> list[Actor]:
    """Per role, the actor most mentions resolve to, with every surface form seen for it."""
    result: list[Actor] = []
    for role in ("source", "target"):
        candidates = [a for m in mentions for a in m.actors if a.role == role]
        resolved = [a for a in candidates if a.resolved] or candidates
        name = _most_common(a.name for a in resolved)
        if name is None:
            continue
        same = [a for a in resolved if a.name == name]
        forms = list(dict.fromkeys(f for a in same for f in a.surface_forms))
        best = same[0]
        result.append(best.model_copy(update={"surface_forms": forms,
                                              "kind": _most_common(a.kind or "" for a in same),
                                              "country": _most_common(a.country or "" for a in same)}))
    return result


def merged_location(mentions: list[EventMention]) -> Location | None:
    """The most specific place, the one most mentions name among equally specific ones."""
    places = [m.location for m in mentions if m.location is not None]
    if not places:
        return None
    counts = Counter((p.name, p.admin1, p.country) for p in places)
    best = max(places, key=lambda p: (_PRECISION_RANK.get(p.precision, 0), counts[(p.name, p.admin1, p.country)]))
    forms = list(dict.fromkeys(f for p in places if (p.name, p.country) == (best.name, best.country)
                               for f in p.surface_forms))
    return best.model_copy(update={"surface_forms": forms})


def merged_date(mentions: list[EventMention]) -> tuple[dt.date | None, str | None, str | None]:
    """Date, precision and source: the day most text-dated mentions give, else the earliest fallback."""
    from_text = [m for m in mentions if m.event_date and m.date_source == "text"]
    pool = from_text or [m for m in mentions if m.event_date]
    if not pool:
        return None, None, None
    counts = Counter(m.event_date for m in pool)
    top = max(counts.values())
    day = min(d for d, n in counts.items() if n == top and d is not None)
    chosen = next(m for m in pool if m.event_date == day)
    return day, chosen.date_precision, chosen.date_source


def merged_quantities(mentions: list[EventMention]) -> list[Quantity]:
    """Per counted thing: every figure reported (first-seen order) and the range the exact figures span."""
    by_what: dict[str, list[Quantity]] = {}
    for mention in mentions:
        for q in mention.quantities:
            by_what.setdefault(q.what, []).append(q)
    result = []
    for what, qs in by_what.items():
        reported = list(dict.fromkeys(v for q in qs for v in q.reported))
        texts = list(dict.fromkeys(t for q in qs for t in q.text))
        spans = [q for q in qs if q.reported] or qs  # vague counts ("thousands") only when nothing exact
        result.append(Quantity(what=what, min=min(q.min for q in spans), max=max(q.max for q in spans),
                               reported=reported, text=texts))
    return result


def mention_ref(mention: EventMention) -> MentionRef:
    """The part of a mention an event keeps."""
    return MentionRef(mention_id=mention.mention_id, article_id=mention.article_id, url=mention.url,
                      source=mention.source, published_at=mention.published_at, sentence=mention.sentence,
                      confidence=mention.confidence, event_date=mention.event_date)


def build_event(event_id: str, version: int, mentions: list[EventMention], now: dt.datetime,
                new: tuple[str, ...] = (), num_mentions: int | None = None) -> Event:
    """The event as the given mentions describe it (independent of the order they arrived in); ``new`` lists
    the mentions this version adds (default: those that carry a sentence); ``num_mentions`` counts every
    mention when ``mentions`` are only the kept ones (default: their number)."""
    mentions = by_publication(mentions)  # so ties between equally common values go to the first report
    new_ids = list(new) or [m.mention_id for m in mentions if m.sentence]
    published = [m.published_at for m in mentions if m.published_at]
    event_date, precision, date_source = merged_date(mentions)
    unreliability = 1.0
    for m in mentions:
        unreliability *= 1.0 - m.confidence
    return Event(
        event_id=event_id, version=version, event_type=merged_type(mentions), actors=merged_actors(mentions),
        location=merged_location(mentions), event_date=event_date, date_precision=precision,
        date_source=date_source,
        quantities=merged_quantities(mentions),
        mentions=[mention_ref(m) for m in in_record(mentions, set(new_ids))], new_mention_ids=new_ids,
        num_mentions=max(num_mentions or 0, len(mentions)), num_sources=len({m.source for m in mentions}),
        num_articles=len({m.article_id for m in mentions}), first_reported=min(published, default=None),
        last_reported=max(published, default=None), confidence=round(1.0 - unreliability, 4),
        blocking_key=mentions[0].blocking_key, updated_at=now,
    )
