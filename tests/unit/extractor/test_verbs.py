"""Verb lexicon: lemma and particles select the CAMEO code; patterns refine it; the PLOVER map types it."""

from __future__ import annotations

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.verbs import Side


@pytest.mark.parametrize(
    ("lemma", "particles", "objects", "armed_source", "code"),
    [
        pytest.param("surrender", [], [], True, "0874", id="armed-surrender-is-military-retreat"),
        pytest.param("surrender", [], [], False, "080", id="unarmed-surrender-is-yield"),
        pytest.param("give", ["up"], ["themselves"], True, "0874", id="gave-themselves-up"),
        pytest.param("hand", ["over"], ["themselves"], True, "0874", id="handed-themselves-over"),
        pytest.param("turn", ["in"], ["themselves"], True, "0874", id="turned-themselves-in"),
        pytest.param("withdraw", [], [], True, "0874", id="troops-withdraw"),
        pytest.param("arrest", [], [], False, "173", id="arrest"),
        pytest.param("attack", [], [], True, "190", id="attack"),
        pytest.param("protest", [], [], False, "140", id="protest-singular-subject"),
    ],
)
def test_codes(
    extractor: EventExtractor, lemma: str, particles: list[str], objects: list[str], armed_source: bool, code: str
) -> None:
    senses = extractor.verbs.senses(lemma, particles, objects)
    match = extractor.verbs.code(senses, Side(armed=armed_source), Side())
    assert match is not None and match.code == code


def test_plural_subject_protest_is_a_demonstration(extractor: EventExtractor) -> None:
    senses = extractor.verbs.senses("protest", [], [], plural_subject=True)
    match = extractor.verbs.code(senses, Side(), Side())
    assert match is not None and match.code == "141"


def test_hand_over_without_reflexive_is_not_surrender(extractor: EventExtractor) -> None:
    assert all(s.block != "YIELD" for s in extractor.verbs.senses("hand", ["over"], ["keys"]))


@pytest.mark.parametrize(
    ("cameo", "plover", "mode"),
    [
        pytest.param("0874", "RETREAT", "disarm", id="retreat-disarm"),
        pytest.param("173", "COERCE", "arrest", id="arrest"),
        pytest.param("141", "PROTEST", "demo", id="demonstrate"),
        pytest.param("1831", "ASSAULT", "suicide-attack", id="suicide-bombing"),
    ],
)
def test_plover_mapping(extractor: EventExtractor, cameo: str, plover: str, mode: str) -> None:
    event_type = extractor.plover.event_type(cameo)
    assert event_type is not None and (event_type.plover, event_type.mode, event_type.cameo) == (plover, mode, cameo)


def test_unmapped_code_has_no_type(extractor: EventExtractor) -> None:
    assert extractor.plover.event_type("010") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Rebels surrendered to the army on Monday.", True, id="event-verb"),
        pytest.param("The weather in the valley was mild.", False, id="no-event-verb"),
        pytest.param("The Free Syrian Army Forces Command headquarters.", False, id="capitalised-words-do-not-count"),
    ],
)
def test_prefilter(extractor: EventExtractor, sentence: str, expected: bool) -> None:
    assert extractor.verbs.may_hold_event(sentence) is expected


def test_the_dictionary_forms_recover_a_verb(extractor: EventExtractor) -> None:
    assert (extractor.verbs.lemma("staged"), extractor.verbs.lemma("Staged"), extractor.verbs.lemma("xyzzy")) == (
        "stage", "stage", None)


def test_a_verb_coding_only_by_its_patterns_reaches_the_prefilter(extractor: EventExtractor) -> None:
    assert "staged" in extractor.verbs.forms
    assert extractor.verbs.may_hold_event("The farmers staged it.") is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("work during the strike", "143", id="work-nearer-is-a-strike"),
        pytest.param("the strike at the work site", "082", id="strike-nearer-is-calling-it-off"),
    ],
)
def test_of_equal_patterns_the_nearer_wins(extractor: EventExtractor, text: str, code: str) -> None:
    after = Side(frozenset(text.split()), text)
    match = extractor.verbs.code(extractor.verbs.senses("stop"), Side(), after)
    assert match is not None and match.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("armed services", "0874", id="phrase-member-of-military-set"),
        pytest.param("", "080", id="words-alone-are-no-phrase"),
    ],
)
def test_phrase_pattern_words_match_before_the_verb(extractor: EventExtractor, text: str, code: str) -> None:
    before = Side(frozenset({"armed", "services"}), text)
    match = extractor.verbs.code(extractor.verbs.senses("withdraw"), before, Side())
    assert match is not None and match.code == code
