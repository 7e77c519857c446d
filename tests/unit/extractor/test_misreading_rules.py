"""Figure statements, headline nouns, arrivals with relief, envoys in misparsed objects, decisions taken and
diplomatic steps (session 6).

Every sentence and article here is fictional and written for these tests; places and groups differ from both
event corpora.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from services.extractor.aims import intended
from services.extractor.clauses import clauses
from services.extractor.event_nouns import event_noun
from services.extractor.extract import EventExtractor
from services.extractor.happenings import Happening
from services.extractor.misreadings import carried, destination, figure_statement, misread_stem, object_words
from services.extractor.placing import home_seat
from services.extractor.quantities import find_figures
from services.extractor.sentences import Sentence
from tests.unit.extractor.conftest import make_article


@pytest.fixture(scope="module")
def nlp(extractor: EventExtractor) -> Any:
    """The extractor's parse pass on one text (plain parse records)."""
    return extractor.parse_text


def token(nlp: Any, sentence: str, word: str) -> Any:
    """The first token of a parsed sentence with this text."""
    return next(t for t in nlp(sentence) if t.text == word)


def codes(extractor: EventExtractor, sentence: str, title: bool = False) -> dict[str, str | None]:
    """Verb text → first sense code of every clause the sentence yields."""
    doc = extractor.parse_text(sentence)
    return {c.verb: c.senses[0].code for c in clauses(doc, Sentence(sentence, 0, 0, title), extractor.verbs)}


def first(extractor: EventExtractor, title: str, text: str, published: str) -> dict[str, object]:
    """The principal mention of a small article, flattened for assertions."""
    [m] = extractor.extract(make_article(title, text, published), 1)
    return {"type": m.event_type.plover, "actors": {a.role: a.name for a in m.actors},
            "place": m.location.name if m.location else None, "date": m.event_date,
            "counts": {q.what: (q.min, q.max) for q in m.quantities}}


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        pytest.param("Dockers claim 6,000 at the rally.", "claim", True, id="claim-a-number"),
        pytest.param("Organisers reported 900 marchers in the square.", "reported", True, id="report-a-counted-noun"),
        pytest.param("The miners' union claimed victory in the dispute.", "claimed", False, id="claim-a-thing"),
        pytest.param("Police said 40 were arrested.", "said", False, id="a-reported-clause-is-no-object"),
    ],
)
def test_a_reporting_verb_with_a_figure_states_a_count(nlp: Any, sentence: str, word: str, expected: bool) -> None:
    assert figure_statement(token(nlp, sentence, word)) is expected


@pytest.mark.parametrize(
    ("title", "verb", "present"),
    [
        pytest.param("UNICEF aid reaches flooded villages in Sindh", "aid", False, id="headline-noun-as-subject"),
        pytest.param("Nurses rally outside parliament in Accra", "rally", True, id="headline-verb-kept"),
    ],
)
def test_a_headline_noun_that_is_a_subject_is_no_verb(extractor: EventExtractor, title: str, verb: str,
                                                     present: bool) -> None:
    assert (verb in codes(extractor, title, title=True)) is present


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        pytest.param("Aid agencies in Chad warned on Monday that cholera was spreading.", "Aid", True,
                     id="stem-before-its-noun"),
        pytest.param("Helping refugees is costly, officials said.", "Helping", False, id="gerund-subject"),
    ],
)
def test_a_bare_stem_as_clausal_subject_is_a_misread_noun(nlp: Any, sentence: str, word: str,
                                                          expected: bool) -> None:
    assert misread_stem(token(nlp, sentence, word)) is expected


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        pytest.param("The trucks arrived in Gao on Monday with rice and blankets.", "arrived", {"rice", "blanket"},
                     id="with-phrase-and-conjunct"),
        pytest.param("Relief supplies reached the camp on Friday.", "reached", {"supply"}, id="goods-as-subject"),
    ],
)
def test_what_an_arrival_carries(nlp: Any, sentence: str, verb: str, expected: set[str]) -> None:
    assert expected <= set(carried(token(nlp, sentence, verb)))


@pytest.mark.parametrize(
    ("sentence", "verb", "code"),
    [
        pytest.param("A UNHCR convoy arrived in Gao on Monday with rice and blankets.", "arrived", "073",
                     id="arrive-with-relief-is-aid"),
        pytest.param("The Ghanaian minister arrived in Gao on Monday with his deputy.", "arrived", "040",
                     id="arrive-with-a-person-is-a-visit"),
        pytest.param("The WFP distributed millet and seeds to 8,000 families.", "distributed", "073",
                     id="staples-are-relief"),
        pytest.param("The march, called by the nurses' union, blocked the avenue.", "called", "141",
                     id="calling-a-march-holds-it"),
    ],
)
def test_relief_and_called_demonstrations_are_coded(extractor: EventExtractor, sentence: str, verb: str,
                                                    code: str) -> None:
    assert codes(extractor, sentence)[verb] == code


def test_an_objects_compounds_are_object_words(nlp: Any) -> None:
    grata = token(nlp, "The junta declared Chad's envoy persona non grata.", "grata")
    assert "envoy" in {t.lower_ for t in object_words(grata)}


