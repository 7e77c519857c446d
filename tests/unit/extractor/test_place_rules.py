"""Place rules of session 4 (2026-11-21), each tested on fictional wire-style text written for this file:
"of"-phrases of non-place nouns place nothing, towns of a fronted background sentence are not the focus, "the road
between A and B" places things at A, and a state's statement or threat is placed at its seat."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.focus import background_spans, opening_date, tally_towns
from services.extractor.sentences import article_sentences
from services.extractor.spans import place_spans
from tests.unit.extractor.conftest import make_article


def locative_texts(extractor: EventExtractor, text: str) -> list[str]:
    """The texts of the locative spans of a sentence's first "in" phrase."""
    doc = extractor.parse_text(text)
    prep = next(t for t in doc if t.lower_ == "in" and t.dep_ == "prep")
    return [text[a:b] for a, b in place_spans(prep, 0)]


def test_an_of_phrase_of_a_non_place_noun_places_nothing(extractor: EventExtractor) -> None:
    spans = locative_texts(extractor, "Zambia accused its neighbour on Monday, in its harshest rebuke of Lilongwe yet.")
    assert not any("Lilongwe" in s for s in spans)


def test_an_of_phrase_of_a_place_noun_still_places(extractor: EventExtractor) -> None:
    spans = locative_texts(extractor, "Gunmen attacked a clinic in the outskirts of Goma on Monday.")
    assert any("Goma" in s for s in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("In August, a flood swept through the town of Kasese.", dt.date(2025, 8, 31), id="bare-month"),
        pytest.param("In 2019, a bridge collapsed near Jinja.", dt.date(2019, 12, 31), id="bare-year"),
        pytest.param("On Monday, divers searched the lake.", dt.date(2025, 11, 10), id="weekday"),
        pytest.param("Officials said in August that the road was unsafe.", None, id="not-fronted"),
    ],
)
def test_opening_date(text: str, expected: dt.date | None) -> None:
    assert opening_date(text, dt.date(2025, 11, 12)) == expected


def test_a_fronted_background_sentence_is_a_background_span() -> None:
    text = "Flood hits road.\n\nA flood cut a road on Tuesday.\n\nIn August, a flood hit the town of Kasese."
    _, sentences = article_sentences("Flood hits road", text)
    spans = background_spans(sentences, dt.date(2025, 11, 12))
    full, _ = article_sentences("Flood hits road", text)
    assert [full[a:b] for a, b in spans] == ["In August, a flood hit the town of Kasese."]


def test_towns_of_a_background_sentence_are_not_tallied_and_a_road_between_places_at_its_first_end(
    extractor: EventExtractor,
) -> None:
    text = ("Mud blocked the road between Fort Portal and Kasese on Tuesday night. "
            "In August, 12 people died when a flood hit the town of Jinja.")
    blocked: list[tuple[int, int]] = []
    start = text.index("In August")
    tally = tally_towns(text, extractor.gazetteer, ("UG",), blocked, [(start, len(text))])
    assert [p.name for p in tally.counts] == ["Fort Portal"]


def test_a_landslide_story_is_not_placed_in_the_town_of_a_recalled_one(extractor: EventExtractor) -> None:
    article = make_article(
        "Uganda landslide kills three on mountain road",
        "(Lakeside Wire) — At least three people were killed when a landslide buried part of a highway in western "
        "Uganda on Tuesday night, officials said on Wednesday.\n\n"
        "The slide hit the road between Fort Portal and Bundibugyo shortly after 9 p.m., police said.\n\n"
        "Forecasters warned of more heavy rain in the coming days.\n\n"
        "In August, 12 people died when a landslide hit the town of Bududa. The government has been criticised "
        "for not moving families off steep slopes.",
        published="2025-11-12T09:00",
    )
    [mention] = extractor.extract(article, 1)
    assert mention.event_type.plover == "DISASTER"
    assert mention.location is not None and mention.location.name == "Fort Portal"


def test_a_states_threat_is_placed_at_its_seat_not_at_the_dateline(extractor: EventExtractor) -> None:
    article = make_article(
        "Zambia says it will not bow to Malawi pressure over lake trade",
        "LUSAKA (Lakeside Wire) — Zambia said on Friday it would not give in to pressure after Malawi's government "
        "threatened to close its ports on Lake Malawi to Zambian cargo.\n\n"
        "The Malawian authorities on Thursday gave Zambia two weeks to lift a ban on Malawian maize, officials in "
        "Lilongwe said.\n\n"
        "\"We will not negotiate under threat,\" a government spokesman told reporters in Lusaka.\n\n"
        "Traders in Lusaka said prices of maize had risen.",
        published="2025-11-14T09:00",
    )
    [mention] = extractor.extract(article, 1)
    assert mention.event_type.plover == "THREATEN"
    assert mention.location is not None and mention.location.name == "Lilongwe"
