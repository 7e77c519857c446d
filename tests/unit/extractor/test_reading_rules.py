"""Reading rules found through the event corpus: aims, outcomes, possessives, datelines, names that look like dates."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.actor_lexicon import ActorLexicon
from services.extractor.dates import find_dates
from services.extractor.extract import EventExtractor
from services.extractor.gazetteer import Gazetteer
from services.extractor.quantities import find_counts
from services.extractor.sentences import article_sentences
from tests.unit.extractor.conftest import make_article

TODAY = dt.date(2025, 5, 8)


def first(extractor: EventExtractor, title: str, text: str, published: str = "2025-05-08T10:00") -> dict[str, object]:
    """The principal mention of a small article, flattened for assertions."""
    [m] = extractor.extract(make_article(title, text, published), 1)
    return {"type": m.event_type.plover, "cameo": m.event_type.cameo,
            "actors": {a.role: a.name for a in m.actors}, "place": m.location.name if m.location else None,
            "date": m.event_date, "counts": {q.what: (q.min, q.max) for q in m.quantities}}


def test_a_threatened_attack_is_a_threat_with_the_attacked_as_target(extractor: EventExtractor) -> None:
    got = first(extractor, "Houthis threaten to attack US warships",
                "SANAA (Harbour Post) — The Houthis threatened on Wednesday to attack United States warships if "
                "Washington struck Yemen again, a spokesman for the group said.\n\nIt has fired on ships before.")
    assert got["type"] == "THREATEN"
    assert got["actors"]["source"] == "Houthis"
    assert got["place"] == "Sanaa"


def test_agreeing_to_talk_is_an_intent_to_meet_between_both_subjects(extractor: EventExtractor) -> None:
    got = first(extractor, "Egypt and Ethiopia agree to resume talks on Nile dam",
                "Egypt and Ethiopia agreed on Monday to resume talks on the Nile dam after a meeting of their "
                "foreign ministers in Addis Ababa, officials said.\n\nThe talks broke down two years ago.",
                "2025-10-06T10:00")
    assert (got["type"], got["cameo"]) == ("AGREE", "036")
    assert set(got["actors"].values()) == {"Egypt", "Ethiopia"}


def test_deploying_own_troops_is_a_force_posture(extractor: EventExtractor) -> None:
    got = first(extractor, "Ukraine sends troops to reinforce Kupiansk",
                "Ukraine's military deployed some 2,000 troops to the eastern city of Kupiansk on Friday to "
                "reinforce its defences, a military spokesman said.\n\nThe city has been shelled for months.",
                "2025-11-07T10:00")
    assert got["type"] == "MOBILIZE"
    assert got["counts"]["soldiers"] == (2000, 2000)


def test_killing_counts_the_killed_and_one_sided_clauses_pair_up(extractor: EventExtractor) -> None:
    got = first(extractor, "Daesh attack kills six SDF members in Hajin",
                "At least six members of the Syrian Democratic Forces were killed on Tuesday when Daesh militants "
                "stormed one of their checkpoints in Hajin, the force said.\n\nThe militants fled into the desert.",
                "2025-03-05T10:00")
    assert got["type"] == "ASSAULT"
    assert got["actors"] == {"source": "Islamic State", "target": "Syrian Democratic Forces"}
    assert got["counts"]["killed"] == (6, 6)
    assert got["date"] == dt.date(2025, 3, 4)


@pytest.mark.parametrize(
    ("text", "what", "force", "expected"),
    [
        pytest.param("some 12,000 displaced people", None, False, ("displaced", 12000), id="displaced-adjective"),
        pytest.param("six SDF members", "killed", True, ("killed", 6), id="object-of-killing"),
    ],
)
def test_count_categories(text: str, what: str | None, force: bool, expected: tuple[str, int]) -> None:
    [count] = find_counts(text, 0, what, force)
    assert (count.what, count.low) == expected


def test_march_23_movement_is_not_a_date() -> None:
    assert find_dates("the March 23 Movement withdrew", TODAY) == []
    assert [d.date for d in find_dates("on March 23 the rebels withdrew", TODAY)] == [dt.date(2025, 3, 23)]


def test_possessive_countries_and_function_words() -> None:
    lexicon = ActorLexicon.load()
    found = [(m.text, m.is_country) for m in lexicon.find("Some said Ukraine's army and Nigeria's police moved")]
    assert ("Ukraine", True) in found and ("Nigeria", True) in found
    assert all(text != "Some" for text, _ in found)


@pytest.mark.parametrize(
    "dateline",
    ["DEIR EZ-ZOR, Syria (Crescent Ledger) — ", "(Lantern Daily) — ", "AMMAN: "],
)
def test_datelines_are_not_part_of_the_lead(dateline: str) -> None:
    _, sentences = article_sentences("Title of the story here", dateline + "Fighters surrendered on Thursday.")
    assert sentences[1].text == "Fighters surrendered on Thursday."


def test_gazetteer_prefers_a_major_city_and_skips_continents() -> None:
    gazetteer = Gazetteer.load()
    brussels = gazetteer.lookup("Brussels", prefer=("US",))
    assert brussels is not None and brussels.country == "BE"
    assert gazetteer.lookup("Africa") is None
    assert gazetteer.lookup("Red Sea", prefer=("EG",)) is None
    assert gazetteer.lookup("Lake Van", prefer=("TR",)) is None


def test_a_plural_demonym_names_the_people_of_the_country() -> None:
    [kenyans] = ActorLexicon.load().find("Thousands of Kenyans protested")
    assert (kenyans.text, kenyans.agent, kenyans.entry.canonical if kenyans.entry else None) == (
        "Kenyans", "~PPL", "Kenya")