@pytest.mark.parametrize(
    ("sentence", "noun", "expected"),
    [
        pytest.param("The convoy brought medicine to the town's UN compound.", "compound", True, id="to-a-place"),
        pytest.param("The convoy brought medicine to the UN agency.", "agency", False, id="to-a-body"),
    ],
)
def test_a_to_phrase_naming_a_place_is_a_destination(nlp: Any, sentence: str, noun: str, expected: bool) -> None:
    assert destination(token(nlp, sentence, noun)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Police estimated the crowd at 2,500.", [2500], id="estimated-the-crowd"),
        pytest.param("with police counting 1,200 and the union claiming 7,000.", [1200, 7000], id="bare-claims"),
        pytest.param("The blast claimed 12 lives.", [], id="claimed-with-its-noun"),
    ],
)
def test_figures_without_a_noun(text: str, expected: list[int]) -> None:
    assert [c.low for c in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        pytest.param("Rabat condemned the decision to close the border.", "close", False, id="decision-taken"),
        pytest.param("Rabat condemned the plan to close the border.", "close", True, id="plan-is-an-aim"),
    ],
)
def test_a_decision_to_act_is_no_aim(nlp: Any, sentence: str, verb: str, expected: bool) -> None:
    assert intended(token(nlp, sentence, verb)) is expected


def fake(code: str, weight: float, pattern: int = 0) -> Any:
    """A stand-in member with only what ``Happening.chosen`` reads."""
    return SimpleNamespace(match=SimpleNamespace(code=code, pattern_words=pattern), weight=weight, background=False)


def test_ordering_an_envoy_out_is_the_diplomatic_expulsion() -> None:
    happening = Happening(frozenset({"A", "B"}), [fake("060", 1.0), fake("161", 1.0), fake("174", 1.0, pattern=2)])
    assert {m.match.code for m in happening.chosen()} == {"161", "174"}


def place(name: str, country: str) -> Any:
    """A stand-in place hit."""
    return SimpleNamespace(place=SimpleNamespace(name=name, country=country))


@pytest.mark.parametrize(
    ("hit", "anywhere", "expected"),
    [
        pytest.param(place("Bordertown", "XA"), True, "Capital", id="diplomatic-step-at-the-seat"),
        pytest.param(place("Bordertown", "XA"), False, None, id="other-steps-keep-a-home-town"),
        pytest.param(place("Foreign", "XB"), False, "Capital", id="a-foreign-town-is-corrected"),
    ],
)
def test_a_diplomatic_step_is_taken_at_the_seat(hit: Any, anywhere: bool, expected: str | None) -> None:
    seat = place("Capital", "XA")
    state = SimpleNamespace(country="XA", state=True, sector="GOV")
    found = home_seat(state, hit, lambda iso2: seat, anywhere)  # type: ignore[arg-type]
    assert (found.place.name if found else None) == expected


def test_a_protest_counts_its_crowd_figures_and_congress_is_no_town(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Colombian nurses rally outside Congress in Bogota",
        "BOGOTA (Wire) — Colombian nurses rallied outside Congress in Bogota on Tuesday against a health reform, "
        "with police counting 1,200 and the nurses' union claiming 7,000.\n\nThe march, called by the national "
        "nurses' union, ended peacefully in the afternoon, officials said.",
        "2025-04-09T10:00",
    )
    assert mention["type"] == "PROTEST"
    assert mention["place"] == "Bogotá"
    assert mention["date"] == dt.date(2025, 4, 8)
    assert mention["counts"] == {"protesters": (1200, 7000)}


def test_relief_arriving_is_aid_by_the_agency_named_in_full(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Red Cross food reaches flood-hit Kalemie",
        "KALEMIE, Democratic Republic of Congo (Wire) — A convoy of the International Committee of the Red Cross "
        "arrived in Kalemie on Monday with rice, beans and cooking oil for 6,000 displaced people, the Red Cross "
        "said on Tuesday.\n\nThe road had been closed by floods for three weeks.",
        "2025-05-07T10:00",
    )
    assert mention["type"] == "AID"
    assert mention["actors"].get("source") == "International Committee of the Red Cross"  # type: ignore[union-attr]
    assert mention["date"] == dt.date(2025, 5, 5)


@pytest.mark.parametrize(
    ("sentence", "verb", "present"),
    [
        pytest.param("Rabat said the talks between the two ministers had eased tensions.", "eased", False,
                     id="talks-easing-tensions-is-their-effect"),
        pytest.param("The Senegalese minister's visit boosted ties with Gambia, officials said.", "boosted", False,
                     id="a-visit-boosting-ties"),
        pytest.param("Morocco and Mauritania eased tensions with a new border accord.", "eased", True,
                     id="states-easing-tensions-act"),
        pytest.param("Gambian officials described the visit as a first step.", "described", False,
                     id="a-remark-on-a-visit-is-no-intent"),
    ],
)
def test_what_a_meeting_did_and_remarks_on_it_are_no_happening(extractor: EventExtractor, sentence: str, verb: str,
                                                               present: bool) -> None:
    assert (verb in codes(extractor, sentence)) is present


def test_a_subject_tagged_as_a_finite_verb_is_an_event_noun(nlp: Any) -> None:
    talks = token(nlp, "Ankara said on Wednesday that talks between its foreign minister and Iraqi leaders in "
                       "Baghdad on Monday had eased tensions over water.", "talks")
    assert event_noun(talks) == ("meet", True)


def test_a_meeting_of_its_minister_is_the_speakers(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Morocco says Nouakchott meeting opened new chapter with Mauritania",
        "RABAT (Wire) — Morocco said on Thursday that talks between its foreign minister and Mauritanian leaders "
        "in Nouakchott on Tuesday had opened a new chapter between the two neighbours.\n\nThe ministry gave no "
        "details of what was discussed.",
        "2025-02-13T10:00",
    )
    assert mention["type"] == "CONSULT"
    assert mention["date"] == dt.date(2025, 2, 11)
    assert set(mention["actors"].values()) == {"Morocco", "Mauritania"}  # type: ignore[union-attr]
