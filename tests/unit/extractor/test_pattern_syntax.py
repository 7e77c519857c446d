"""The CAMEO dictionary's syntax read as PETRARCH2 documents it: a preposition alone in parentheses is a
prepositional phrase of the verb's own, never the "to" of an infinitive nor a preposition inside a complement; a
multi-word verb's words ('_') are consecutive, so the word right after the verb may complete it ("sided with"); a
synonym-set member has its regular plural ("displaced persons"); a phrase beside the happening ("over the attack") is
read by the patterns that name it."""

from __future__ import annotations

import pytest

from services.extractor.clauses import clauses, next_word
from services.extractor.extract import EventExtractor
from services.extractor.sentences import Sentence
from services.extractor.verbs import Side, VerbLexicon
from tests.unit.extractor.conftest import make_article
from tools.build_extractor_data import parse_pattern, plural, reversed_code


@pytest.mark.parametrize(
    ("pattern", "pre", "post"),
    [
        pytest.param(" * (TO) ", [], ["(to"], id="lone-preposition-in-parentheses"),
        pytest.param(" * TO ", [], ["(to"], id="bare-to-ending-the-pattern"),
        pytest.param(" * (TO LEAVE) ", [], ["to", "leave"], id="to-with-its-verb-may-be-an-infinitive"),
        pytest.param(" * TO ACT ", [], ["to", "act"], id="bare-infinitive"),
        pytest.param(" * (AGAINST +) ", [], ["against"], id="preposition-with-a-target-marker"),
        pytest.param(" &MILITARY * (FOR) ", ["&military"], ["(for"], id="lone-for"),
        pytest.param(" * {PEACE TALKS} ", [], ["peace", "talks"], id="noun-phrase-braces"),
    ],
)
def test_parse_pattern(pattern: str, pre: list[str], post: list[str]) -> None:
    assert parse_pattern(pattern) == (pre, post)


def test_a_second_code_of_a_pair_is_marked_reversed() -> None:
    assert reversed_code(":051") and not reversed_code("042:043") and not reversed_code("110")


@pytest.mark.parametrize(
    ("lemma", "after", "code"),
    [
        pytest.param("order", Side(frozenset({"governor", "to", "appear", "for", "questioning"})), "100",
                     id="ordered-to-appear-for-questioning-is-a-demand"),
        pytest.param("order", Side(frozenset({"paper", "to", "suspend", "publication"})), "100",
                     id="ordered-to-suspend-is-a-demand"),
        pytest.param("order", Side(frozenset({"envoy", "to", "leave"})), "174", id="ordered-to-leave-expels"),
        pytest.param("head", Side(frozenset({"to", "cairo"}), preps=frozenset({"to"})), "030",
                     id="headed-to-a-place-reads-the-lone-to"),
    ],
)
def test_lone_preposition_needs_a_phrase_of_the_verb(extractor: EventExtractor, lemma: str, after: Side,
                                                     code: str) -> None:
    match = extractor.verbs.code(extractor.verbs.senses(lemma), Side(), after)
    assert match is not None and match.code == code


@pytest.mark.parametrize(
    ("text", "plover", "cameo"),
    [
        pytest.param("A Kenyan court ordered the former governor of Nairobi to appear on Monday for questioning in a "
                     "fraud case.", "REQUEST", "100", id="for-inside-the-complement-is-not-the-verbs"),
        pytest.param("Kenya ordered the opposition newspaper to suspend publication.", "REQUEST", "100",
                     id="infinitive-to-is-no-preposition"),
    ],
)
def test_one_sentence_reports(extractor: EventExtractor, text: str, plover: str, cameo: str) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert (mention.event_type.plover, mention.event_type.cameo) == (plover, cameo)


def test_a_clause_records_the_verbs_own_prepositions(extractor: EventExtractor) -> None:
    text = "The court ordered the governor to appear for questioning and the minister returned to Nairobi."
    found = {c.verb: c for c in clauses(extractor.parse_text(text), Sentence(text, 0, 0), extractor.verbs)}
    assert found["ordered"].after_preps == frozenset()
    assert found["returned"].after_preps == frozenset({"to"})



@pytest.mark.parametrize(
    ("text", "plover", "cameo", "target"),
    [
        pytest.param("The Ugandan government sided with Kenya in the border dispute.", "SUPPORT", "050", "Kenya",
                     id="side-with"),
    ],
)
def test_a_multi_word_verb_completed_by_the_next_word(extractor: EventExtractor, text: str, plover: str, cameo: str,
                                                      target: str) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert (mention.event_type.plover, mention.event_type.cameo) == (plover, cameo)
    assert [a.name for a in mention.actors if a.role == "target"] == [target]


def test_the_next_word_counts_only_when_it_belongs_to_the_verb(extractor: EventExtractor) -> None:
    text = "Uganda sided with Kenya and talks began Monday."
    found = {c.verb: c for c in clauses(extractor.parse_text(text), Sentence(text, 0, 0), extractor.verbs)}
    assert found["sided"].senses[0].phrase == "side with"
    assert next_word(extractor.parse_text("Talks began Monday.")[1]) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param("peacekeeping force", "peacekeeping forces", id="last-word"),
        pytest.param("army", "armies", id="y-to-ies"),
        pytest.param("troops", "troops", id="already-plural"),
        pytest.param("servicemen", "servicemen", id="already-plural-men"),
    ],
)
def test_set_member_plurals(phrase: str, expected: str) -> None:
    assert plural(phrase) == expected


def test_a_set_phrase_matches_its_plural(extractor: EventExtractor) -> None:
    words = frozenset({"thousands", "thousand", "of", "displaced", "persons", "person"})
    after = Side(words, "thousands of displaced persons")
    match = extractor.verbs.code(extractor.verbs.senses("accept"), Side(), after)
    assert match is not None and match.code == "0333"  # EMBRACE * &REFUGEE: the set lists "displaced person"


def test_a_phrase_beside_the_happening_is_read_by_a_pattern_naming_it(extractor: EventExtractor) -> None:
    mention = extractor.extract(make_article("", "Kenya protested to Uganda over the attack."))[0]
    assert (mention.event_type.plover, mention.event_type.cameo) == ("ACCUSE", "111")  # * (OVER ATTACK)


def test_a_lone_side_preposition_does_not_reach_beside(extractor: EventExtractor) -> None:
    beside = Side(frozenset({"with", "knowledge"}), "with knowledge", preps=frozenset({"with"}))
    after = Side(frozenset({"detainees", "detainee"}), "detainees", beside=beside, beside_preps=frozenset({"with"}))
    assert VerbLexicon._side_for(("(with",), after) is after
    assert VerbLexicon._side_for(("with", "knowledge"), after) is beside
