"""Areas: abbreviations, continents and demonyms read as countries, admin1 areas and continents."""

from __future__ import annotations

import pytest

from services.extractor.areas import area_names, area_points, area_populations, demonyms, written_key
from services.extractor.extract import EventExtractor


@pytest.mark.parametrize(
    ("text", "kind", "country", "code"),
    [
        pytest.param("U.S.", "country", "US", "", id="dotted-country"),
        pytest.param("UK", "country", "GB", "", id="bare-country"),
        pytest.param("Ky.", "admin1", "US", "KY", id="ap-state"),
        pytest.param("N.C.", "admin1", "US", "NC", id="dotted-state"),
        pytest.param("European Union", "continent", "", "EU", id="union-as-continent"),
    ],
)
def test_area_names(text: str, kind: str, country: str, code: str) -> None:
    found = area_names()[written_key(text)]
    assert (found.kind, found.country, found.code) == (kind, country, code)


def test_every_area_name_has_a_point() -> None:
    points = area_points()
    for name in area_names().values():
        kind = "admin1" if name.kind == "postal" else name.kind  # a postal code stands for an admin1 area
        key = (kind, "" if kind != "admin1" and kind != "country" else name.country,
               name.code if kind != "country" else "")
        assert key in points, name


@pytest.mark.parametrize(("text", "iso2"), [("Peruvian", "PE"), ("Peruvians", "PE"), ("British", "GB")])
def test_demonyms(text: str, iso2: str) -> None:
    assert demonyms()[text] == iso2


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        pytest.param("U.S.", "United States", "country", id="abbreviation-over-village"),
        pytest.param("Ky.", "Kentucky", "admin1", id="state-abbreviation"),
        pytest.param("Asian", "Asia", "continent", id="continent-adjective"),
        pytest.param("Peruvian", "Peru", "country", id="demonym"),
        pytest.param("NJ", "New Jersey", "admin1", id="postal-code-alone"),
        pytest.param("Maui", "Maui County", "admin2", id="county-without-its-type-word"),
        pytest.param("Clacton", "Clacton-on-Sea", "place", id="short-form-of-a-one-spelling-town"),
        pytest.param("Borno State", "Borno", "admin1", id="country-alias-naming-a-province"),
    ],
)
def test_resolve_reads_any_toponym(extractor: EventExtractor, text: str, name: str, precision: str) -> None:
    place = extractor.gazetteer.resolve(text)
    assert place is not None and (place.name, place.precision) == (name, precision)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Asia", id="continent"),
        pytest.param("Peruvians", id="demonym"),
        pytest.param("Q", id="single-letter"),
        pytest.param("Dec", id="month-abbreviation"),
        pytest.param("Thurs", id="weekday-abbreviation"),
        pytest.param("Four", id="function-word"),
        pytest.param("XJQ", id="short-acronym"),
        pytest.param("The Qs", id="short-once-the-article-is-dropped"),
        pytest.param("Jonas K", id="name-ending-in-an-initial"),
        pytest.param("NJ", id="postal-code-alone"),
    ],
)
def test_no_event_place(extractor: EventExtractor, text: str) -> None:
    assert extractor.gazetteer.lookup(text, None, ("US",)) is None


def test_countries_stand_at_their_geonames_id(extractor: EventExtractor) -> None:
    place = extractor.gazetteer.lookup("Peru", None, ())
    assert place is not None and place.geonameid == 3932488


def test_admin1_areas_carry_their_towns_population() -> None:
    """area_points.tsv gives each admin1 area the sum of its towns' population: a prior among namesakes."""
    people = area_populations()
    assert people[("US", "CA")] > 20_000_000 > people[("US", "WY")] > 0
