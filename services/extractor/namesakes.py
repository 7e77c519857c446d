"""Choosing among namesakes: a place's population against the areas and countries the article names.

``prefer`` lists the article's admin1 areas ("US/Kentucky", ``AREA_MARK``) and ISO countries, most preferred first;
an area named beside the toponym is marked ``BESIDE_MARK`` ("=US/Kentucky" for "London, Ky.") and decides alone.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from services.extractor.normalize import name_key

if TYPE_CHECKING:
    from services.extractor.gazetteer import Place

AREA_MARK = "/"  # a preferred admin1 area is written "US/Kentucky" among the preferred countries
BESIDE_MARK = "="  # an area named beside the toponym ("=US/Kentucky" for "London, Ky.") decides among its namesakes
AREA_WEIGHT = 1.5  # orders of magnitude of population an admin1 area named in the article is worth
COUNTRY_WEIGHT = 1.5  # ... and a country named in the article
OTHER_NAME_DISCOUNT = 2  # ... taken off a town matched by another of its names
BIG_TOWN = 100_000
AREA_OVER_TOWN = 50  # an admin1 area outweighs a big namesake town equally preferred when it holds 50 times its people
AREA_OVER_FOREIGN_TOWN = 1000  # ... and a namesake town of a more preferred country at a thousand times
COUNTY_OVER_TOWN = 10  # a county outweighs a namesake town equally preferred when it holds ten times its people


def pick(candidates: list[Place], prefer: tuple[str, ...], text: str = "") -> Place | None:
    """The namesake with the best score: its population's order of magnitude, plus ``AREA_WEIGHT`` in an admin1 area
    the article names ("US/Kentucky") and ``COUNTRY_WEIGHT`` in a country it names (Mordecai's coherence, as a weight
    a far bigger namesake can outweigh: London, not London, California, in an article naming California); a town
    known by another of its names counts as one a hundredth its size (Saint Petersburg for "Petersburg" in an
    article naming Russia, not Petersburg, Virginia; a city's former name does not outweigh a town of that name).
    An area named beside the name (``BESIDE_MARK``: "London, Ky.") decides alone."""
    if not candidates:
        return None
    beside = [p for p in candidates if f"{BESIDE_MARK}{p.country}{AREA_MARK}{p.admin1}" in prefer]
    if beside:
        return max(beside, key=lambda p: p.population)
    rank = {cc: i for i, cc in enumerate(prefer)}
    return max(candidates, key=lambda p: (weight(p, rank, text), -rank.get(p.country or "", len(rank))))


def weight(place: Place, rank: dict[str, int], text: str) -> float:
    """A namesake's score in ``pick``."""
    score = math.log10(max(place.population, 1))
    if text and name_key(place.name) != name_key(text):
        score -= OTHER_NAME_DISCOUNT
    if f"{place.country}{AREA_MARK}{place.admin1}" in rank:
        score += AREA_WEIGHT
    if (place.country or "") in rank:
        score += COUNTRY_WEIGHT
    return score


def preference(place: Place, prefer: tuple[str, ...]) -> int:
    """How early the place's admin1 area ("US/Kentucky") or else its country stands among the preferred ones
    (``len(prefer)`` when neither does)."""
    area = f"{place.country}{AREA_MARK}{place.admin1}"
    for i, cc in enumerate(prefer):
        if cc in (f"{BESIDE_MARK}{area}", area, place.country):
            return i
    return len(prefer)


def area_first(town: Place, area: Place, prefer: tuple[str, ...], text: str = "") -> bool:
    """Whether an admin1 area is the better reading of a name than a namesake town: the one in the more preferred
    country (unless the area holds a thousand times the town's people), else the area unless the town has 100,000
    people or more and a fiftieth of the area's (an area named by this very word is no evidence for itself:
    "Washington" is the capital, not the state, in an article naming only Washington; Ontario is the province, not
    the Californian city); never against a town in the area named beside the name ("Nelson, BC" is the town, not New
    Zealand's Nelson region). The area's size counts only when ``text`` is its own name (an area is also listed
    under its seat's names)."""
    if f"{BESIDE_MARK}{town.country}{AREA_MARK}{town.admin1}" in prefer:
        return False
    countries = tuple(cc for cc in prefer if AREA_MARK not in cc)
    mine, theirs = preference(area, countries), preference(town, countries)
    dwarfs = name_key(area.name) == name_key(text)  # an area's size counts only for its own name, not its seat's
    if mine > theirs:  # a town of a preferred country, unless the area dwarfs it ("England", not England, Arkansas)
        return dwarfs and area.population >= AREA_OVER_FOREIGN_TOWN * max(town.population, 1)
    if mine < theirs:
        return True
    return town.population < BIG_TOWN or (dwarfs and area.population >= AREA_OVER_TOWN * town.population)


def outweighs(county: Place, found: Place | None, prefer: tuple[str, ...]) -> bool:
    """Whether a county is the better reading of a name than the town, area or country otherwise found: nothing else
    found, a more preferred area or country, or a town equally preferred with a tenth of the county's people
    ("Hampshire" in an article about England is the county, not a US village)."""
    if found is None:
        return True
    mine, theirs = preference(county, prefer), preference(found, prefer)
    if mine != theirs:
        return mine < theirs
    return found.precision == "place" and county.population >= COUNTY_OVER_TOWN * max(found.population, 1)
