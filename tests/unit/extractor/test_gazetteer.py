"""Gazetteer: spelling variants, admin1 areas with their seat, province hints, fallbacks, known gaps."""

from __future__ import annotations

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.places import best_place, geocode_span, toponyms


@pytest.mark.parametrize(
    ("text", "hint", "name", "admin1", "precision"),
    [
        pytest.param("Idlib", None, "Idlib", "Idlib", "place", id="town"),
        pytest.param("Idleb", None, "Idlib", "Idlib", "place", id="town-e-i-variant"),
        pytest.param("Edlib", None, "Idlib", "Idlib", "place", id="town-initial-vowel-variant"),
        pytest.param("Idlib", "admin1", "Idlib", "Idlib", "admin1", id="province-hint"),
        pytest.param("Deir ez-Zor", "admin1", "Deir ez-Zor", "Deir ez-Zor", "admin1", id="governorate"),
        pytest.param("Deir Ezzor", "admin1", "Deir ez-Zor", "Deir ez-Zor", "admin1", id="governorate-sun-letter"),
        pytest.param("Dayr az Zawr", "admin1", "Deir ez-Zor", "Deir ez-Zor", "admin1", id="governorate-iso-spelling"),
        pytest.param("Maarrat al-Numan", None, "Ma‘arrat an Nu‘mān", "Idlib", "place", id="town-with-admin1"),
        pytest.param("Brittany", None, "Brittany", "Brittany", "admin1", id="admin1-over-small-namesake-town"),
        pytest.param("Syria", None, "Syria", None, "country", id="country"),
    ],
)
def test_lookup(
    extractor: EventExtractor, text: str, hint: str | None, name: str, admin1: str | None, precision: str
) -> None:
    place = extractor.gazetteer.lookup(text, hint, ("SY", "FR"))
    assert place is not None
    assert (place.name, place.admin1, place.precision) == (name, admin1, precision)


def test_admin1_stands_at_the_middle_of_its_towns_with_its_geonames_id(extractor: EventExtractor) -> None:
    place = extractor.gazetteer.lookup("Idlib", "admin1", ("SY",))
    assert place is not None and abs(place.lat - 35.80) < 0.1 and abs(place.lon - 36.60) < 0.1
    assert place.geonameid == 169387


@pytest.mark.parametrize("name", ["Baghouz", "Baghuz", "al-Baghuz Fawqani", "Baghooz"])
def test_curated_sites_below_the_population_threshold_are_found_in_any_spelling(
    extractor: EventExtractor, name: str
) -> None:
    place = extractor.gazetteer.lookup(name, None, ("SY",))
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == ("Baghouz", "Deir ez-Zor", "SY", "place")


def test_a_curated_site_found_by_skeleton_only_inside_the_articles_countries(extractor: EventExtractor) -> None:
    assert extractor.gazetteer.lookup("Baghooz", None, ("IQ",)) is None


def test_a_curated_site_named_like_a_town_elsewhere_yields_to_the_preferred_country(
    extractor: EventExtractor,
) -> None:
    place = extractor.gazetteer.lookup("Krynky", None, ("UA",))
    assert place is not None and place.country == "UA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("in rural eastern Idlib province", [("Idlib", "admin1")], id="direction-words-and-province"),
        pytest.param(
            "from Syria’s northern province of Idlib",
            [("Syria", None), ("Idlib", "admin1")],
            id="possessive-and-province-of",
        ),
        pytest.param(
            "in the town of al-Khoain, Southeastern Idlib",
            [("al-Khoain", "town"), ("Southeastern Idlib", None)],
            id="village-and-area-direction-kept",
        ),
        pytest.param("schools in North Carolina", [("North Carolina", None)], id="direction-kept-on-the-name"),
    ],
)
def test_toponyms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(name, hint) for name, _, hint in toponyms(text)] == expected


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        pytest.param(
            "in the village of Kafr Zaytoonia, southern Idlib province",
            "Idlib",
            "admin1",
            id="unknown-village-falls-back-to-province",
        ),
        pytest.param("near Saraqeb in Idlib province", "Saraqib", "place", id="most-specific-wins"),
        pytest.param("in an unnamed hamlet in eastern Syria", "Syria", "country", id="country-fallback"),
    ],
)
def test_best_place(extractor: EventExtractor, text: str, name: str, precision: str) -> None:
    hit = best_place(geocode_span(text, 0, extractor.gazetteer, ("SY",), []))
    assert hit is not None and (hit.place.name, hit.place.precision) == (name, precision)


def test_no_skeleton_match_in_a_one_spelling_country(extractor: EventExtractor) -> None:
    assert extractor.gazetteer.lookup("Chacago", None, ("US",)) is None


