"""Rules found by diagnosing the held-out corpus's misses, each tested on fictional text written for this file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from services.extractor.actors import ActorResolver
from services.extractor.aims import intended
from services.extractor.candidates import Candidate
from services.extractor.dating import background, happening_date
from services.extractor.extra import ExtraTypes
from services.extractor.extract import EventExtractor
from services.extractor.gazetteer import Gazetteer, corrected_admin1
from services.extractor.happenings import group
from services.extractor.nominals import build_nominal, participants
from services.extractor.places import toponyms
from services.extractor.quantities import find_counts, find_figures
from services.extractor.sentences import Sentence
from services.extractor.spans import anchor_chain
from tests.unit.extractor.conftest import make_article

ON = dt.date(2025, 4, 11)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Forty-two fighters deserted.", ("fighters", 42, 42), id="hyphenated-number-word"),
        pytest.param("Sixty-one soldiers were hurt.", ("injured", 61, 61), id="hyphenated-then-outcome"),
        pytest.param("between twenty and thirty fighters", ("fighters", 20, 30), id="word-range-kept"),
        pytest.param("officials said five people had died", ("killed", 5, 5), id="had-died"),
    ],
)
def test_counts(text: str, expected: tuple[str, int, int]) -> None:
    [count] = find_counts(text)
    assert (count.what, count.low, count.high) == expected


def test_an_increment_is_not_a_total() -> None:
    assert find_counts("Divers recovered four more bodies from the river on Sunday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The death toll rose to 14 overnight.", ("killed", 14), id="toll-rose-to"),
        pytest.param("the ferry toll climbed to 23", ("killed", 23), id="toll-climbed-to"),
        pytest.param("The number of people killed in the blaze rose to 31, the ministry said.", ("killed", 31),
                     id="number-killed-rose-to"),
        pytest.param("Villagers say the true figure is at least 19.", ("", 19), id="true-figure-is"),
    ],
)
def test_figures(text: str, expected: tuple[str, int]) -> None:
    [figure] = find_figures(text)
    assert (figure.what, figure.low) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Thieves steal jewels worth $3 million from museum", ("CRIME", "theft"), id="thieves-steal"),
        pytest.param("Brewer to shut Lyon factory, cut 300 jobs", ("BUSINESS", "closure"), id="to-shut-factory"),
        pytest.param("Staff fight closure of Ruhr steel plant", ("BUSINESS", "closure"), id="closure-of-plant"),
        pytest.param("India launches PSLV rocket with weather satellite", ("LAUNCH", "space"), id="launches-rocket"),
        pytest.param("Agency puts weather satellite in orbit", ("LAUNCH", "space"), id="in-orbit"),
        pytest.param("Families welcome verdict in ferry disaster trial", ("TRIAL", "verdict"), id="trial-first"),
        pytest.param("Militants fire rockets at border town", None, id="rockets-are-no-launch"),
    ],
)
def test_extra_triggers(title: str, expected: tuple[str, str] | None) -> None:
    found = ExtraTypes.load().classify(title, "")
    assert ((found[0].plover, found[0].mode) if found else None) == expected


def test_the_reporting_day_is_passed_over_for_the_happenings_day() -> None:
    lead = Sentence("The dairy group said on Friday it would close its plant, announced to staff on Tuesday.", 0, 1)
    date = happening_date(lead, [], 40, ON)
    assert date is not None and date.date == dt.date(2025, 4, 8)


def test_an_early_paragraph_dates_the_happening_when_the_lead_has_only_the_report() -> None:
    lead = Sentence("The ruling party won the seat in a by-election, the commission said on Friday.", 0, 1)
    later = Sentence("Turnout in Wednesday's vote was low.", 90, 2)
    date = happening_date(lead, [later], 30, ON)
    assert date is not None and date.date == dt.date(2025, 4, 9)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        pytest.param(
            "Mudslide kills six in Peruvian mountain village",
            "(Example Wire) — A mudslide buried homes in the Peruvian town of Huaraz on Wednesday, killing six "
            "people, the regional government said.",
            "DISASTER",
            id="trigger-is-the-headline-subject",
        ),
        pytest.param(
            "Kenya launches Taifa-2 rocket from Malindi",
            "(Example Wire) — Kenya's space agency launched a Taifa-2 rocket carrying a small satellite from the "
            "coast near Malindi on Thursday, officials said.",
            "LAUNCH",
            id="launching-a-rocket-is-no-attack",
        ),
        pytest.param(
            "Families welcome verdict in Nairobi bridge collapse trial",
            "(Example Wire) — Relatives of those killed when a footbridge collapsed in Nairobi said on Friday that "
            "justice had been done, a day after a court convicted two engineers of manslaughter.",
            "TRIAL",
            id="welcoming-a-verdict-comments-on-it",
        ),
    ],
)
def test_an_extra_type_headline_outranks_a_second_reading_of_its_words(
    extractor: EventExtractor, title: str, text: str, expected: str
) -> None:
    [mention] = extractor.extract(make_article(title, text, "2025-04-11T09:00"), 1)
    assert mention.event_type.plover == expected


def test_a_capitalised_first_word_is_not_a_town(extractor: EventExtractor) -> None:
    article = make_article(
        "Thieves steal $1 million from armoured van in Quito",
        "(Example Wire) — Armed thieves stopped an armoured van in the Ecuadorean capital Quito on Thursday and "
        "escaped with about $1 million, police said.",
        "2025-04-11T09:00",
    )
    [mention] = extractor.extract(article, 1)
    assert mention.location is not None and mention.location.name == "Quito"


def test_admin1_corrections_replace_the_name_and_keys_or_add_the_area() -> None:
    rows = [["XX", "01", "Old", "1.0", "2.0", "old"], ["XX", "02", "Kept", "3.0", "4.0", "kept"]]
    supplement = [["XX", "01", "New", "1.5", "2.5", "new", "note"], ["XX", "09", "Added", "5.0", "6.0", "added", ""]]
    assert corrected_admin1(rows, supplement) == [
        ["XX", "01", "New", "1.5", "2.5", "new"],
        ["XX", "02", "Kept", "3.0", "4.0", "kept"],
        ["XX", "09", "Added", "5.0", "6.0", "added"],
    ]


@pytest.mark.parametrize(
    ("town", "prefer", "admin1"),
    [
        pytest.param("Bamako", ("ML",), "Bamako", id="area-the-vote-missed"),
        pytest.param("Kyzyl-Kiya", ("KG",), "Batken", id="area-the-vote-misnamed"),
        pytest.param("Blida", ("DZ",), "Blida", id="untouched-area"),
    ],
)
def test_towns_carry_corrected_admin1_names(town: str, prefer: tuple[str, ...], admin1: str) -> None:
    place = Gazetteer.load().lookup(town, None, prefer)
    assert place is not None and place.admin1 == admin1


def test_the_un_has_one_canonical_name(extractor: EventExtractor) -> None:
    resolver: ActorResolver = extractor.resolver
    names = {resolver.phrase_actor(extractor.actors.find(text), ON, None).name  # type: ignore[union-attr]
             for text in ("the UN", "the United Nations", "the U.N.")}
    assert names == {"United Nations"}


def test_a_reporting_verb_in_a_subordinate_clause_does_not_date_the_main_one(extractor: EventExtractor) -> None:
    doc = extractor.parse_text("Guards detained nine men at the port, though their lawyers said on Sunday that two "
                               "more were held.")
    detained = next(t for t in doc if t.text == "detained")
    assert "said" not in {t.text for t in anchor_chain(detained)}


def test_a_clause_after_another_is_not_dated_by_it(extractor: EventExtractor) -> None:
    doc = extractor.parse_text("Ghana said on Friday it would not give in after Togo threatened to close the border.")
    threatened = next(t for t in doc if t.text == "threatened")
    assert "said" not in {t.text for t in anchor_chain(threatened)}


def test_an_expected_step_is_no_happening(extractor: EventExtractor) -> None:
    article = make_article(
        "Police arrest 14 union members in Lusaka",
        "(Example Wire) — Zambian police on Thursday arrested 14 members of a teachers' union at a meeting in Lusaka, "
        "their lawyer said. The teachers are expected to appear in court on Monday.",
        "2025-04-11T09:00",
    )
    [mention] = extractor.extract(article, 1)
    assert mention.event_date == dt.date(2025, 4, 10)


def test_a_law_on_the_military_makes_no_military_target(extractor: EventExtractor) -> None:
    article = make_article(
        "Thousands of students rally against military law in Manila",
        "MANILA (Example Wire) — Thousands of Filipino students rallied outside the Senate in Manila on Thursday "
        "against a military law.",
        "2025-04-11T09:00",
    )
    [mention] = extractor.extract(article, 1)
    assert mention.event_type.plover == "PROTEST"
    assert "Philippine military" not in {a.name for a in mention.actors}


def test_striking_a_deal_is_an_agreement_not_an_attack(extractor: EventExtractor) -> None:
    senses = extractor.verbs.senses("strike", [], ["deal"], False, [])
    assert senses[0].code == "057"
    doc = extractor.parse_text("Farmers welcomed a deal struck by Ghana and Togo on Tuesday.")
    struck = next(t for t in doc if t.text == "struck")
    assert struck.dep_ == "acl"


def test_counts_of_another_day_or_the_reverse_dyad_stay_out(extractor: EventExtractor) -> None:
    article = make_article(
        "Police arrest 21 opposition activists in Lusaka",
        "(Example Wire) — Zambian police on Thursday arrested 21 activists of the opposition Patriotic Front at a "
        "meeting in Lusaka, their lawyers said.\n\nThe party said the arrests were politically motivated.\n\n"
        "In March 2021, 60 party supporters were arrested by police at a similar meeting.",
        "2025-04-11T09:00",
    )
    [mention] = extractor.extract(article, 1)
    assert [(q.what, q.min, q.max) for q in mention.quantities] == [("arrested", 21, 21)]


def fake(kind: str, weight: float, source: str | None = None, target: str | None = None) -> Any:
    """A candidate stand-in with just what ``group`` reads."""
    def actor(name: str | None) -> Any:
        return None if name is None else SimpleNamespace(name=name, state=False, sector=None, country=None,
                                                         generic=False)
    return Candidate(
        SimpleNamespace(object_range=None, sentence=SimpleNamespace(start=0, is_title=False),  # type: ignore[arg-type]
                        reported=False),
        SimpleNamespace(code="190", block="", pattern_words=()),  # type: ignore[arg-type]
        SimpleNamespace(plover=kind), actor(source), actor(target), weight=weight,  # type: ignore[arg-type]
    )


def test_an_actorless_headline_backs_only_a_happening_the_early_text_reports() -> None:
    late = fake("ASSAULT", 1.0, "Police", "Detainees")  # a late paragraph's side clause
    lead = fake("PROTEST", 2.0, "Students", "Government")
    happenings = group([fake("ASSAULT", 3.0), late, lead])
    assert happenings[0].members == [lead]


def test_one_headline_reports_a_type_once() -> None:
    lead = fake("ASSAULT", 2.0, "Police", "Crowd")
    rally = fake("PROTEST", 2.0, "Crowd2", "Government")
    headline = [fake("ASSAULT", 3.0), fake("ASSAULT", 3.0), fake("PROTEST", 3.0)]  # "fire tear gas": fire, tear
    happenings = group([*headline, lead, rally])
    assert [h.score for h in happenings] == [5.0, 5.0]


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        pytest.param("The government needs the grant to pay nurses and build clinics.", "build",
                     id="conjoined-infinitive"),
        pytest.param("The town depends on the river to irrigate its fields.", "irrigate", id="depends-to"),
        pytest.param("The envoys are expected to sign the accord on Monday.", "sign", id="expected-to"),
    ],
)
def test_aims_are_no_happenings(extractor: EventExtractor, sentence: str, verb: str) -> None:
    doc = extractor.parse_text(sentence)
    assert intended(next(t for t in doc if t.text == verb))


def test_a_condition_is_no_happening(extractor: EventExtractor) -> None:
    doc = extractor.parse_text("Chad threatened to close the road unless Sudan reopened its border within a week.")
    reopened = next(t for t in doc if t.text == "reopened")
    assert intended(reopened)


def test_background_clauses_do_not_count_towards_a_codes_share() -> None:
    lead = fake("THREATEN", 3.0, "Chad", "Sudan")
    lead = replace(lead, match=SimpleNamespace(code="130", block="", pattern_words=()))
    side = fake("COERCE", 1.0, "Chad", "Sudan")
    old = fake("COERCE", 0.3, "Chad", "Sudan")  # "closed its border in July 2021", discounted as background
    old = replace(old, background=True)
    side, old = (replace(c, match=SimpleNamespace(code="172", block="", pattern_words=("border",)))  # qualified
                 for c in (side, old))
    [happening] = group([lead, side, old])
    assert happening.chosen() == [lead]


def test_background_dates_do_not_date_the_happening() -> None:
    assert background(dt.date(2023, 7, 1), dt.date(2025, 4, 11))
    assert not background(dt.date(2025, 4, 8), dt.date(2025, 4, 11))


def test_the_town_of_a_name_is_the_town_not_its_province() -> None:
    gazetteer = Gazetteer.load()
    assert [hint for name, _, hint in toponyms("talks in the Kyrgyz town of Batken") if name == "Batken"] == ["town"]
    town = gazetteer.lookup("Batken", "town", ("KG",))
    assert town is not None and town.precision == "place"
    area = gazetteer.lookup("Batken", None, ("KG",))
    assert area is not None and area.precision == "admin1"  # a small town named like its province: the province


@pytest.mark.parametrize("verb", ["dismiss", "rebuff", "spurn"])
def test_turning_down_an_appeal_rejects_it(extractor: EventExtractor, verb: str) -> None:
    [sense, *_] = extractor.verbs.senses(verb, [], ["appeal"], False, [])
    assert sense.code == "120"
    assert extractor.verbs.senses(verb, [], ["minister"], False, [])[0].code != "120"


def test_talks_between_two_parties_name_both_and_their_topic_is_no_target(extractor: EventExtractor) -> None:
    text = "Officials said talks between Ghana and Togo on the border in Lome on Monday had gone well."
    doc = extractor.parse_text(text)
    talks = next(t for t in doc if t.text == "talks")
    doers, targets = participants(talks, True)
    assert [t.text for t in doers] == ["Ghana"] and targets == []
    clause = build_nominal(talks, True, extractor.verbs.senses("meet", [], [], False, []), Sentence(text, 0, 1))
    assert clause is not None and [text[a:b] for a, b in clause.partners] == ["Togo"]
