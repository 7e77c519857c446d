"""Follow-ups whose lead reacts to an earlier happening, one side's figures and upcoming happenings (issue 5).

Every sentence and article here is fictional and written for these tests; places and groups differ from both
event corpora.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from services.extractor.aims import intended
from services.extractor.candidates import Candidate
from services.extractor.clauses import object_range
from services.extractor.dating import date_reported
from services.extractor.extra import ExtraTypes
from services.extractor.extract import EventExtractor
from services.extractor.followups import FOLLOWUP_FACTOR, discount_followups
from services.extractor.nominals import stated_subject
from services.extractor.places import toponyms
from services.extractor.quantities import find_figures
from services.extractor.readings import military, refine
from services.extractor.roles import find_subject
from services.extractor.spans import anchor_of
from services.extractor.verbs import VerbMatch
from tests.unit.extractor.conftest import make_article


@pytest.fixture(scope="module")
def nlp(extractor: EventExtractor) -> Any:
    """The extractor's parse pass on one text (plain parse records)."""
    return extractor.parse_text


def first(extractor: EventExtractor, title: str, text: str, published: str) -> dict[str, object]:
    """The principal mention of a small article, flattened for assertions."""
    [m] = extractor.extract(make_article(title, text, published), 1)
    return {"type": m.event_type.plover, "actors": {a.role: a.name for a in m.actors},
            "place": m.location.name if m.location else None, "date": m.event_date,
            "counts": {q.what: (q.min, q.max) for q in m.quantities}}


def test_a_bail_hearing_reports_the_arrest_it_follows(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Tanzanian court refuses bail to detained opposition activists",
        "ARUSHA (Wire) — An Arusha magistrate on Thursday refused bail to 25 opposition activists arrested by "
        "police on June 3, saying they might leave the country if freed.\n\nThe activists deny charges of "
        "unlawful assembly. Their lawyers said they would appeal.",
        "2025-06-13T10:00",
    )
    assert mention["type"] == "COERCE"
    assert mention["date"] == dt.date(2025, 6, 3)
    assert mention["actors"].get("source") == "Tanzanian police"  # type: ignore[union-attr]
    assert mention["counts"] == {"arrested": (25, 25)}


def test_a_statement_about_a_surrender_reports_the_surrender(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Nigerian army says Bama surrender shows Boko Haram is weakening",
        "The Nigerian army said on Friday that the surrender of dozens of Boko Haram fighters near Bama showed "
        "that the group was running out of food.\n\nThe fighters gave themselves up to troops on Tuesday with "
        "their families, a spokesman said.",
        "2025-03-14T10:00",
    )
    assert mention["type"] == "RETREAT"
    assert mention["date"] == dt.date(2025, 3, 11)
    assert mention["counts"] == {"fighters": (24, 96)}


def fake(plover: str, code: str, verb_start: int, day: int | None, *, own: bool = False, reported: bool = False,
         said_on: bool = False, span: tuple[int, int] | None = None, title: bool = False,
         source: str | None = None, paragraph: int = 1) -> Any:
    """A stand-in candidate with only what the follow-up rules read."""
    sentence = SimpleNamespace(start=0, is_title=title, paragraph=paragraph)
    clause = SimpleNamespace(object_range=span, sentence=sentence, verb_start=verb_start, reported=reported)
    date = SimpleNamespace(date=dt.date(2025, 6, day)) if day is not None else None
    return Candidate(clause, SimpleNamespace(code=code), SimpleNamespace(plover=plover),  # type: ignore[arg-type]
                     SimpleNamespace(name=source) if source else None, None, date=date, date_own=own,  # type: ignore[arg-type]
                     said_on=said_on, weight=2.0, background=False)


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        pytest.param(fake("COERCE", "173", 40, 3, own=True, reported=True), FOLLOWUP_FACTOR,
                     id="earlier-dated-arrest-makes-the-ruling-a-follow-up"),
        pytest.param(fake("COERCE", "173", 40, 12, own=True, reported=True), 1.0, id="same-day-does-not"),
        pytest.param(fake("COERCE", "173", 40, None, reported=True), 1.0, id="undated-does-not"),
        pytest.param(fake("COERCE", "173", 40, 3, reported=True), 1.0, id="borrowed-date-does-not"),
        pytest.param(fake("COERCE", "173", 90, 3, own=True, reported=True), 1.0, id="outside-the-object-does-not"),
        pytest.param(fake("REJECT", "1243", 40, 3, own=True, reported=True), 1.0, id="same-type-does-not"),
    ],
)
def test_a_reaction_to_an_earlier_reported_happening_weighs_less(inner: Any, expected: float) -> None:
    ruling = fake("REJECT", "1243", 10, 12, own=True, span=(20, 60), source="Tanzanian judiciary")
    headline = fake("REJECT", "1243", 5, None, title=True, source="Tanzanian judiciary")
    ruling, _, headline = discount_followups([ruling, inner, headline])
    assert ruling.weight == pytest.approx(2.0 * expected)
    assert headline.weight == pytest.approx(2.0 * expected)  # the headline restates the ruling


