"""Does a mention report the same happening as an open event? A score in [0, 1], or None for "no"."""

from __future__ import annotations

import math
import re

from schemas.records import Actor, Event, EventMention, Location

MAX_DISTANCE_KM = 100.0
MAX_SAME_ADMIN1_KM = 250.0
DATE_WINDOW_DAYS = {"minute": 2, "day": 2, "week": 8, "month": 31, "year": 366}
FALLBACK_DATE_WINDOW_DAYS = 2
MATCH_THRESHOLD = 0.5
_WORD = re.compile(r"\w{3,}")


def distance_km(a: Location, b: Location) -> float | None:
    """Great-circle distance between two located places, None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def place_score(event: Event, mention: EventMention) -> float | None:
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


def date_score(event: Event, mention: EventMention) -> float | None:
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
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})


def _keys(actor: Actor) -> set[str]:
    """Names an actor answers to: its own; for a state or its government the country ("Turkey" ~ "Turkish
    government"); for an unnamed crowd the country's crowd ("Kenyan people" ~ "Kenyan opposition")."""
    keys = {actor.name.lower()}
    if actor.kind in STATE_KINDS and actor.country:
        keys.add(f"state:{actor.country}")
    if actor.kind in CROWD_KINDS and actor.country:
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


def _by_role(actors: list[Actor], role: str | None) -> set[str]:
    return {k for a in actors if (role is None or a.role == role) and a.resolved for k in _keys(a)}


def actor_score(event: Event, mention: EventMention) -> float | None:
    """1 when the resolved actors agree; None when the sources differ. A differing target lowers the score
    (one outlet's "the opposition" is another's "its supporters"); in symmetric types (AGREE, CONSULT ...)
    roles are ignored, as "Egypt and Ethiopia agreed" names either side first."""
    roles: tuple[str | None, ...] = (None,) if mention.event_type.plover in SYMMETRIC_TYPES else ("source", "target")
    agree, compared = 0, 0
    for role in roles:
        ours, theirs = _by_role(event.actors, role), _by_role(mention.actors, role)
        if not ours or not theirs:
            continue
        compared += 1
        if _compatible(ours, theirs):
            agree += 1
        elif role in ("source", None):
            return None
    return 0.6 if compared == 0 else 0.4 + 0.6 * agree / compared


def text_score(event: Event, mention: EventMention) -> float:
    """Word overlap between the mention's sentence and the event's evidence sentences."""
    theirs = set(_WORD.findall(mention.sentence.lower()))
    ours = set(_WORD.findall(" ".join(m.sentence for m in event.mentions[-20:]).lower()))
    return len(theirs & ours) / len(theirs) if theirs else 0.0


def match_score(event: Event, mention: EventMention) -> float | None:
    """Overall score that the mention reports the event; None rules it out."""
    if event.event_type.plover != mention.event_type.plover:
        return None
    parts = [place_score(event, mention), date_score(event, mention), actor_score(event, mention)]
    if any(p is None for p in parts):
        return None
    place, date, actors = (float(p) for p in parts if p is not None)
    return 0.3 * place + 0.3 * date + 0.3 * actors + 0.1 * text_score(event, mention)
