"""Choosing among namesakes: population against the article's areas and countries, an area named beside the name,
a leading direction, skeleton matches that must spell the name, demonyms."""

from __future__ import annotations

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.gazetteer import Place
from services.extractor.name_index import alike
from services.extractor.namesakes import BESIDE_MARK, pick


def town(name: str, country: str, admin1: str, population: int) -> Place:
    """A town for the choice rules."""
    return Place(name, admin1, country, 0.0, 0.0, "place", None, population)


BIG_LONDON = town("London", "GB", "England", 8_961_989)
SMALL_LONDON = town("London", "US", "California", 1_869)
KY_LONDON = town("London", "US", "Kentucky", 8_126)


@pytest.mark.parametrize(
    ("prefer", "chosen"),
    [
        pytest.param((), BIG_LONDON, id="no-context-the-most-populous"),
        pytest.param(("US/California", "US"), BIG_LONDON, id="named-area-yields-to-a-city-1000-times-bigger"),
        pytest.param((f"{BESIDE_MARK}US/Kentucky", "US/California", "US"), KY_LONDON, id="the-area-beside-decides"),
    ],
)
def test_population_against_context(prefer: tuple[str, ...], chosen: Place) -> None:
    assert pick([BIG_LONDON, SMALL_LONDON, KY_LONDON], prefer, "London") == chosen


def test_a_named_area_outweighs_a_namesake_ten_times_bigger() -> None:
    big = town("Columbus", "US", "Ohio", 90_000)
    named = town("Columbus", "US", "Mississippi", 9_000)
    assert pick([big, named], ("US/Mississippi", "US"), "Columbus") == named


def test_a_town_known_by_another_name_counts_a_hundredth() -> None:
    other_name = town("Saint Petersburg", "RU", "St.-Petersburg", 5_351_935)
    own_name = town("Petersburg", "US", "Virginia", 31_346)
    assert pick([other_name, own_name], ("RU", "US"), "Petersburg") == other_name
    assert pick([other_name, own_name], ("US",), "Petersburg") == own_name


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        pytest.param("Idleb", "idlib", True, id="one-vowel-apart"),
        pytest.param("al-Khoain", "khowein", True, id="transliteration"),
        pytest.param("Korean", "karian", False, id="adjective-is-not-a-village"),
        pytest.param("Western", "strunino", False, id="word-with-the-same-consonants"),
        pytest.param("Guhdar", "igdir", False, id="short-skeleton-elsewhere"),
    ],
)
def test_alike(text: str, key: str, expected: bool) -> None:
    assert alike(text, key) is expected


@pytest.mark.parametrize(
    ("text", "prefer", "name", "precision"),
    [
        pytest.param("North Carolina", (), "North Carolina", "admin1", id="state-with-direction"),
        pytest.param("South Africa", (), "South Africa", "country", id="country-with-direction"),
        pytest.param("Southeastern Idlib", ("SY",), "Idlib", "place", id="direction-dropped-when-whole-is-unknown"),
        pytest.param("East London", ("GB",), "London", "place", id="whole-name-abroad-yields-to-a-preferred-country"),
    ],
)
def test_leading_direction(extractor: EventExtractor, text: str, prefer: tuple[str, ...], name: str,
                           precision: str) -> None:
    place = extractor.gazetteer.lookup(text, None, prefer)
    assert place is not None and (place.name, place.precision) == (name, precision)


@pytest.mark.parametrize(
    ("text", "prefer"),
    [
        pytest.param("Korean", ("IR",), id="adjective-not-a-skeleton-match"),
        pytest.param("Western", ("LK",), id="bare-direction"),
        pytest.param("KAZAKH", ("KZ",), id="capitalised-demonym"),
        pytest.param("English", (), id="demonym-of-a-constituent-nation"),
    ],
)
def test_no_event_place(extractor: EventExtractor, text: str, prefer: tuple[str, ...]) -> None:
    assert extractor.gazetteer.lookup(text, None, prefer) is None


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        pytest.param("Korean", "South Korea", "country", id="korean"),
        pytest.param("Serb", "Serbia", "country", id="noun-form"),
        pytest.param("KAZAKH", "Kazakhstan", "country", id="all-capitals"),
        pytest.param("English", "England", "admin1", id="constituent-nation"),
        pytest.param("Welsh", "Wales", "admin1", id="constituent-nation-welsh"),
    ],
)
def test_demonym_resolves_to_its_people(extractor: EventExtractor, text: str, name: str, precision: str) -> None:
    place = extractor.gazetteer.resolve(text)
    assert place is not None and (place.name, place.precision) == (name, precision)


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        pytest.param("Salt", ("US/Missouri", "US"), None, id="another-name-of-a-town-abroad"),
        pytest.param("Passing", ("NG",), None, id="word-folding-to-a-one-spelling-town"),
        pytest.param("St. Peter", ("NG",), None, id="small-town-abroad-by-its-own-name"),
        pytest.param("Fredericton", ("CA/New Brunswick", "CA"), "Fredericton", id="small-town-in-a-named-area"),
        pytest.param("Fredericton", (), "Fredericton", id="no-context-any-town"),
        pytest.param("Chicago", ("GB",), "Chicago", id="big-town-abroad-by-its-own-name"),
    ],
)
def test_towns_abroad(extractor: EventExtractor, text: str, prefer: tuple[str, ...], expected: str | None) -> None:
    place = extractor.gazetteer.lookup(text, None, prefer)
    assert (place.name if place is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param("Chicago", "US", id="big-and-unrivalled"),
        pytest.param("Fredericton", None, id="under-100000"),
        pytest.param("Birmingham", None, id="namesake-not-ten-times-smaller"),
        pytest.param("Georgia", None, id="a-country"),
    ],
)
def test_anchor(extractor: EventExtractor, text: str, country: str | None) -> None:
    town = extractor.gazetteer.anchor(text)
    assert (town.country if town is not None else None) == country


