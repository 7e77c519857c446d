"""The focus town: a vague event place sharpened by the town the article places things in."""

from __future__ import annotations

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.focus import focus_town, sharpen
from services.extractor.gazetteer import Gazetteer, Place
from services.extractor.places import PlaceHit

TWICE = (
    "Government troops retook ground in northern Syria on Friday. The fighting centred on Manbij, "
    "and convoys were seen moving into Manbij at dawn. Officials in Damascus said little."
)
METONYM = "Damascus said the talks failed. Damascus rejected the proposal. Troops moved into Manbij."
TIE = "Shelling hit Manbij and later struck Azaz. Families fled from Manbij and from Azaz."


@pytest.fixture(scope="module")
def gazetteer(extractor: EventExtractor) -> Gazetteer:
    return extractor.gazetteer


def hit(place: Place) -> PlaceHit:
    return PlaceHit(place, place.name, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(TWICE, "Manbij"), (METONYM, None), (TIE, None)],
    ids=["two-locative-mentions", "capital-as-metonym-is-not-counted", "tie-gives-nothing"],
)
def test_focus_town(gazetteer: Gazetteer, text: str, expected: str | None) -> None:
    found = focus_town(text, gazetteer, ("SY",), [])
    assert (found.place.name if found else None) == expected


def test_sharpen_replaces_country_and_containing_province_only(gazetteer: Gazetteer) -> None:
    focus = focus_town(TWICE, gazetteer, ("SY",), [])
    assert focus is not None
    syria, turkey = gazetteer.country_by_iso["SY"], gazetteer.country_by_iso["TR"]
    aleppo, idlib = gazetteer.admin1("Aleppo", ("SY",)), gazetteer.admin1("Idlib", ("SY",))
    assert sharpen(hit(syria), focus) is focus
    assert sharpen(None, focus) is focus
    assert aleppo is not None and sharpen(hit(aleppo), focus) is focus
    assert idlib is not None and (kept := sharpen(hit(idlib), focus)) is not None and kept.place == idlib
    assert (other := sharpen(hit(turkey), focus)) is not None and other.place == turkey
    town = gazetteer.town("Azaz", ("SY",))
    assert town is not None and (same := sharpen(hit(town), focus)) is not None and same.place == town
