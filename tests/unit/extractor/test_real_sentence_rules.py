"""Readings that real one-sentence reports need: a verb the parser mislemmatises, a doer no dictionary knows, the
subject of a gerund after a predicate adjective, a purpose named through "for", the nearer of two CAMEO patterns, and
an extra-type word that is only a typed clause's topic."""

from __future__ import annotations

import pytest

from services.extractor.aims import purposes
from services.extractor.extract import EventExtractor
from services.extractor.roles import find_subject
from tests.unit.extractor.conftest import make_article


@pytest.mark.parametrize(
    ("text", "plover", "cameo", "source"),
    [
        pytest.param("Angry farmers from the northern provinces have staged rallies in Nairobi against the Kenyan "
                     "government over fuel prices.", "PROTEST", "141", "Kenyan farmers", id="staged-lemma-stag"),
        pytest.param("The Northern Lakes Fisheries council has agreed to open a research station in Kisumu.",
                     "AGREE", "030", "Northern Lakes Fisheries council", id="unknown-named-doer"),
        pytest.param("Both the Sudanese army and the rebel fighters are guilty of violating the ceasefire in "
                     "Khartoum, monitors said.", "ASSAULT", "196", "Sudanese military", id="guilty-of-violating"),
        pytest.param("Thousands of farmers were converging on Friday for a rally in Nairobi to protest the new tax "
                     "law.", "PROTEST", "140", "Kenyan farmers", id="for-a-rally-to-protest"),
        pytest.param("Dock workers in Mombasa stopped work on the first day of a national strike over pay.",
                     "PROTEST", "143", "Kenyan labour", id="stopped-work-before-strike"),
        pytest.param("Kenyan police dispersed opposition supporters protesting the election results in Nairobi on "
                     "Monday.", "PROTEST", "141", "Kenyan opposition", id="election-is-the-protest-topic"),
    ],
)
def test_one_sentence_reports(extractor: EventExtractor, text: str, plover: str, cameo: str, source: str) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert (mention.event_type.plover, mention.event_type.cameo) == (plover, cameo)
    assert [a.name for a in mention.actors if a.role == "source"] == [source]


def test_a_purpose_named_through_for(extractor: EventExtractor) -> None:
    doc = extractor.parse_text("Farmers were converging on Friday for a rally in Nairobi to protest the tax.")
    verb = next(t for t in doc if t.text == "converging")
    assert purposes(verb) == frozenset({"protest"})


def test_a_gerund_after_a_predicate_adjective_takes_its_subject(extractor: EventExtractor) -> None:
    doc = extractor.parse_text("Both armies are guilty of violating the truce.")
    subject, passive = find_subject(next(t for t in doc if t.text == "violating"))
    assert (subject.text if subject is not None else None, passive) == ("armies", False)