@pytest.mark.parametrize(
    ("donor", "expected"),
    [
        pytest.param(fake("RETREAT", "0874", 90, 10, own=True), dt.date(2025, 6, 10), id="early-own-date-of-its-type"),
        pytest.param(fake("RETREAT", "0874", 90, 10, own=True, paragraph=6), None, id="late-paragraph-does-not"),
        pytest.param(fake("ASSAULT", "190", 90, 10, own=True), None, id="other-type-does-not"),
        pytest.param(fake("RETREAT", "0874", 90, 10), None, id="borrowed-date-does-not"),
    ],
)
def test_a_statement_date_does_not_date_what_it_reports(donor: Any, expected: dt.date | None) -> None:
    reported = fake("RETREAT", "0874", 30, 13, reported=True, said_on=True)
    reported, _ = date_reported([reported, donor])
    assert (reported.date.date if reported.date else None) == expected


def test_a_comment_date_is_kept() -> None:
    reported = fake("COERCE", "173", 30, 12, reported=True)  # "condemned the arrest of ... yesterday"
    [reported] = date_reported([reported])
    assert reported.date.date == dt.date(2025, 6, 12)


@pytest.mark.parametrize(
    ("sentence", "verb", "inner", "inside"),
    [
        pytest.param("A judge refused bail to 25 activists arrested by police on June 3.", "refused", "arrested",
                     True, id="recipient-is-governed"),
        pytest.param("A judge refused bail on Monday, saying the activists arrested in June might flee.", "refused",
                     "arrested", False, id="side-clause-is-not"),
    ],
)
def test_object_range_holds_the_recipient(nlp: Any, sentence: str, verb: str, inner: str, inside: bool) -> None:
    doc = nlp(sentence)
    span = object_range(next(t for t in doc if t.text == verb), 0)
    start = sentence.index(inner)
    assert (span is not None and span[0] <= start < span[1]) == inside


@pytest.mark.parametrize(
    ("sentence", "noun", "expected"),
    [
        pytest.param("The army said the surrender of 40 fighters showed the group was weak.", "surrender", True,
                     id="subject-of-what-is-said"),
        pytest.param("A spokesman told reporters the withdrawal of the rebels had let traders return.", "withdrawal",
                     True, id="subject-of-what-is-told"),
        pytest.param("The surrender of 40 fighters showed the group was weak.", "surrender", False,
                     id="no-statement"),
    ],
)
def test_an_event_noun_a_statement_is_about(nlp: Any, sentence: str, noun: str, expected: bool) -> None:
    assert stated_subject(next(t for t in nlp(sentence) if t.text == noun)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Organisers put the turnout at 12,000.", [12000], id="one-side-puts-the-turnout"),
        pytest.param("Two more were held later, bringing the number held to 27.", [27], id="running-total"),
        pytest.param("The deaths of three more raised the total to 19.", [19], id="raised-total"),
        pytest.param("Police took the suspects to 3 stations.", [], id="no-figure-noun"),
    ],
)
def test_figures_given_by_one_side_or_as_a_running_total(text: str, expected: list[int]) -> None:
    assert [c.low for c in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Police detained 30 activists before next year's elections.", None, id="next-years-election"),
        pytest.param("Hundreds were held ahead of general elections due in May.", None, id="ahead-of-elections"),
        pytest.param("Turnout in Sunday's election was low, officials said.", "ELECTION", id="a-past-election"),
    ],
)
def test_an_upcoming_happening_is_not_the_story(text: str, expected: str | None) -> None:
    found = ExtraTypes.load().find(text)
    assert (found[0].plover if found else None) == expected


def test_the_police_are_not_the_military() -> None:
    police = SimpleNamespace(armed=True, sector="COP")
    army = SimpleNamespace(armed=True, sector="MIL")
    assert not military(police)  # type: ignore[arg-type]
    assert military(army)  # type: ignore[arg-type]
    assert not military(None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("in the capital's Westfield suburb", [], id="suburb-is-not-a-town"),
        pytest.param("in the Riverside neighbourhood of the city", [], id="neighbourhood-is-not-a-town"),
        pytest.param("in the town of Westfield", ["Westfield"], id="a-town-still-is"),
    ],
)
def test_a_suburb_name_is_no_town(text: str, expected: list[str]) -> None:
    assert [name for name, _, _ in toponyms(text)] == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param(SimpleNamespace(state=True, sector=None), "161", id="a-state-expelled-is-its-envoys"),
        pytest.param(SimpleNamespace(state=False, sector="GOV"), "161", id="a-government-expelled-is-its-envoys"),
        pytest.param(SimpleNamespace(state=False, sector="CVL"), "174", id="deported-people-stay-deported"),
        pytest.param(None, "174", id="no-target-stays"),
    ],
)
def test_expelling_a_state_breaks_relations(target: Any, expected: str) -> None:
    deport = VerbMatch("order", "OVERSEE_MANAGE", "174")
    match, _ = refine(deport, frozenset(), None, target, frozenset({"him", "leave"}))
    assert match.code == expected


