"""Who a demand, appeal or threat is made of: the subject of what it says ("demanded that [Uganda] withdraw") or of
its condition ("unless [the government] raised ..."), as the CAMEO manual codes the target, not for a participle; and
who makes a demand reported as an obligation ("Kenya said [Uganda] must ..."): the speaker, of the clause's subject;
who does what an issued statement says ("issued a declaration demanding ..."): its issuer; and the dictionary's second
codes of a pair (":051"), whose event goes from the target to the source ("received support from")."""

from __future__ import annotations

import pytest

from services.extractor.clauses import clauses
from services.extractor.extract import EventExtractor
from services.extractor.sentences import Sentence
from tests.unit.extractor.conftest import make_article


@pytest.mark.parametrize(
    ("text", "plover", "source", "target"),
    [
        pytest.param("The Kenyan government demanded that Uganda withdraw its troops from the border.", "REQUEST",
                     "Kenyan government", "Uganda", id="demanded-that-x"),
        pytest.param("Kenyan teachers threatened to strike unless the government raised their pay.", "THREATEN",
                     "Kenyan education sector", "Kenyan government", id="threatened-unless-x"),
        pytest.param("Kenya said on Monday that Uganda must withdraw its troops from the border.", "REQUEST", "Kenya",
                     "Uganda", id="said-x-must-is-a-demand-of-x-by-the-speaker"),
        pytest.param("The Kenyan foreign minister said Uganda must release the fishermen.", "REQUEST",
                     "Kenyan government", "Uganda", id="said-x-must-without-that"),
    ],
)
def test_a_demand_or_threat_is_made_of_its_complements_subject(extractor: EventExtractor, text: str, plover: str,
                                                               source: str, target: str) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert mention.event_type.plover == plover
    assert [(a.role, a.name) for a in mention.actors] == [("source", source), ("target", target)]


def test_a_participle_names_no_addressee(extractor: EventExtractor) -> None:
    text = "Farmers marched in Nairobi, demanding that the government cut fuel prices."
    found = {c.verb: c for c in clauses(extractor.parse_text(text), Sentence(text, 0, 0), extractor.verbs)}
    assert found["demanding"].addressee is None


@pytest.mark.parametrize(
    ("text", "plover", "cameo", "actors"),
    [
        pytest.param("Kenyan opposition leaders issued a declaration demanding that the government release the "
                     "detained journalists.", "REQUEST", "100",
                     [("source", "Kenyan opposition"), ("target", "Kenyan government")], id="declaration-demanding"),
        pytest.param("The Kenyan government issued a statement condemning the attack on the border post.", "SUPPORT",
                     "053", [("source", "Kenyan government")], id="statement-condemning"),
    ],
)
def test_a_statement_participle_is_the_issuers_act(extractor: EventExtractor, text: str, plover: str, cameo: str,
                                                   actors: list[tuple[str, str]]) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert (mention.event_type.plover, mention.event_type.cameo) == (plover, cameo)
    assert [(a.role, a.name) for a in mention.actors] == actors


def test_issuing_a_statement_is_no_happening_of_its_own(extractor: EventExtractor) -> None:
    text = "Kenyan opposition leaders issued a declaration demanding new elections."
    found = {c.verb for c in clauses(extractor.parse_text(text), Sentence(text, 0, 0), extractor.verbs)}
    assert "issued" not in found and "demanding" in found


@pytest.mark.parametrize(
    ("text", "plover", "actors"),
    [
        pytest.param("Kenya received an invitation from Uganda.", "REQUEST",
                     [("source", "Uganda"), ("target", "Kenya")], id="received-from-reverses"),
        pytest.param("Kenya received financial support from the World Bank.", "SUPPORT",
                     [("source", "World Bank"), ("target", "Kenya")], id="support-from"),
        pytest.param("The Ugandan raid shocked Kenya.", "ACCUSE", [("source", "Kenya"), ("target", "Uganda")],
                     id="offend-block-default-reversed"),
        pytest.param("The Kenyan government was outraged by the Ugandan raid.", "ACCUSE",
                     [("source", "Kenyan government"), ("target", "Uganda")], id="passive-then-reversed"),
    ],
)
def test_a_second_code_of_a_pair_goes_from_target_to_source(extractor: EventExtractor, text: str, plover: str,
                                                            actors: list[tuple[str, str]]) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert mention.event_type.plover == plover
    assert [(a.role, a.name) for a in mention.actors] == actors
