"""Do a mention's extracted place, date and actors agree with an open event's? Evidence for ``score.py``.

The event side is an ``EventView`` (``view.py``): the aggregates an open event keeps in the clustering table
(type, place, date, actors). Each check gives a score, or None for "these disagree".
"""

from __future__ import annotations

import math

from schemas.records import Actor, Event, EventMention, Location
from services.clusterer.view import EventView

__all__ = ["EventView", "actor_score", "date_score", "place_score", "shares_actor"]

MAX_DISTANCE_KM = 100.0
MAX_SAME_ADMIN1_KM = 250.0
DATE_WINDOW_DAYS = {"minute": 2, "day": 2, "week": 8, "month": 31, "year": 366}
FALLBACK_DATE_WINDOW_DAYS = 2


def distance_km(a: Location, b: Location) -> float | None:
    """Great-circle distance between two located places, None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def place_score(event: EventView | Event, mention: EventMention) -> float | None:
    """1 for the same place, lower for nearby, None when the places are too far apart to be one event."""
    if event.location is None or mention.location is None:
        return 0.5
    if event.location.country and mention.location.country and event.location.country != mention.location.country:
        return None
    km = distance_km(event.location, mention.location)
    same_admin1 = bool(event.location.admin1) and event.location.admin1 == mention.location.admin1
    if km is None:
        return 0.7 if same_admin1 else 0.5
    if km > (MAX_SAME_ADMIN1_KM if same_admin1 else MAX_DISTANCE_KM):
        return None
    return max(0.5, 1.0 - km / (2 * MAX_SAME_ADMIN1_KM))


def date_score(event: EventView | Event, mention: EventMention) -> float | None:
    """1 for the same day, lower within the window, None beyond it."""
    if event.event_date is None or mention.event_date is None:
        return 0.5
    window = max(DATE_WINDOW_DAYS.get(event.date_precision or "day", 2),
                 DATE_WINDOW_DAYS.get(mention.date_precision or "day", 2))
    if "publication" in (event.date_source, mention.date_source):
        window = max(window, FALLBACK_DATE_WINDOW_DAYS)
    gap = abs((event.event_date - mention.event_date).days)
    if gap > window:
        return None
    return 1.0 - 0.5 * gap / window


STATE_KINDS = frozenset({"state", "government"})
ORGAN_KINDS = frozenset({"military", "police"})
CROWD_KINDS = frozenset({"people", "civilians", "opposition"})  # one outlet's "Kenyans" is another's "protesters"
# in a protest the crowd is named by whoever an outlet saw in it: students, unions, farmers, the opposition
PROTEST_CROWD_KINDS = CROWD_KINDS | {"education", "labour", "health", "agriculture", "refugees", "party"}
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
SYMMETRIC_MODES = frozenset({"ceasefire"})  # signed by both sides; outlets name either first


def _keys(actor: Actor, crowds: frozenset[str] = CROWD_KINDS) -> set[str]:
    """Names an actor answers to: its own; for a state or its government the country ("Turkey" ~ "Turkish
    government"); for an unnamed crowd the country's crowd ("Kenyan people" ~ "Kenyan opposition")."""
    keys = {actor.name.lower()}
    if actor.kind in STATE_KINDS and actor.country:
        keys.add(f"state:{actor.country}")
    if actor.kind in crowds and actor.country:
        keys.add(f"crowd:{actor.country}")
    if actor.kind in ORGAN_KINDS and actor.country:
        keys.add(f"organ:{actor.country}")
    return keys


def _compatible(ours: set[str], theirs: set[str]) -> bool:
    """Shared names, or a bare state on one side and one of its organs on the other ("Ukraine" ~ "Ukrainian
    military": one outlet names the country, another its army)."""
    if {k for k in ours & theirs if not k.startswith("organ:")}:
        return True
    return any(k.startswith("state:") and f"organ:{k[6:]}" in other
               for one, other in ((ours, theirs), (theirs, ours)) for k in one)


def _by_role(actors: list[Actor], role: str | None, crowds: frozenset[str] = CROWD_KINDS) -> set[str]:
    return {k for a in actors if (role is None or a.role == role) and a.resolved for k in _keys(a, crowds)}


def actor_score(event: EventView | Event, mention: EventMention) -> float | None:
    """1 when the resolved actors agree; None when the sources differ. A differing target lowers the score
    (one outlet's "the opposition" is another's "its supporters"); in symmetric types (AGREE, CONSULT ...)
    roles are ignored, as "Egypt and Ethiopia agreed" names either side first; so are they in a ceasefire.
    In a protest, any unnamed collective of one country is the crowd."""
    kind = mention.event_type
    symmetric = kind.plover in SYMMETRIC_TYPES or kind.mode in SYMMETRIC_MODES
    roles: tuple[str | None, ...] = (None,) if symmetric else ("source", "target")
    crowds = PROTEST_CROWD_KINDS if kind.plover == "PROTEST" else CROWD_KINDS
    agree, compared = 0, 0
    for role in roles:
        ours, theirs = _by_role(event.actors, role, crowds), _by_role(mention.actors, role, crowds)
        if not ours or not theirs:
            continue
        compared += 1
        if _compatible(ours, theirs):
            agree += 1
        elif role in ("source", None):
            return None
    return 0.6 if compared == 0 else 0.4 + 0.6 * agree / compared


def shares_actor(event: EventView | Event, mention: EventMention) -> bool:
    """Whether some resolved actor of the mention is one of the event's, in whatever role; unnamed crowds
    do not count here ("Nigerian people" are in too many of a country's happenings to tie two together)."""
    ours, theirs = _by_role(event.actors, None, frozenset()), _by_role(mention.actors, None, frozenset())
    return bool(ours and theirs) and _compatible(ours, theirs)
