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
            [("al-Khoain", "town"), ("Idlib", None)],
            id="village-and-area",
        ),
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
