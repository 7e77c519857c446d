import datetime as dt

import pytest

from schemas.records import Actor, Quantity
from services.clusterer.cluster import BlockState, assign, close_stale
from services.clusterer.match import EventView, distance_km, match_score
from services.clusterer.merge import build_event
from tests.unit.factories import BREST, NOW, REGENSBURG, RENNES, mention


def test_distance_between_known_cities():
    assert distance_km(RENNES, BREST) == pytest.approx(210, abs=10)


def test_mentions_of_one_happening_merge_into_one_event():
    state = BlockState()
    first = assign(state, mention("m1", source="ledger", quantities=[Quantity(what="protesters", min=3000,
                                                                              max=3000, reported=[3000])]), NOW)
    second = assign(state, mention("m2", source="wire", day=dt.date(2025, 2, 12), quantities=[
        Quantity(what="protesters", min=5000, max=5000, reported=[5000])]), NOW)
    assert first is not None and second is not None
    assert second.event_id == first.event_id
    assert (second.version, second.num_mentions, second.num_sources, second.num_articles) == (2, 2, 2, 2)
    assert second.quantities[0].reported == [3000, 5000]
    assert (second.quantities[0].min, second.quantities[0].max) == (3000, 5000)


def test_redelivered_mention_changes_nothing_and_re_emits_the_current_version():
    state = BlockState()
    first = assign(state, mention("m1"), NOW)
    assign(state, mention("m2", source="wire"), NOW)
    again = assign(state, mention("m1"), NOW)
    assert (again.event_id, again.version, again.num_mentions) == (first.event_id, 2, 2)
    assert again.new_mention_ids == ["m1"]
    assert [m.sentence for m in again.mentions if m.mention_id == "m1"] == ["Farmers protested in Rennes."]
    assert (state.events[0].version, len(state.events[0].mentions)) == (2, 2)


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(mention("m2", day=dt.date(2025, 3, 20)), id="a-month-later"),
        pytest.param(mention("m2", location=BREST), id="200-km-away-same-admin1-is-ok-but-not-far"),
        pytest.param(mention("m2", location=REGENSBURG), id="another-country"),
        pytest.param(mention("m2", plover="ASSAULT", actors=[Actor(role="source", name="French police", kind="police",
                                                                   country="FR")]), id="another-kind-no-shared-actor"),
        pytest.param(mention("m2", plover="ASSAULT", location=BREST), id="another-kind-far-off"),
        pytest.param(mention("m2", actors=[Actor(role="source", name="German farmers", country="DE")]),
                     id="different-source-actor"),
    ],
)
def test_different_happenings_stay_apart(other):
    event = build_event("e1", 1, [mention("m1")], NOW)
    score = match_score(EventView.of(event), other)
    if other.location is BREST and other.event_type.plover == "PROTEST":
        assert score is not None  # same admin1: allowed to merge
    else:
        assert score is None


def test_event_date_is_the_day_most_reports_give():
    mentions = [mention("m1", day=dt.date(2025, 2, 11)), mention("m2", day=dt.date(2025, 2, 11)),
                mention("m3", day=dt.date(2025, 2, 12), date_source="publication")]
    event = build_event("e1", 3, mentions, NOW)
    assert event.event_date == dt.date(2025, 2, 11)
    assert event.date_source == "text"


def test_resolved_actor_wins_and_collects_surface_forms():
    mentions = [
        mention("m1", actors=[Actor(role="source", name="farmers", resolved=False, surface_forms=["farmers"])]),
        mention("m2", actors=[Actor(role="source", name="French farmers", surface_forms=["French farmers"])]),
        mention("m3", actors=[Actor(role="source", name="French farmers", surface_forms=["growers"])]),
    ]
    event = build_event("e1", 1, mentions, NOW)
    assert [a.name for a in event.actors] == ["French farmers"]
    assert event.actors[0].surface_forms == ["French farmers", "growers"]


def test_confidence_grows_with_independent_reports():
    one = build_event("e1", 1, [mention("m1", confidence=0.6)], NOW)
    two = build_event("e1", 2, [mention("m1", confidence=0.6), mention("m2", confidence=0.6)], NOW)
    assert two.confidence > one.confidence


def test_stale_events_are_closed():
    state = BlockState()
    assign(state, mention("m1"), NOW - dt.timedelta(days=40))
    assign(state, mention("m2", day=dt.date(2025, 6, 1)), NOW)
    assert close_stale(state, NOW, dt.timedelta(days=30)) == 1
    assert len(state.events) == 1