def test_declaring_an_envoy_unwelcome_expels_him(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Ghana protests after Lome expels its ambassador",
        "ACCRA (Wire) — Ghana said on Friday it regretted the decision after Togo declared its ambassador persona "
        "non grata over remarks about Togo's elections.\n\nThe ambassador left Lome on Thursday.",
        "2025-05-09T10:00",
    )
    assert mention["type"] == "SANCTION"
    assert mention["actors"].get("source") in ("Togo", "Togolese government")  # type: ignore[union-attr]


def test_a_headline_restating_the_reaction_weighs_less_too() -> None:
    arrest = fake("COERCE", "173", 40, 3, own=True, reported=True)
    ruling = fake("CONCEDE", "081", 10, 12, own=True, span=(20, 60), source="Tanzanian judiciary")
    ruling = replace(ruling, target=SimpleNamespace(name="Tanzanian opposition"))
    same_party = fake("RETREAT", "0841", 5, None, title=True, source="Tanzanian judiciary")
    same_party = replace(same_party, target=SimpleNamespace(name="Tanzanian opposition"))
    other = fake("ASSAULT", "190", 5, None, title=True, source="Tanzanian judiciary")
    other = replace(other, target=SimpleNamespace(name="Tanzanian police"))
    _, _, same_party, other = discount_followups([arrest, ruling, same_party, other])
    assert same_party.weight == pytest.approx(2.0 * FOLLOWUP_FACTOR)
    assert other.weight == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        pytest.param("Donors urged the government to allow unions to hold rallies.", "hold", True,
                     id="what-an-aim-would-allow-is-an-aim"),
        pytest.param("The army allowed the rebels to leave the town on Monday.", "leave", False,
                     id="what-was-allowed-is-not"),
    ],
)
def test_an_infinitive_under_an_aim(nlp: Any, sentence: str, verb: str, expected: bool) -> None:
    assert intended(next(t for t in nlp(sentence) if t.text == verb)) is expected


def test_members_of_a_party_are_the_party(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Zambian police detain opposition members in Kitwe",
        "KITWE (Wire) — Zambian police detained 27 members of the Patriotic Front at a hotel in Kitwe on Saturday, "
        "the party said, bringing the number held this month to 41.\n\nA police spokesman said the meeting had "
        "not been authorised.",
        "2025-09-14T10:00",
    )
    assert mention["type"] == "COERCE"
    assert mention["actors"].get("source") == "Zambian police"  # type: ignore[union-attr]
    assert mention["actors"].get("target") in ("Patriotic Front", "Zambian opposition")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sentence", "verb", "head"),
    [
        pytest.param("A judge freed dozens of students detained by police in May.", "detained", "dozens",
                     id="the-whole-vague-count"),
        pytest.param("A judge freed 40 students detained by police in May.", "detained", "students",
                     id="a-figure-stays-on-the-noun"),
    ],
)
def test_a_participle_party_is_the_counted_phrase(nlp: Any, sentence: str, verb: str, head: str) -> None:
    subject, passive = find_subject(next(t for t in nlp(sentence) if t.text == verb))
    assert subject is not None and subject.text == head and passive


@pytest.mark.parametrize(
    ("sentence", "verb", "subject"),
    [
        pytest.param("The Malian army said it killed 30 militants near Boni.", "killed", "army",
                     id="it-is-the-speaker"),
        pytest.param("The rebels said they had ambushed a convoy near Rutshuru.", "ambushed", "rebels",
                     id="they-are-the-speakers"),
        pytest.param("It said it killed 30 militants near Boni.", "killed", "it", id="no-named-speaker-no-change"),
    ],
)
def test_a_pronoun_doer_of_a_claim_is_the_speaker(nlp: Any, sentence: str, verb: str, subject: str) -> None:
    head, _ = find_subject(next(t for t in nlp(sentence) if t.text == verb))
    assert head is not None and (head.text == subject or head.lemma_ == subject)


def test_each_side_keeps_its_roles_and_figure(extractor: EventExtractor) -> None:
    mention = first(
        extractor,
        "Mali army says it killed 30 militants near Boni",
        "MOPTI, Mali (Wire) — Mali's army said on Thursday it killed 30 militants of the Islamic State Sahel "
        "Province near Boni on Wednesday, while the group said only eight of its fighters had died.\n\nThe "
        "claims could not be verified.",
        "2025-04-11T10:00",
    )
    assert mention["type"] == "ASSAULT"
    assert mention["actors"].get("source") == "Malian military"  # type: ignore[union-attr]
    assert mention["date"] == dt.date(2025, 4, 9)
    assert mention["counts"].get("killed") == (8, 30)  # type: ignore[union-attr]


def test_a_date_after_a_reporting_verb_is_its_day(nlp: Any) -> None:
    doc = nlp("The army said on Thursday it killed 30 militants near Boni on Wednesday.")
    thursday = next(t for t in doc if t.text == "Thursday")
    assert anchor_of(thursday).lemma_ == "say"


def test_a_figure_disputed_by_the_other_side() -> None:
    assert [c.low for c in find_figures("Nine died, far fewer than the 23 the army claimed.")] == [23]
