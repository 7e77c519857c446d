"""The choice pass: an extra-type story, a principal happening with secondary ones, or nothing typed."""

from __future__ import annotations

import pytest

from services.extractor.document import Choice, Document
from services.extractor.extract import EventExtractor
from services.extractor.passes import PASSES, choose_happenings
from tests.unit.extractor.conftest import make_article

EARTHQUAKE = make_article(
    "Earthquake kills at least 14 in Malatya",
    "MALATYA, Turkey (Meridian Wire) — A strong earthquake struck the province of Malatya in eastern Turkey on "
    "Tuesday, killing at least 14 people, the disaster agency said.\n\nRescue teams searched the rubble.",
    "2025-09-17T08:00",
)
ARREST = make_article(
    "Police arrest 30 protesters after election rally in Kampala",
    "Ugandan police arrested 30 opposition supporters after an election rally in Kampala on Monday, the party "
    "said.\n\nThe police said the rally had not been authorised.",
    "2025-10-14T08:00",
)
NOTHING = make_article("Markets open", "Shares opened little changed in quiet trading across the region this morning.")


def chosen(extractor: EventExtractor, article: object) -> Choice:
    """The document's choice after the passes up to and including the choice pass."""
    doc = Document(article, 3)  # type: ignore[arg-type]
    for step in PASSES[: PASSES.index(choose_happenings) + 1]:
        doc = step(extractor, doc)
    assert doc.choice is not None
    return doc.choice


def test_an_extra_type_headline_is_the_story(extractor: EventExtractor) -> None:
    choice = chosen(extractor, EARTHQUAKE)
    assert choice.extra is not None and choice.extra[0].plover == "DISASTER" and choice.principal == []
    assert choice.lead_place is not None and choice.lead_place.place.name == "Malatya"


def test_a_typed_headline_gives_the_principal_happening(extractor: EventExtractor) -> None:
    choice = chosen(extractor, ARREST)
    assert choice.extra is None and len(choice.principal) == 1
    assert choice.principal[0].chosen()[0].event_type.plover == "COERCE"


def test_nothing_typed_leaves_an_untyped_report(extractor: EventExtractor) -> None:
    choice = chosen(extractor, NOTHING)
    assert choice.extra is None and choice.principal == [] and choice.secondary == []


LEAD_ONLY = [
    ("threat-before-vote", "Niger said it will withdraw its troops from Mali unless the junta holds elections.",
     "THREATEN"),
    ("participle-killed-in-collision", "The number of people killed in a train collision in Egypt rose to 30.",
     "ACCIDENT"),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in LEAD_ONLY], ids=[i for i, _, _ in LEAD_ONLY])
def test_an_extra_type_only_the_lead_names_yields_to_a_happening_it_reports_first(
        extractor: EventExtractor, text: str, expected: str) -> None:
    choice = chosen(extractor, make_article("", text))
    found = choice.extra[0].plover if choice.extra else choice.principal[0].chosen()[0].event_type.plover
    assert found == expected
