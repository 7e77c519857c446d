"""Follow-up stories, CAMEO codings and actor readings found through the event corpus (issue 5).

Every article here is fictional and written for these tests; places and groups differ from the corpus.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from services.extractor.candidates import Candidate
from services.extractor.clauses import object_range
from services.extractor.extract import EventExtractor
from services.extractor.weighing import COMMENT_FACTOR, discount_comments
from tests.unit.extractor.conftest import make_article


def first(extractor: EventExtractor, title: str, text: str, published: str) -> dict[str, object]:
    """The principal mention of a small article, flattened for assertions."""
    [m] = extractor.extract(make_article(title, text, published), 1)
    return {"type": m.event_type.plover, "cameo": m.event_type.cameo,
            "actors": {a.role: a.name for a in m.actors}, "place": m.location.name if m.location else None,
            "date": m.event_date, "counts": {q.what: (q.min, q.max) for q in m.quantities}}


CASES = [
    pytest.param(
        "Sudan army and RSF sign ceasefire in Jeddah",
        "The Sudanese army and the Rapid Support Forces signed a ceasefire agreement in Jeddah on Sunday, Saudi "
        "mediators said, after a month of talks.\n\nThe agreement is meant to let aid convoys reach Khartoum.",
        "2025-06-02T10:00",
        {"type": "RETREAT", "cameo": "0871", "place": "Jeddah", "date": dt.date(2025, 6, 1)},
        {"Sudanese military", "Rapid Support Forces"},
        id="ceasefire-agreement-is-a-truce-not-a-signing",
    ),
    pytest.param(
        "Bamako and rebels agree truce",
        "Mali's government and the rebels of the Azawad coalition agreed on Friday to a ceasefire during talks in "
        "Algiers, mediators said.\n\nFighting in the north had lasted for months.",
        "2025-02-08T10:00",
        {"type": "RETREAT", "cameo": "0871", "date": dt.date(2025, 2, 7)},
        None,
        id="agreeing-to-a-truce-declares-it",
    ),
    pytest.param(
        "Mali expels eight French embassy staff",
        "BAMAKO (Wire) — Mali expelled eight members of the French embassy staff on Tuesday and gave them three "
        "days to leave, the foreign ministry said.\n\nParis called the decision unjustified.",
        "2025-09-10T10:00",
        {"type": "SANCTION", "cameo": "161", "place": "Bamako", "date": dt.date(2025, 9, 9)},
        None,
        id="expelling-embassy-staff-is-a-diplomatic-sanction",
    ),
    pytest.param(
        "Al-Shabaab vows to strike Kenyan forces",
        "Al-Shabaab vowed on Monday to strike Kenyan forces across the border in response to air raids, a "
        "spokesman said in a recording.\n\nThe group has attacked border towns before.",
        "2025-03-11T10:00",
        {"type": "THREATEN", "cameo": "138", "date": dt.date(2025, 3, 10)},
        None,
        id="vowing-to-use-force-threatens-it",
    ),
    pytest.param(
        "Somali governor condemns killing of traders near Baidoa",
        "The governor of Somalia's South West state on Friday condemned an attack by Al-Shabaab on traders near "
        "Baidoa on Thursday that killed at least nine people.\n\nLocal elders gave a toll of eleven dead.\n\n"
        "The governor promised help for the families.",
        "2025-07-12T10:00",
        {"type": "ASSAULT", "place": "Baidoa", "date": dt.date(2025, 7, 10), "counts": {"killed": (9, 11)}},
        {"Al-Shabaab", "Somali business"},
        id="condemned-attack-is-the-happening-with-its-own-date",
    ),
    pytest.param(
        "Wagner pullout from Kidal raises hopes",
        "The withdrawal of Wagner fighters from Kidal on May 3 has raised hopes of calm in northern Mali, diplomats "
        "said on Friday.\n\nResidents said the fighters took their vehicles with them.",
        "2025-05-09T10:00",
        {"type": "RETREAT", "place": "Kidal", "date": dt.date(2025, 5, 3)},
        {"Wagner Group"},
        id="dated-nominal-withdrawal-without-target",
    ),
    pytest.param(
        "Police blame fog for deadly train crash in Punjab",
        "Police in Pakistan's Punjab province said on Monday that fog caused the train crash near Multan on "
        "January 4 that killed 9 passengers.\n\nThe driver survived.",
        "2025-01-06T10:00",
        {"type": "ACCIDENT", "place": "Multan", "date": dt.date(2025, 1, 4), "counts": {"killed": (9, 9)}},
        set(),
        id="headline-comment-on-an-accident-is-the-accident",
    ),
    pytest.param(
        "UN food agency reaches displaced in Darfur town",
        "The UN World Food Programme handed out food on Sunday to as many as 8,000 displaced people sheltering in "
        "Tawila, local officials said.\n\nThe agency itself put the number of people reached at about 7,000.",
        "2025-04-08T10:00",
        {"type": "AID", "cameo": "073", "counts": {"displaced": (7000, 8000)}},
        {"World Food Program", "Sudanese refugees"},
        id="handing-out-food-is-humanitarian-aid-and-a-figure-of-joins-the-count",
    ),
    pytest.param(
        "EU sanctions three Wagner commanders",
        "The European Union imposed sanctions on three commanders of the Wagner Group on Monday, EU ministers said "
        "in Brussels.\n\nThe group denied any wrongdoing.",
        "2025-02-25T10:00",
        {"type": "COERCE", "place": "Brussels"},
        {"European Union", "Wagner Group"},
        id="sanctions-on-commanders-of-a-group-target-the-group",
    ),
    pytest.param(
        "As many as 50,000 protested in Tbilisi, organisers say",
        "As many as 50,000 people protested in Tbilisi on Sunday, student organisers said on Tuesday, as Georgia's "
        "government and opposition traded accusations over the size of the crowd.\n\nMinisters accused the "
        "organisers of inflating the figure.",
        "2025-11-04T10:00",
        {"type": "PROTEST", "place": "Tbilisi", "date": dt.date(2025, 11, 2), "counts": {"protesters": (50000, 50000)}},
        None,
        id="actorless-headline-names-the-story-and-people-protested-is-active",
    ),
    pytest.param(
        "Qatar hosts signing",
        "DOHA (Wire) — The government of Mali and the rebel coalition signed a ceasefire agreement in Doha on "
        "Saturday, Qatari officials said.\n\nQatar has mediated for months.",
        "2025-06-08T10:00",
        {"type": "RETREAT", "place": "Doha"},
        None,
        id="the-government-of-a-state-is-that-states",
    ),
    pytest.param(
        "Tanzanian opposition says dozens of members detained",
        "Tanzania's main opposition party said on Friday that police had arrested dozens of its members in Arusha "
        "on Thursday.\n\nThe party said its members had been detained near its offices.",
        "2025-10-18T10:00",
        {"type": "COERCE", "date": dt.date(2025, 10, 16)},
        {"Tanzanian police", "Tanzanian opposition"},
        id="its-members-are-the-owners-not-an-unidentified-group",
    ),
    pytest.param(
        "Thousands march in Lima",
        "Thousands of Peruvians marched through central Lima on Saturday to demand lower food prices, police "
        "said.\n\nThe march passed off peacefully.",
        "2025-08-10T10:00",
        {"type": "PROTEST", "counts": {"protesters": (2000, 9000)}},
        {"Peruvian opposition", "Peruvian government"},
        id="protesting-people-are-protesters-against-the-government",
    ),
]


@pytest.mark.parametrize(("title", "text", "published", "expected", "actors"), CASES)
def test_followups_and_codings(
    extractor: EventExtractor, title: str, text: str, published: str, expected: dict[str, object],
    actors: set[str] | None,
) -> None:
    got = first(extractor, title, text, published)
    assert {k: got[k] for k in expected} == expected
    if actors is not None:
        assert set(got["actors"].values()) == actors  # type: ignore[attr-defined]


def test_the_government_of_a_named_state_is_that_states(extractor: EventExtractor) -> None:
    got = first(extractor, "Qatar hosts signing",
                "DOHA (Wire) — The government of Mali and the rebel coalition signed a ceasefire agreement in Doha on "
                "Saturday, Qatari officials said.\n\nQatar has mediated for months.", "2025-06-08T10:00")
    assert got["actors"]["source"] == "Malian government"  # type: ignore[index]


def test_a_deployment_has_no_target(extractor: EventExtractor) -> None:
    got = first(extractor, "Chad sends 1,000 troops to Lake province",
                "Chad's army deployed some 1,000 troops to the town of Bol on Friday to secure the area after "
                "attacks by Boko Haram, a spokesman said.\n\nBoko Haram has attacked the area before.",
                "2025-03-08T10:00")
    assert got["type"] == "MOBILIZE"
    assert "target" not in got["actors"]  # type: ignore[operator]


def test_talks_with_conjoined_parties_take_the_partner_not_the_topic(extractor: EventExtractor) -> None:
    got = first(extractor, "Iraq and Syria hold talks on border",
                "Iraq and Syria held talks in Baghdad on Sunday on the Islamic State and border security, the two "
                "foreign ministries said.\n\nThe ministers met for three hours.",
                "2025-07-14T10:00")
    assert got["type"] == "CONSULT"
    assert set(got["actors"].values()) == {"Iraq", "Syria"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sentence", "verb", "inner", "inside"),
    [
        pytest.param("The governor condemned an attack by gunmen on a market that killed nine people.",
                     "condemned", "killed", True, id="condemned-attack-holds-its-killing"),
        pytest.param("Niger accused Benin of sheltering militants who attacked its soldiers.",
                     "accused", "attacked", False, id="accusation-object-is-only-the-accused"),
    ],
)
def test_object_range_is_the_direct_object(
    extractor: EventExtractor, sentence: str, verb: str, inner: str, inside: bool
) -> None:
    doc = extractor.parse_text(sentence)
    token = next(t for t in doc if t.text == verb)
    span = object_range(token, 0)
    start = sentence.index(inner)
    assert (span is not None and span[0] <= start < span[1]) == inside


def fake(code: str, verb_start: int, reported: bool = False, object_range: tuple[int, int] | None = None) -> Any:
    """A stand-in candidate with only what the comment rule reads."""
    clause = SimpleNamespace(object_range=object_range, sentence=SimpleNamespace(start=0), verb_start=verb_start,
                             reported=reported)
    return Candidate(clause, SimpleNamespace(code=code, block="BLAME"), None, None, None, weight=2.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        pytest.param(fake("190", 30, reported=True), 2.0 * COMMENT_FACTOR, id="reported-killing-discounts-comment"),
        pytest.param(fake("190", 30, reported=False), 2.0, id="main-verb-inside-does-not"),
        pytest.param(fake("190", 80, reported=True), 2.0, id="outside-the-object-does-not"),
    ],
)
def test_a_comment_on_a_reported_happening_weighs_less(inner: Any, expected: float) -> None:
    comment = fake("111", 10, object_range=(20, 60))
    comment, _ = discount_comments([comment, inner])
    assert comment.weight == pytest.approx(expected)
