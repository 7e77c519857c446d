"""Where a happening took place: its clauses' most specific place, else its other clauses'; a state acting from
home at its seat (``home_seat``) rather than in the dateline's or the dispute's town."""

from __future__ import annotations

from collections.abc import Callable

from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.candidates import Candidate
from services.extractor.cast import Cast
from services.extractor.happenings import Happening
from services.extractor.normalize import name_key
from services.extractor.places import RANK, PlaceHit
from services.extractor.words import codes, ordered_codes

DIPLOMATIC_CODES = ordered_codes("diplomatic_codes")
HOME_CODES = ordered_codes("home_codes")
JOINT_TYPES = codes("joint_types")


def best_hit(candidates: list[Candidate]) -> PlaceHit | None:
    """The most specific place among the evidence, heavier sentences first."""
    hits = [(c.place, c.weight) for c in candidates if c.place is not None]
    if not hits:
        return None
    place, _ = min(hits, key=lambda h: (RANK[h[0].place.precision], -h[1]))
    for other, _ in hits:
        same_area = other.place.precision == "admin1" and other.place.country == place.place.country
        if same_area and place.place.precision == "place" and name_key(other.place.name) == name_key(place.place.name):
            return other
    return place


def home_country(cast: Cast, resolver: ActorResolver) -> str | None:
    """ISO code of the country the article is about."""
    info = resolver.lexicon.countries.get(cast.context or "")
    return info.iso2 if info else None


def event_hit(
    chosen: list[Candidate], happening: Happening, lead: Candidate, named: PlaceHit | None, home: str | None
) -> PlaceHit | None:
    """The place of the event's clauses, else of the happening's clauses of its type; a clause of another type
    ("plan and launch attacks ... in Kabul" beside an accusation) only when the article names no town in its own
    country."""
    alike = [m for m in happening.members if m.event_type.plover == lead.event_type.plover]
    hit = best_hit(chosen) or best_hit(alike)
    if hit is None and not (named is not None and named.place.country == home):
        hit = best_hit(happening.members)
    return hit


def home_seat(
    source: ResolvedActor | None, hit: PlaceHit | None, seat: Callable[[str], PlaceHit | None], anywhere: bool = False
) -> PlaceHit | None:
    """Where a state (or its government) acting from home is, when the article's own place for the happening is
    a town of another country ("COTONOU — Benin said ... after Niger's junta threatened ...": the threat was made
    in Niger, not in the dateline's or the dispute's town): the town of the state's country the article names
    for it (``seat``), None when there is no such town or nothing to correct. With ``anywhere`` (a diplomatic
    step, which a government takes at its seat) a town of the state's own country is corrected too: the border town
    of the dispute is not where the envoy was expelled."""
    if source is None or source.country is None or not (source.state or source.sector == "GOV"):
        return None
    home = seat(source.country)
    if home is None or (hit is not None and (hit.place == home.place if anywhere
                                             else hit.place.country == home.place.country)):
        return None
    return home