def test_saint_abbreviation_is_part_of_the_name(extractor: EventExtractor) -> None:
    place = extractor.gazetteer.lookup("St. Petersburg", None, ("RU",))
    assert place is not None and (place.name, place.country) == ("Saint Petersburg", "RU")


@pytest.mark.parametrize(("text", "province"), [("N.B.", "New Brunswick"), ("N.S.", "Nova Scotia"),
                                                ("Sask.", "Saskatchewan")])
def test_canadian_province_abbreviations(extractor: EventExtractor, text: str, province: str) -> None:
    place = extractor.gazetteer.area(text)
    assert place is not None and (place.name, place.precision) == (province, "admin1")


@pytest.mark.parametrize(
    ("text", "name", "admin1", "country"),
    [
        pytest.param("in Trenton, NJ and", "Trenton", "New Jersey", "US", id="us-postal-code"),
        pytest.param("in Paris, TX.", "Paris", "Texas", "US", id="postal-code-ending-a-sentence"),
        pytest.param("in London, ON.", "London", "Ontario", "CA", id="canadian-postal-code"),
        pytest.param("in Nelson, BC on Monday", "Nelson", "British Columbia", "CA", id="town-beside-beats-area"),
        pytest.param("in Paris, AP reported", "Paris", "Ile-de-France", "FR", id="no-such-code"),
    ],
)
def test_city_and_postal_code(extractor: EventExtractor, text: str, name: str, admin1: str, country: str) -> None:
    from services.extractor.places import geocode_span

    hits = geocode_span(text, 0, extractor.gazetteer, ("US",), [])
    towns = [(h.place.name, h.place.admin1, h.place.country) for h in hits if h.place.precision == "place"]
    assert towns == [(name, admin1, country)]


def test_a_postal_code_alone_is_no_place(extractor: EventExtractor) -> None:
    assert extractor.gazetteer.lookup("NJ", None, ("US",)) is None
    assert extractor.gazetteer.area("ON") is None


def area(name: str, country: str, population: int) -> Place:
    """An admin1 area for the town-or-area rule."""
    return Place(name, name, country, 0.0, 0.0, "admin1", None, population)


@pytest.mark.parametrize(
    ("town_", "area_", "prefer", "text", "expected"),
    [
        pytest.param(town("England", "US", "Arkansas", 2_765), area("England", "GB", 63_250_633), ("US", "GB"),
                     "England", True, id="area-dwarfs-a-town-of-a-preferred-country"),
        pytest.param(town("Ontario", "US", "California", 171_214), area("Ontario", "CA", 13_000_000), (),
                     "Ontario", True, id="area-fifty-times-a-big-town"),
        pytest.param(town("Washington", "US", "District of Columbia", 689_545), area("Washington", "US", 7_600_000),
                     ("US",), "Washington", False, id="capital-not-the-state"),
        pytest.param(town("Newark", "US", "New Jersey", 281_944), area("New York", "US", 19_000_000), ("US",),
                     "Newark", False, id="area-found-by-its-seats-name-has-no-weight"),
        pytest.param(town("Nelson", "CA", "British Columbia", 10_572), area("Nelson", "NZ", 52_000),
                     (f"{BESIDE_MARK}CA/British Columbia", "US"), "Nelson", False, id="town-in-the-area-beside"),
    ],
)
def test_area_first(town_: Place, area_: Place, prefer: tuple[str, ...], text: str, expected: bool) -> None:
    from services.extractor.namesakes import area_first

    assert area_first(town_, area_, prefer, text) is expected
