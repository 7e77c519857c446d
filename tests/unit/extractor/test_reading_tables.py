"""Table tests of the small rules behind the issue-5 readings: figures, toponyms, focus, codes, party identity."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from services.extractor.actors import ResolvedActor
from services.extractor.aims import intended
from services.extractor.counting import merge_counts
from services.extractor.extract import EventExtractor
from services.extractor.focus import TownTally
from services.extractor.gazetteer import Place
from services.extractor.happenings import Happening, identity, named_first, unidentified
from services.extractor.patterns import LOCATIVE_BEFORE
from services.extractor.places import toponyms
from services.extractor.quantities import UNSPECIFIED, Count, find_counts, find_figures
from services.extractor.readings import refine
from services.extractor.roles import find_subject
from services.extractor.verbs import Side, VerbMatch


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The monitor put the death toll at seven on Friday.", [("killed", 7)], id="death-toll-at"),
        pytest.param("raising an earlier toll of six after one died", [("killed", 6)], id="toll-of"),
        pytest.param("The army gave a lower figure of about 250 in a statement.", [(UNSPECIFIED, 250)],
                     id="lower-figure-of"),
        pytest.param("The agency put the number of people reached at about 12,000.", [(UNSPECIFIED, 12000)],
                     id="put-the-number-at"),
        pytest.param("The toll road opened in 2019.", [], id="no-figure"),
    ],
)
def test_figures_without_a_counted_noun(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(c.what, c.low) for c in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        pytest.param("aid for about 40,000 people forced from their homes by floods", None, ("displaced", 40000),
                     id="forced-from-homes"),
        pytest.param("Between 5 and 9 police officers are feared dead", None, ("killed", 5), id="feared-dead"),
        pytest.param("Thousands of Peruvians", "protesters", ("protesters", 2000), id="capitalised-demonym"),
        pytest.param("the crash killed 9 passengers", None, ("killed", 9), id="passengers-are-people"),
    ],
)
def test_count_readings(text: str, role: str | None, expected: tuple[str, int]) -> None:
    [count] = find_counts(text, 0, role)
    assert (count.what, count.low) == expected


def test_a_figure_without_noun_joins_the_principal_count() -> None:
    counts = [Count("fighters", 400, 400, (400,), "400 fighters", 0, 12),
              Count(UNSPECIFIED, 250, 250, (250,), "a figure of 250", 40, 55)]
    [quantity] = merge_counts(counts)
    assert (quantity.what, quantity.min, quantity.max) == ("fighters", 250, 400)


def test_a_figure_without_noun_alone_is_dropped() -> None:
    assert merge_counts([Count(UNSPECIFIED, 250, 250, (250,), "a figure of 250", 0, 15)]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("in Pakistan's Punjab province", [("Pakistan", None), ("Punjab", "admin1")],
                     id="inner-possessive-splits"),
        pytest.param("talks on the Nile dam", [], id="river-before-dam-is-no-place"),
        pytest.param("centred in the district of Ercis", [("Ercis", None)], id="district-is-read-as-its-town"),
        pytest.param("in Kherson province", [("Kherson", "admin1")], id="province-stays-admin1"),
    ],
)
def test_toponyms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(name, hint) for name, _, hint in toponyms(text)] == expected


@pytest.mark.parametrize(
    ("before", "locative"),
    [
        pytest.param("the sharpest criticism of ", False, id="of-after-a-noun-is-not-locative"),
        pytest.param("filled the streets of ", True, id="streets-of"),
        pytest.param("meeting in the Ethiopian capital ", True, id="in-the-capital"),
        pytest.param("an attack on the outskirts of ", True, id="outskirts-of"),
    ],
)
def test_focus_locatives(before: str, locative: bool) -> None:
    assert bool(LOCATIVE_BEFORE.search(before)) == locative


def town(name: str) -> Place:
    """A town in Van province."""
    return Place(name, "Van", "TR", 38.5, 43.4, "place")


def test_a_text_mention_beats_a_dateline_in_a_tie() -> None:
    tally = TownTally()
    tally.add(town("Van"), "VAN", 0, dateline=True)
    tally.add(town("Ercis"), "Ercis", 300)
    leader = tally.leader(least=1)
    assert leader is not None and leader.place.name == "Ercis"


def match(block: str, code: str, words: int = 0) -> VerbMatch:
    """A verb match as the lexicon would return it."""
    return VerbMatch(block.lower(), block, code, words)


@pytest.mark.parametrize(
    ("found", "aims", "after", "code"),
    [
        pytest.param(match("AGREE", "0356", 2), frozenset(), frozenset({"to", "a", "ceasefire"}), "0871",
                     id="agree-to-a-ceasefire-declares-it"),
        pytest.param(match("AGREE", "050"), frozenset(), frozenset({"truce"}), "0871", id="agree-truce"),
        pytest.param(match("AGREE", "050"), frozenset({"observe", "truce"}), frozenset(), "030",
                     id="agree-to-observe-a-truce-is-intent"),
        pytest.param(match("DEPORT", "174", 1), frozenset(), frozenset({"embassy", "staff"}), "161",
                     id="expel-embassy-staff"),
        pytest.param(match("DEPORT", "174", 1), frozenset(), frozenset({"migrants"}), "174", id="expel-migrants"),
    ],
)
def test_truce_and_expulsion_readings(found: VerbMatch, aims: frozenset[str], after: frozenset[str], code: str) -> None:
    refined, _ = refine(found, aims, None, None, after)
    assert refined.code == code


def test_the_longer_code_wins_a_tie_of_pattern_sizes(extractor: EventExtractor) -> None:
    senses = extractor.verbs.senses("sign")
    found = extractor.verbs.code(senses, Side(), Side(frozenset({"ceasefire", "agreement"}), "ceasefire agreement"))
    assert found is not None and found.code == "0871"


@pytest.mark.parametrize(
    ("sentence", "verb", "aim"),
    [
        pytest.param("Kyiv deploys 2,500 troops to defend Kupiansk", "defend", True, id="sent-to-defend"),
        pytest.param("The army has plans to attack the town.", "attack", True, id="noun-infinitive"),
        pytest.param("The army attacked the town.", "attacked", False, id="plain-verb"),
    ],
)
def test_purpose_infinitives_are_aims(extractor: EventExtractor, sentence: str, verb: str, aim: bool) -> None:
    token = next(t for t in extractor.parse_text(sentence) if t.text == verb)
    assert intended(token) == aim


def test_a_vow_to_strike_codes_a_threat(extractor: EventExtractor) -> None:
    senses = extractor.verbs.senses("vow", aims=["strike", "base"])
    assert [s.code for s in senses][:1] == ["138"]
    assert all(s.code != "138" for s in extractor.verbs.senses("vow", aims=["rebuild"]))


def test_an_opposition_is_one_party_whatever_its_reading() -> None:
    opp = ResolvedActor("Kenyan opposition", "opposition", "KE", "KENOPP", generic=True, sector="OPP")
    reb = ResolvedActor("Kenyan opposition factions", "rebels", "KE", "KENREB", armed=True, generic=True,
                        sector="REB")
    assert identity(opp) == identity(reb)


def member(plover: str, weight: float) -> Any:
    """A stand-in candidate with a type and a weight."""
    return SimpleNamespace(event_type=SimpleNamespace(plover=plover), weight=weight)


def test_a_single_actor_happening_scores_its_heaviest_type() -> None:
    happening = Happening(frozenset({"Ukraine"}), [member("CONSULT", 1.0), member("ASSAULT", 1.0),
                                                   member("REQUEST", 1.0)])
    assert happening.score == 1.0
    dyad = Happening(frozenset({"Ukraine", "Russia"}), [member("CONSULT", 1.0), member("ASSAULT", 1.0)])
    assert dyad.score == 2.0


def test_sign_reaches_the_sentence_prefilter(extractor: EventExtractor) -> None:
    assert extractor.verbs.may_hold_event("Both sides signed a truce in the capital.")


def test_protested_after_a_plural_noun_is_active(extractor: EventExtractor) -> None:
    doc = extractor.parse_text("As many as 300,000 people protested in Belgrade on Saturday, organisers said.")
    verb = next(t for t in doc if t.text == "protested")
    subject, passive = find_subject(verb)
    assert subject is not None and subject.text == "people" and not passive


def test_unidentified_groups_give_way_to_named_parties() -> None:
    members = ResolvedActor("Kenyan armed groups", "armed group", "KE", "KENUAF", generic=True, sector="UAF")
    party = ResolvedActor("Kenyan opposition", "opposition", "KE", "KENOPP", generic=True, sector="OPP")
    happening = Happening(frozenset({members.name, party.name}),
                          [SimpleNamespace(source=None, target=members), SimpleNamespace(source=None, target=party)])
    assert unidentified(members) and not unidentified(party)
    assert list(named_first(Counter({members.name: 3, party.name: 1}), happening)) == [party.name]