def test_a_dotted_abbreviation_is_one_toponym() -> None:
    assert [name for name, _, _ in toponyms("talks in the U.S. and in Raleigh, N.C. on trade")] == [
        "U.S.", "Raleigh", "N.C."]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        pytest.param("PARIS, Tenn. (AP) — A storm", "Tennessee", id="dateline-state-abbreviation"),
        pytest.param("a fire in Springfield, Ill., on Friday", "Illinois", id="town-comma-state"),
        pytest.param("a fire in Springfield, Missouri", "Missouri", id="town-comma-state-name"),
    ],
)
def test_the_area_named_beside_a_town_chooses_among_namesakes(
    extractor: EventExtractor, text: str, admin1: str
) -> None:
    best = best_place(geocode_span(text, 0, extractor.gazetteer, ("FR", "US"), []))
    assert best is not None and best.place.precision == "place" and best.place.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "prefer", "name", "admin1", "country"),
    [
        pytest.param("Orange County", ("US",), "Orange County", "California", "US", id="most-populous-county"),
        pytest.param("Orange County", ("US/Florida", "US"), "Orange County", "Florida", "US",
                     id="county-in-named-state"),
        pytest.param("Cuyahoga County", (), "Cuyahoga County", "Ohio", "US", id="county-only-reading"),
        pytest.param("Kent", ("GB",), "Kent", "England", "GB", id="county-in-preferred-country-over-town"),
    ],
)
def test_counties_are_read(
    extractor: EventExtractor, text: str, prefer: tuple[str, ...], name: str, admin1: str, country: str
) -> None:
    """GeoNames second-order areas (admin2.tsv.xz): by their own name, among namesakes by the article's areas,
    and over a smaller namesake town in a less preferred country."""
    place = extractor.gazetteer.lookup(text, None, prefer)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == (name, admin1, country, "admin2")
    assert place.geonameid is not None and place.population > 0


def test_a_county_is_reported_at_admin_area_precision(extractor: EventExtractor) -> None:
    """The event record has no county precision: a county is an area (admin1 precision) with its own name and id."""
    from services.extractor.builder import location
    from services.extractor.places import PlaceHit

    county = extractor.gazetteer.lookup("Orange County", None, ("US",))
    assert county is not None
    loc = location(PlaceHit(county, "Orange County", 0))
    assert loc is not None and (loc.precision, loc.name, loc.admin1) == ("admin1", "Orange County", "California")


def test_a_big_town_stays_a_town_beside_its_same_named_county(extractor: EventExtractor) -> None:
    """"Portland" with the US preferred is the city, not a county or a Jamaican parish."""
    place = extractor.gazetteer.lookup("Portland", None, ("US",))
    assert place is not None and (place.country, place.precision) == ("US", "place")


def test_the_capital_beats_the_state_named_like_it(extractor: EventExtractor) -> None:
    """An area named by the same word is no evidence for itself: "Washington" with only the state preferred."""
    place = extractor.gazetteer.lookup("Washington", None, ("US/Washington", "US"))
    assert place is not None and place.precision == "place" and abs(place.lon + 77.04) < 0.1


def test_an_admin1_area_of_a_preferred_country_beats_a_namesake_abroad(extractor: EventExtractor) -> None:
    """Among admin1 namesakes the one in a preferred country, else the most populous."""
    place = extractor.gazetteer.lookup("Florida", "admin1", ())
    assert place is not None and place.country == "US"


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        pytest.param("Ohio State University", "Ohio", "admin1", id="state-university"),
        pytest.param("University of Kentucky", "Kentucky", "admin1", id="university-of"),
        pytest.param("Leeds City Council", "Leeds", "place", id="big-town-in-a-longer-name"),
        pytest.param("Benue State", "Benue", "admin1", id="state-type-word"),
        pytest.param("West Harbour Pier", None, None, id="no-direction-word-or-small-town"),
    ],
)
def test_resolve_reads_the_place_a_longer_name_is_named_after(
    extractor: EventExtractor, text: str, name: str | None, precision: str | None
) -> None:
    """Gold spans ("given spans") of a name that embeds a toponym: its longest run of words read as an area or a town
    of 100,000 or more; never a direction word."""
    place = extractor.gazetteer.resolve(text)
    got = (place.name, place.precision) if place is not None else (None, None)
    assert got == (name, precision)


def test_a_city_known_by_another_name_does_not_outweigh_a_town_of_that_name() -> None:
    """pick: the dominance of a major city holds for its own name, not for a nickname or former name it also has."""
    from services.extractor.gazetteer import Place, pick

    town = Place("Maple Grove", "Ohio", "US", 40.0, -83.0, "place", 1, 3_000)
    city = Place("Port Amara", None, "XX", 1.0, 103.0, "place", 2, 4_000_000)  # also listed as "Maple Grove"
    namesake = Place("Maple Grove", None, "XX", 1.0, 103.0, "place", 3, 4_000_000)
    assert pick([town, city], ("US",), "Maple Grove") == town
    assert pick([town, namesake], ("US",), "Maple Grove") == namesake


def test_saint_abbreviation_joins_the_toponym() -> None:
    assert [name for name, _, _ in toponyms("the consulate in St. Petersburg and Mt. Vernon")] == [
        "St. Petersburg", "Mt. Vernon"]
