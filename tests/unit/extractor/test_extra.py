"""Happenings outside PLOVER: the curated trigger lexicon and the mention an article then yields."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.extra import ExtraTypes, trigger_pattern
from services.extractor.extract import EventExtractor
from tests.unit.extractor.conftest import make_article


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Earthquake kills 40 in eastern Turkey", ("DISASTER", "earthquake"), id="quake"),
        pytest.param("Fourteen dead in bus crash on mountain highway", ("ACCIDENT", "road"), id="bus-crash"),
        pytest.param("Court sentences former minister to ten years", ("TRIAL", "verdict"), id="sentence"),
        pytest.param("Voters go to the polls in snap election", ("ELECTION", "vote"), id="election"),
        pytest.param("Carmaker unveils its first electric pickup", ("LAUNCH", "product"), id="launch"),
        pytest.param("Farmers protest fuel prices in Rennes", None, id="plover-only"),
    ],
)
def test_headline_triggers(title: str, expected: tuple[str, str] | None) -> None:
    found = ExtraTypes.load().classify(title, "")
    assert ((found[0].plover, found[0].mode) if found else None) == expected


def test_trigger_wildcards() -> None:
    assert trigger_pattern("quake*|seized * of cocaine").search("Police seized tonnes of cocaine")
    assert trigger_pattern("quake*").search("two quakes struck") is not None
    assert trigger_pattern("quake*").search("earthquake") is None


def test_a_disaster_article_yields_a_located_dated_event_with_its_toll(extractor: EventExtractor) -> None:
    article = make_article(
        "Earthquake kills at least 14 in Malatya",
        "MALATYA, Turkey (Meridian Wire) — A strong earthquake struck the province of Malatya in eastern Turkey on "
        "Tuesday, killing at least 14 people, the disaster agency said.\n\nRescue teams searched the rubble.",
        "2025-09-17T08:00",
    )
    [m] = extractor.extract(article, 1)
    assert (m.event_type.plover, m.event_type.mode, m.event_type.cameo) == ("DISASTER", "earthquake", None)
    assert m.location is not None and m.location.name == "Malatya"
    assert m.event_date == dt.date(2025, 9, 16)
    assert {(q.what, q.min) for q in m.quantities} == {("killed", 14)}
    assert m.blocking_key == "und"  # the deciding key: the article has no language
    assert m.evidence is not None and "malatya" in m.evidence.terms


def test_a_plover_headline_keeps_its_plover_event(extractor: EventExtractor) -> None:
    article = make_article(
        "Police arrest 30 protesters after election rally in Kampala",
        "Ugandan police arrested 30 opposition supporters after an election rally in Kampala on Monday, the party "
        "said.\n\nThe police said the rally had not been authorised.",
        "2025-10-14T08:00",
    )
    [m] = extractor.extract(article, 1)
    assert m.event_type.plover == "COERCE"
