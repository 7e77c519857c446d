"""Areas beyond the towns: their GeoNames ids and points, and the names that are not in the town index.

``area_points.tsv`` (built by tools/build_area_points.py) gives countries, admin1 areas and continents a GeoNames
id and a point near the area's middle, and admin1 areas their towns' population; ``area_names.tsv`` (curated)
names them by abbreviation ("U.S.", "Ky.") or continent; the demonyms of ``countries.tsv``,
``countries_supplement.tsv`` and ``demonyms_supplement.tsv`` name countries' people.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.extractor.data import read_rows

Point = tuple[int | None, float, float]


@dataclass(frozen=True)
class AreaName:
    """What an abbreviation, continent name or demonym stands for: kind ('country', 'admin1', 'continent'),
    country and code."""

    kind: str
    country: str
    code: str


def area_points() -> dict[tuple[str, str, str], Point]:
    """(kind, country, code) → (GeoNames id, lat, lon)."""
    return {(kind, cc, code): (int(gid) if gid else None, float(lat), float(lon))
            for kind, cc, code, _name, gid, lat, lon, *_ in read_rows("area_points.tsv")}


def area_populations() -> dict[tuple[str, str], int]:
    """(country, admin1 code) → the admin1 area's population (the sum of its towns')."""
    return {(cc, code): int(people) for kind, cc, code, _name, _gid, _lat, _lon, people in read_rows("area_points.tsv")
            if kind == "admin1" and people}


def continent_names() -> dict[str, str]:
    """Continent code → its GeoNames name."""
    return {code: name for kind, _cc, code, name, *_ in read_rows("area_points.tsv") if kind == "continent"}


def written_key(text: str) -> str:
    """How an abbreviation is matched: as written, without spaces."""
    return text.replace(" ", "").strip()


def area_names() -> dict[str, AreaName]:
    """Written key → area, for abbreviations and continents (area_names.tsv)."""
    names = {}
    for kind, cc, code, written in read_rows("area_names.tsv"):
        for name in written.split("|"):
            names[written_key(name)] = AreaName(kind, cc, code)
    return names


def demonyms() -> dict[str, str]:
    """Demonym (and its plural) → ISO country code, from countries.tsv, its supplement and demonyms_supplement.tsv."""
    found: dict[str, str] = {}
    countries = [*read_rows("countries.tsv"), *read_rows("countries_supplement.tsv")]
    rows = [(iso2, demonym) for _c, iso2, _n, demonym, _a in countries]
    rows += [(iso2, demonym) for iso2, demonym, *_ in read_rows("demonyms_supplement.tsv")]
    for iso2, demonym in rows:
        for form in (demonym, demonym + "s"):
            if demonym:
                found.setdefault(written_key(form), iso2)
    return found


def demonym_areas() -> dict[str, tuple[str, str]]:
    """Demonym (and its plural) → (ISO country code, admin1 code) for a people of a constituent nation
    (demonyms_supplement.tsv rows with an admin1 code: English → GB, ENG)."""
    found: dict[str, tuple[str, str]] = {}
    for iso2, demonym, *code in read_rows("demonyms_supplement.tsv"):
        for form in (demonym, demonym + "s"):
            if code and code[0]:
                found.setdefault(written_key(form), (iso2, code[0]))
    return found
