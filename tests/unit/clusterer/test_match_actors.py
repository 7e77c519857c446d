"""Actor compatibility when matching a mention to an event: states and governments, symmetric types, targets."""

from __future__ import annotations

from schemas.records import Actor
from services.clusterer.match import actor_score
from services.clusterer.merge import build_event
from tests.unit.factories import NOW, mention

TURKEY = Actor(role="source", name="Turkey", kind="state", country="TR")
TURKISH_GOV = Actor(role="source", name="Turkish government", kind="government", country="TR")
IRAQ = Actor(role="target", name="Iraq", kind="state", country="IQ")


def _event(actors: list[Actor], plover: str = "CONSULT"):  # type: ignore[no-untyped-def]
    return build_event("e1", 1, [mention("m1", plover=plover, actors=actors)], NOW)


def test_a_state_and_its_government_are_one_actor() -> None:
    score = actor_score(_event([TURKEY, IRAQ]), mention("m2", plover="CONSULT", actors=[TURKISH_GOV, IRAQ]))
    assert score == 1.0


def test_symmetric_types_ignore_roles() -> None:
    swapped = [Actor(role="source", name="Iraq", kind="state", country="IQ"),
               Actor(role="target", name="Turkey", kind="state", country="TR")]
    assert actor_score(_event([TURKEY, IRAQ]), mention("m2", plover="CONSULT", actors=swapped)) == 1.0
    assert actor_score(_event([TURKEY, IRAQ], "ASSAULT"), mention("m2", plover="ASSAULT", actors=swapped)) is None


def test_a_different_target_lowers_the_score_a_different_source_rules_out() -> None:
    police = Actor(role="source", name="Ugandan police", kind="police", country="UG")
    opposition = Actor(role="target", name="Ugandan opposition", kind="opposition", country="UG")
    members = Actor(role="target", name="Ugandan armed groups", kind="armed group", country="UG")
    event = _event([police, opposition], "COERCE")
    assert actor_score(event, mention("m2", plover="COERCE", actors=[police, members])) == 0.7
    army = Actor(role="source", name="Ugandan military", kind="military", country="UG")
    assert actor_score(event, mention("m2", plover="COERCE", actors=[army, opposition])) is None


def test_a_bare_state_matches_its_army_and_unnamed_crowds_of_one_country_match() -> None:
    ukraine = Actor(role="source", name="Ukraine", kind="state", country="UA")
    army = Actor(role="source", name="Ukrainian military", kind="military", country="UA")
    assert actor_score(_event([ukraine], "MOBILIZE"), mention("m2", plover="MOBILIZE", actors=[army])) == 1.0
    people = Actor(role="source", name="Kenyan people", kind="people", country="KE")
    protesters = Actor(role="source", name="Kenyan opposition", kind="opposition", country="KE")
    assert actor_score(_event([people], "PROTEST"), mention("m2", plover="PROTEST", actors=[protesters])) == 1.0


def test_a_ceasefire_ignores_roles() -> None:
    m23 = Actor(role="target", name="March 23 Movement", kind="armed group", country="CD")
    congo = Actor(role="source", name="Congolese government", kind="government", country="CD")
    signed = _event([congo, m23], "RETREAT")
    signed.event_type.mode = "ceasefire"
    other_side = mention("m2", plover="RETREAT", actors=[m23.model_copy(update={"role": "source"})])
    other_side.event_type.mode = "ceasefire"
    assert actor_score(signed, other_side) == 1.0
    other_side.event_type.mode = "withdraw"
    assert actor_score(signed, other_side) is None


def test_in_a_protest_any_unnamed_collective_of_one_country_is_the_crowd() -> None:
    students = Actor(role="source", name="Serbian education sector", kind="education", country="RS")
    opposition = Actor(role="source", name="Serbian opposition", kind="opposition", country="RS")
    assert actor_score(_event([students], "PROTEST"), mention("m2", plover="PROTEST", actors=[opposition])) == 1.0
    assert actor_score(_event([students], "ASSAULT"), mention("m2", plover="ASSAULT", actors=[opposition])) is None
