"""Toponyms in a clause's locative phrases, geocoded; the most specific place wins.

"in rural eastern Idlib province" yields the Idlib governorate (the hint word makes it
admin1); "in al-Khoain, Southeastern Idlib" falls back to Idlib when the village is
not in the gazetteer. Direction words ("Southeastern") and possessives are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.extractor.dates import MONTHS, WEEKDAYS
from services.extractor.gazetteer import Gazetteer, Place
from services.extractor.namesakes import AREA_MARK, BESIDE_MARK
from services.extractor.patterns import (
    ADMIN_AFTER,
    ADMIN_BEFORE,
    DIRECTION,
    FEATURE_AFTER,
    INNER_POSSESSIVE,
    POSSESSIVE_END,
    POSTAL_AFTER,
    TOPONYM,
    TOWN_BEFORE,
    TYPE_WORD,
)
from services.extractor.place_check import AcceptAll, PlaceCheck
from services.extractor.words import words

NOT_PLACES = frozenset({*WEEKDAYS, *MONTHS, *words("not_toponyms")})
RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}


@dataclass
class PlaceHit:
    """A geocoded toponym: the place, its text and where it stood."""

    place: Place
    text: str
    start: int
    rank: int = 0
    surface: list[str] = field(default_factory=list)


def toponyms(text: str, tail: str = "") -> list[tuple[str, int, str | None]]:
    """(toponym, offset, hint) for capitalised name sequences; hint 'admin1' when 'province' etc. is attached.
    ``tail`` is the text that follows (read only to see what the last name is attached to)."""
    found = []
    for match in TOPONYM.finditer(text):
        for name, start, end in possessive_parts(match.group(0), match.start()):
            found += toponym(text + tail, name, start, end)
    return found


def possessive_parts(name: str, start: int) -> list[tuple[str, int, int]]:
    """(part, start, end) of a capitalised sequence split after an inner possessive: "Pakistan's Balochistan"
    names two places."""
    parts, begin = [], 0
    for inner in INNER_POSSESSIVE.finditer(name):
        parts.append((name[begin : inner.start()], start + begin, start + inner.start()))
        begin = inner.end()
    return [*parts, (name[begin:], start + begin, start + len(name))]


def toponym(text: str, name: str, start: int, end: int) -> list[tuple[str, int, str | None]]:
    """One candidate toponym with its offset and hint, or none (weekdays, determiners, bare directions). A leading
    direction stays on the name ("North Carolina", "South Africa"): the gazetteer drops it only when the whole name
    is no place ("Southeastern Idlib")."""
    name = POSSESSIVE_END.sub("", name).strip(" -")
    core = name
    while (d := DIRECTION.match(core)) is not None and d.end() < len(core):
        core = core[d.end() :]
    if not core or core.lower() in NOT_PLACES or DIRECTION.match(core + " "):
        return []
    after, before = text[end : end + 20], text[max(0, start - 30) : start]
    if FEATURE_AFTER.match(after):
        return []  # "talks on the Nile dam": a river, a dam, a canal, a suburb named after a place is not that place
    hint = "admin1" if ADMIN_AFTER.match(after) or ADMIN_BEFORE.search(before) else None
    hint = "town" if hint is None and TOWN_BEFORE.search(before) else hint
    return [(name, start, hint)]


def geocode_span(
    text: str,
    offset: int,
    gazetteer: Gazetteer,
    prefer: tuple[str, ...],
    blocked: list[tuple[int, int]],
    rank: int = 0,
    tail: str = "",
    check: PlaceCheck | None = None,
) -> list[PlaceHit]:
    """Every toponym of a text span that the gazetteer knows (skipping spans that name actors); ``tail`` is the
    text after the span; a town must pass ``check`` where it stands."""
    names = [(abbreviated(text, name, start, gazetteer), offset + start, hint)
             for name, start, hint in toponyms(text, tail) if not any(b <= offset + start < e for b, e in blocked)]
    hits = geocode_names(names, gazetteer, prefer, rank, check)
    postal = postal_areas(text, offset, names, gazetteer)
    beside = [h.place for h in hits if h.place.precision == "admin1"] + postal
    areas = tuple(dict.fromkeys(f"{BESIDE_MARK}{a.country}{AREA_MARK}{a.name}" for a in beside))
    if areas and (postal or any(h.place.precision == "place" for h in hits)):  # "LONDON, Ky.": the area's town
        hits = geocode_names(names, gazetteer, (*areas, *prefer), rank, check)
    return hits


def postal_areas(text: str, offset: int, names: list[tuple[str, int, str | None]], gazetteer: Gazetteer) -> list[Place]:
    """States and provinces named by a postal code right after a name of the span ("Trenton, NJ", "Nelson, BC")."""
    found = []
    for name, begin, _ in names:
        code = POSTAL_AFTER.match(text, begin - offset + len(name))
        if code is not None and (area := gazetteer.postal(code.group(1))) is not None:
            found.append(area)
    return found


def abbreviated(text: str, name: str, start: int, gazetteer: Gazetteer) -> str:
    """The name with the full stop that follows it when the two are an area's abbreviation ("Ky.")."""
    dotted = name + "."
    return dotted if text[start + len(name) : start + len(dotted)] == "." and gazetteer.area(dotted) else name


def geocode_names(
    names: list[tuple[str, int, str | None]],
    gazetteer: Gazetteer,
    prefer: tuple[str, ...],
    rank: int,
    check: PlaceCheck | None = None,
) -> list[PlaceHit]:
    """The places the gazetteer reads for (toponym, offset, hint) triples; a town only where ``check`` confirms
    the name is a place."""
    check = check or AcceptAll()
    hits = []
    for name, begin, hint in names:
        place = gazetteer.lookup(name, hint, prefer)
        if place is None and TYPE_WORD.search(name):
            place = gazetteer.lookup(TYPE_WORD.sub("", name), hint, prefer)
        if place is not None and place.precision == "place" and not check.confirms(begin, begin + len(name)):
            continue
        if place is not None:
            hits.append(PlaceHit(place, name, begin, rank, [name]))
    return hits


def best_place(hits: list[PlaceHit]) -> PlaceHit | None:
    """The most specific hit (town > admin1 > country), nearest phrase first; towns must agree with the
    country or province named beside them when there is one."""
    if not hits:
        return None
    countries = {h.place.country for h in hits if h.place.precision != "place"}
    agreeing = [h for h in hits if not countries or h.place.country in countries]
    chosen = min(agreeing or hits, key=lambda h: (RANK[h.place.precision], h.rank, h.start))
    chosen.surface = list(dict.fromkeys(h.text for h in hits if h.place == chosen.place))
    return chosen
