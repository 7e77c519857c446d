"""A compact GeoNames gazetteer: towns (cities500), curated sites, admin1 areas and countries, by name key.

Town names are kept as sorted lines (one string plus offsets) and found by
bisection, so loading is a decompression and a newline scan (no per-name dict). Spelling variants go through
``name_key``; a consonant-skeleton pass (``loose_key``) is tried only inside the
countries the article is about.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from services.extractor.areas import (
    AreaName,
    Point,
    area_names,
    area_points,
    area_populations,
    continent_names,
    demonym_areas,
    demonyms,
    written_key,
)
from services.extractor.data import read_rows, read_table
from services.extractor.dates import MONTHS, WEEKDAYS
from services.extractor.name_index import MIN_LOOSE, NameIndex, alike
from services.extractor.namesakes import AREA_MARK, BIG_TOWN, area_first, outweighs, pick, preference
from services.extractor.normalize import fold, loose_key, name_key
from services.extractor.patterns import DIRECTION, TYPE_WORD
from services.extractor.words import ordered_words, words

from spacy.lang.en.stop_words import STOP_WORDS  # isort: skip

Precision = Literal["place", "admin2", "admin1", "country", "continent"]
MAJOR_CITY = 500_000
ANCHOR_MARGIN = 10  # a town tells the article's country when it is ten times bigger than any namesake
FEATURE_WORDS = words("feature_words")
NOT_PLACES = frozenset(name_key(n) for n in ordered_words("regions_not_places"))
DATE_WORDS = frozenset(w[:n] for w in (*MONTHS, *WEEKDAYS) for n in (3, 4)) | {"sept", "tues", "thur", "thurs"}
MIN_NAME = 3  # letters: shorter names are abbreviations (area_names.tsv) or not places ("U", "St", "We")
MAX_ACRONYM = 3  # an all-capitals word this short is an acronym (NGO, FBI), not a town
ONE_SPELLING = words("one_spelling_countries")
COUNTY_WORDS = ("County", "Parish", "Borough")  # the type word GeoNames ends US second-order areas' names with


@dataclass(frozen=True)
class Place:
    """A geocoded place."""

    name: str
    admin1: str | None
    country: str | None
    lat: float
    lon: float
    precision: Precision
    geonameid: int | None = None
    population: int = 0


class Gazetteer:
    """Name → place lookups over towns, admin1 areas and countries."""

    def __init__(
        self,
        places: Sequence[str],
        names: Sequence[str],
        admin1: list[list[str]],
        countries: list[list[str]],
        points: dict[tuple[str, str, str], Point] | None = None,
        people: dict[tuple[str, str], int] | None = None,
    ) -> None:
        """Index towns, admin1 areas and countries (at their GeoNames id and middle point where ``points`` has it,
        admin1 areas with their population where ``people`` has it)."""
        points = points or {}
        people = people or {}
        self._places = places
        self._names = names
        self._admin1_names = {(row[0], row[1]): row[2] for row in admin1}
        self.sites = NameIndex()
        self._admin1 = NameIndex()
        self._admin1_by_code: dict[tuple[str, str], Place] = {}
        for cc, code, name, lat, lon, keys in admin1:
            gid, *point = points.get(("admin1", cc, code), (None, float(lat), float(lon)))
            place = Place(name, name, cc, point[0], point[1], "admin1", gid, people.get((cc, code), 0))
            self._admin1.add(place, keys.split())
            self._admin1_by_code[(cc, code)] = place
        self._countries: dict[str, Place] = {}
        self.country_by_iso: dict[str, Place] = {}
        for iso2, _iso3, name, lat, lon in countries:
            gid, *point = points.get(("country", iso2, ""), (None, float(lat), float(lon)))
            place = Place(name, None, iso2, point[0], point[1], "country", gid)
            self._countries[name_key(name)] = place
            self.country_by_iso[iso2] = place
        self._continents = {code: Place(name, None, None, spot[1], spot[2], "continent", spot[0])
                            for code, name in continent_names().items()
                            if (spot := points.get(("continent", "", code)))}
        self._areas: dict[str, AreaName] = {}
        self._demonyms: dict[str, str] = {}
        self._demonym_areas: dict[str, tuple[str, str]] = {}
        self._admin2: dict[str, list[Place]] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        """Read places, the name index, admin1 areas, country centroids and country aliases."""
        gazetteer = cls(
            read_table("places.tsv.xz"),
            read_table("place_names.tsv.xz"),
            corrected_admin1(list(read_rows("admin1.tsv")), list(read_rows("admin1_supplement.tsv"))),
            list(read_rows("country_centroids.tsv")),
            area_points(),
            area_populations(),
        )
        gazetteer._areas, gazetteer._demonyms, gazetteer._demonym_areas = area_names(), demonyms(), demonym_areas()
        for cc, a1, _code, name, gid, lat, lon, population in read_rows("admin2.tsv.xz"):
            county = Place(name, gazetteer._admin1_names.get((cc, a1)), cc, float(lat), float(lon), "admin2",
                           int(gid), int(population))
            gazetteer._admin2.setdefault(name_key(name), []).append(county)
        for cc, a1, name, lat, lon, _kind, aliases in read_rows("places_supplement.tsv"):
            site = Place(name, gazetteer._admin1_names.get((cc, a1)), cc, float(lat), float(lon), "place")
            gazetteer.sites.add(site, [name, *aliases.split("|")])
        countries = [*read_rows("countries.tsv"), *read_rows("countries_supplement.tsv")]
        for _cameo, iso2, _name, demonym, aliases in countries:
            place = gazetteer.country_by_iso.get(iso2)
            for alias in aliases.split("|"):
                key = name_key(alias)
                if (
                    place
                    and key
                    and alias != demonym.upper()
                    and not gazetteer._rows(key)
                    and key not in gazetteer._admin1
                    and name_key(TYPE_WORD.sub("", alias.title())) not in gazetteer._admin1  # "BORNO STATE": Borno
                ):
                    gazetteer._countries.setdefault(key, place)
        return gazetteer

    def _rows(self, key: str) -> list[int]:
        """Row numbers of towns with this exact name key."""
        probe = key + "\t"
        i = bisect.bisect_left(self._names, probe)
        if i < len(self._names) and self._names[i].startswith(probe):
            return [int(r) for r in self._names[i][len(probe) :].split(",")]
        return []

    def place(self, row: int) -> Place:
        """The town on a row of places.tsv."""
        gid, name, cc, a1, lat, lon, pop = self._places[row].split("\t")
        return Place(name, self._admin1_names.get((cc, a1)), cc, float(lat), float(lon), "place", int(gid), int(pop))

    def country(self, text: str) -> Place | None:
        """A country named by the text, if any."""
        return self._countries.get(name_key(text))

    def admin1(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """An admin1 area named by the text (exact key, then skeleton within preferred countries)."""
        return pick(self._admin1.exact(text) or self._admin1.loose(text, prefer), prefer)

    def admin2(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """A second-order area (county, district) with exactly this name key ("Orange County")."""
        return pick(self._admin2.get(name_key(text), []), prefer)

    def town(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """A town or curated site named by the text: exact key anywhere, then skeleton within preferred countries."""
        towns = [self.place(r) for r in self._rows(name_key(text))]
        exact = [town for town in towns if known_as(text, town) and by_name_or_near(text, town, prefer)]
        exact += self.sites.exact(text)
        if exact:
            return pick(exact, prefer, text)
        skeleton = loose_key(text)
        if len(skeleton) < MIN_LOOSE:
            return None
        spelled = [cc for cc in prefer if AREA_MARK not in cc and cc not in ONE_SPELLING]
        found = [town for cc in spelled for r in self._loose_rows(cc).get(skeleton, [])
                 if alike(text, name_key((town := self.place(r)).name))]
        return pick(found + self.sites.loose(text, prefer), prefer)

    @lru_cache(maxsize=64)  # noqa: B019 - one gazetteer per process
    def _loose_rows(self, cc: str) -> dict[str, list[int]]:
        """Skeleton → rows of one country's towns (built on first use)."""
        lo = bisect.bisect_left(self._places, cc, key=place_country)
        hi = bisect.bisect_right(self._places, cc, key=place_country)
        index: dict[str, list[int]] = {}
        for row in range(lo, hi):
            index.setdefault(loose_key(self._places[row].split("\t", 2)[1]), []).append(row)
        return index

    def lookup(self, text: str, hint: str | None = None, prefer: tuple[str, ...] = ()) -> Place | None:
        """Best reading of a toponym: admin1 when hinted ('province'), a town when hinted ('the town of'), else
        country, town, admin1; never a continent or a sea, whose names GeoNames also lists as towns or provinces
        (Africa → Mahdia, Red Sea). ``prefer``: the article's admin1 areas ("US/Kentucky") and ISO countries,
        most preferred first. A name with a leading direction is read whole first ("South Africa", "North
        Carolina"), else without it ("Southeastern Idlib" → Idlib)."""
        found = self.whole(text, hint, prefer)
        d = DIRECTION.match(text)
        if d is None or d.end() == len(text):
            return found
        if found is None:
            return self.lookup(text[d.end() :], hint, prefer)
        if found.precision == "place" and preference(found, prefer) == len(prefer):
            core = self.lookup(text[d.end() :], hint, prefer)  # "East London" in an English article: not the Cape
            return core if core is not None and preference(core, prefer) < len(prefer) else found
        return found

    def whole(self, text: str, hint: str | None = None, prefer: tuple[str, ...] = ()) -> Place | None:
        """``lookup`` of the name as written (no direction dropped)."""
        area = self.area(text)
        if area is not None:
            return None if area.precision == "continent" else area
        if not self.could_be_town(text):
            return None
        if hint == "admin1":
            return self.admin1(text, prefer) or self.town(text, prefer)
        if hint == "town" and (town := self.town(text, prefer)) is not None:
            return town
        country = self.country(text)
        if country is not None:
            return country
        town, area = self.town(text, prefer), self.admin1_exact(text, prefer)
        if town is not None and area is not None and area_first(town, area, prefer, text):
            return area
        found = town or self.admin1(text, prefer)
        county = self.admin2(text, prefer)
        return county if county is not None and outweighs(county, found, prefer) else found

    def resolve(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """Any toponym's reading, for gold spans: ``reading``, else, since the text is known to be a toponym, a US
        state or Canadian province by its postal code alone ("NJ") or a US county without its type word ("Maui"),
        which ``lookup`` does not read as event places (OR, ME and Grant are also words)."""
        found = self.reading(text, prefer)
        if found is not None or " " in text:
            return found
        return self.postal(text) or self.county(text, prefer)

    def reading(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """A toponym's reading: a continent or the country of a demonym ("Russian"), which ``lookup`` refuses as
        event places, else the place ``lookup`` reads, else the place a longer name is named after."""
        area = self.area(text)
        if area is not None:
            return area
        people = self.people(text)
        if people is not None:
            return people
        found = self.lookup(text, prefer=prefer)
        if found is None and TYPE_WORD.search(text):
            found = self.lookup(TYPE_WORD.sub("", text), prefer=prefer)
        return found if found is not None else self.embedded(text, prefer)

    def county(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """A US second-order area named by its name without the type word, as spelt ("Maui" → Maui County), in the
        areas and countries the article names (or when it names none)."""
        counties = [c for word in COUNTY_WORDS for c in self._admin2.get(name_key(f"{text} {word}"), [])
                    if c.country == "US" and spelled(c.name) == spelled(f"{text} {word}")
                    and (not prefer or preference(c, prefer) < len(prefer))]
        return pick(counties, prefer) if counties and self.could_be_town(text) else None

    def anchor(self, text: str) -> Place | None:
        """The town a name reads as with no context, when it says where the article is: a town of 100,000 people or
        more by its own name as spelt, ten times bigger than any namesake ("Chicago", "Fredericton" is not one)."""
        if not self.could_be_town(text) or self.country(text) is not None or self.area(text) is not None:
            return None
        towns = sorted((self.place(r) for r in self._rows(name_key(text))), key=lambda p: -p.population)
        if not towns or towns[0].population < BIG_TOWN or spelled(text) != spelled(towns[0].name):
            return None
        return towns[0] if len(towns) == 1 or towns[0].population >= ANCHOR_MARGIN * towns[1].population else None

    def people(self, text: str) -> Place | None:
        """The country, or constituent nation, whose people a demonym names ("Russian", "KAZAKH", "Welsh")."""
        key = demonym_key(text)
        if key in self._demonym_areas:
            return self._admin1_by_code.get(self._demonym_areas[key])
        iso2 = self._demonyms.get(key)
        return self.country_by_iso.get(iso2) if iso2 is not None else None

    def embedded(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """The place a longer name is named after, for a name the gazetteer does not know as a whole: its longest
        run of words that ``resolve`` reads as an area (a people's country too: "Nigerian Army") or a town of 100,000
        or more, the first of equal length ("Ohio State University" → Ohio, "Leeds City Council" → Leeds); never a
        direction or type word alone ("West", "Town")."""
        tokens = text.split()
        for size in range(len(tokens) - 1, 0, -1):
            for first in range(len(tokens) - size + 1):
                part = " ".join(tokens[first : first + size])
                if DIRECTION.match(part + " ") or TYPE_WORD.match(" " + part):
                    continue
                found = self.reading(part, prefer)
                if found is not None and (found.precision != "place" or found.population >= BIG_TOWN):
                    return found
        return None

    def area(self, text: str) -> Place | None:
        """The country, admin1 area or continent an abbreviation or continent name stands for ("U.S.", "Ky.")."""
        found = self._areas.get(written_key(text))
        if found is None:
            return None
        if found.kind == "country":
            return self.country_by_iso.get(found.country)
        if found.kind == "admin1":
            return self._admin1_by_code.get((found.country, found.code))
        return self._continents.get(found.code)  # None for a postal code, which is read only beside a town

    def postal(self, text: str) -> Place | None:
        """The US state or Canadian province a two-letter postal code stands for ("NJ", "BC"), read only beside a
        town ("Trenton, NJ")."""
        found = self._areas.get(text)
        if found is not None and found.kind in ("postal", "admin1"):  # "BC" is also read alone
            return self._admin1_by_code.get((found.country, found.code))
        return self._admin1_by_code.get(("US", text)) if len(text) == 2 and text.isupper() else None

    def could_be_town(self, text: str) -> bool:
        """Whether a name may be looked up as a town or area: not a continent or sea, a bare direction ("Western"),
        a feature ("Lake"), a demonym, a month or weekday abbreviation, an English function word ("Four", "Over"), a
        name under three letters (also once its article is dropped), a person's name ending in an initial ("Jonas K")
        or a short acronym."""
        letters = "".join(ch for ch in text if ch.isalpha())
        return not (
            name_key(text) in NOT_PLACES
            or DIRECTION.fullmatch(text + " ") is not None
            or text.split(" ", 1)[0] in FEATURE_WORDS
            or (demonym_key(text) in self._demonyms and self.country(text) is None)
            or text.lower().rstrip(".") in DATE_WORDS
            or text.lower() in STOP_WORDS
            or len(letters) < MIN_NAME
            or len(name_key(text)) < MIN_NAME
            or (" " in text and len(text.rsplit(" ", 1)[1]) == 1)
            or (letters.isupper() and len(letters) <= MAX_ACRONYM and self.country(text) is None)
        )

    def admin1_exact(self, text: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """An admin1 area with exactly this name key."""
        return pick(self._admin1.exact(text), prefer)


def demonym_key(text: str) -> str:
    """How a demonym is matched: as written, an all-capitals one ("KAZAKH") as a capitalised word."""
    return written_key(text.title() if text.isupper() and len(text) > MAX_ACRONYM else text)


def known_as(text: str, town: Place) -> bool:
    """Whether a town matched by name key is known by the text: a spelling of a town whose names reach English
    through transliteration, a major city's other name, or a one-spelling country's town by its own name as spelt
    there or by that name's first words (a short form GeoNames lists: "Clacton" for Clacton-on-Sea); not by the old
    or local names GeoNames lists for it (a town's former name is another word today), nor by a word that only
    folds to its key."""
    if town.population >= MAJOR_CITY or town.country not in ONE_SPELLING:
        return True
    if spelled(text) == spelled(town.name):  # its own name as spelt there: "Passing" is not Pasing, Bavaria
        return True
    words, own = fold(text).split(), fold(town.name).split()
    return len(words) < len(own) and words == own[: len(words)]


def spelled(text: str) -> str:
    """A name's letters as written, without case, diacritics, spaces and punctuation ("St. Louis" = "St Louis")."""
    return fold(text).replace(" ", "")


def by_name_or_near(text: str, town: Place, prefer: tuple[str, ...]) -> bool:
    """Whether a town matched by name key may be read: in the areas and countries the article names (or when it
    names none), else only a major city by any of its names or a big town by its own name as spelt ("Salt" in an
    article about Missouri is not As Salt, Jordan; "St. Peter" in one about Nigeria is no German village)."""
    if not prefer or preference(town, prefer) < len(prefer) or town.population >= MAJOR_CITY:
        return True
    return town.population >= BIG_TOWN and spelled(text) == spelled(town.name)


def place_country(line: str) -> str:
    """The country column of a places.tsv line (the file is sorted by it)."""
    return line.split("\t", 3)[2]


def corrected_admin1(rows: list[list[str]], supplement: list[list[str]]) -> list[list[str]]:
    """admin1.tsv's rows with the curated corrections applied (a supplement row replaces the area's name and keys,
    which came from the wrong name, or adds an area the table lacks)."""
    fixes = {(cc, code): (name, lat, lon, keys) for cc, code, name, lat, lon, keys, _note in supplement}
    out = []
    for row in rows:
        fix = fixes.pop((row[0], row[1]), None)
        out.append(row if fix is None else [row[0], row[1], *fix])
    out += [[cc, code, name, lat, lon, keys] for (cc, code), (name, lat, lon, keys) in fixes.items()]
    return out
