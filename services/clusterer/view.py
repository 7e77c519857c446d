"""What matching needs of an open event: its aggregates (type, actors, place, date), without its mentions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from schemas.records import Actor, Event, EventType, Location


@dataclass
class EventView:
    """What matching needs of an open event: its aggregates."""

    event_type: EventType
    actors: list[Actor] = field(default_factory=list)
    location: Location | None = None
    event_date: dt.date | None = None
    date_precision: str | None = None
    date_source: str | None = None

    @classmethod
    def of(cls, event: Event) -> EventView:
        """The view of a built event."""
        return cls(event_type=event.event_type, actors=event.actors, location=event.location,
                   event_date=event.event_date, date_precision=event.date_precision, date_source=event.date_source)
