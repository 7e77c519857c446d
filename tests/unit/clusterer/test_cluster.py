import datetime as dt

import pytest

from schemas.records import Actor, Quantity
from services.clusterer.cluster import OpenEvents, table_key
from services.clusterer.match import distance_km
from services.clusterer.merge import build_event
from tests.unit.factories import BREST, NOW, REGENSBURG, RENNES, mention

WINDOW = dt.timedelta(days=30)
QUAKE = dict(title="Magnitude 6.1 earthquake strikes Aceh province", plover="OTHER", location=None,
             sentence="A strong earthquake of magnitude 6.1 struck Indonesia's Aceh province on Tuesday, killing "
                      "12 people and damaging hundreds of homes in Bener Meriah, officials said.")
QUAKE_AGAIN = dict(title="Deadly quake hits Indonesia's Aceh, 12 dead", plover="DISASTER", location=None,
                   sentence="At least 12 people died when a 6.1-magnitude earthquake shook Aceh in Indonesia on "
                            "Tuesday, and homes collapsed in Bener Meriah, the disaster agency said.")
OTHER_QUAKE = dict(title="Magnitude 7.0 earthquake strikes Haiti", plover="DISASTER", location=None,
                   sentence="A powerful earthquake of magnitude 7.0 struck Haiti on Tuesday near Port-au-Prince, "
                            "killing hundreds of people and flattening the presidential palace, officials said.")
FLOOD = dict(title="Floods force thousands from homes in Bavaria", plover="DISASTER", location=None,
             sentence="Rivers burst their banks across Bavaria after days of rain, forcing 4,000 residents of "
                      "Passau and Regensburg to leave their homes, the state government said.")


def handle_all(events: OpenEvents, *mentions, now: dt.datetime = NOW):
    return [events.handle(m, now).event for m in mentions]


def test_distance_between_known_cities():
    assert distance_km(RENNES, BREST) == pytest.approx(210, abs=10)


def test_reports_of_one_happening_merge_into_one_event():
    events = OpenEvents(WINDOW)
    first, second = handle_all(
        events,
        mention("m1", source="ledger", quantities=[Quantity(what="protesters", min=3000, max=3000, reported=[3000])]),
        mention("m2", source="wire", day=dt.date(2025, 2, 12),
                quantities=[Quantity(what="protesters", min=5000, max=5000, reported=[5000])]))
    assert second.event_id == first.event_id
    assert (second.version, second.num_mentions, second.num_sources, second.num_articles) == (2, 2, 2, 2)
    assert second.quantities[0].reported == [3000, 5000]
    assert (second.quantities[0].min, second.quantities[0].max) == (3000, 5000)


def test_differently_typed_reports_of_one_happening_merge_and_a_same_kind_happening_stays_apart():
    events = OpenEvents(WINDOW)
    a, b, c, d = handle_all(events, mention("q1", source="wire", **QUAKE),
                            mention("q2", source="ledger", **QUAKE_AGAIN), mention("q3", source="post", **OTHER_QUAKE),
                            mention("q4", source="post", **FLOOD))
    assert b.event_id == a.event_id and b.version == 2  # typed OTHER and DISASTER: the type does not gate
    assert len({a.event_id, c.event_id, d.event_id}) == 3


def test_redelivered_mention_changes_nothing_and_re_emits_the_current_version():
    events = OpenEvents(WINDOW)
    first, _ = handle_all(events, mention("m1"), mention("m2", source="wire"))
    outcome = events.handle(mention("m1"), NOW)
    again = outcome.event
    assert (again.event_id, again.version, again.num_mentions) == (first.event_id, 2, 2)
    assert again.new_mention_ids == ["m1"] and outcome.writes == {}
    assert [m.sentence for m in again.mentions if m.mention_id == "m1"] == ["Farmers protested in Rennes."]


def test_two_reports_of_one_article_never_join_one_event():
    events = OpenEvents(WINDOW)
    first, second = handle_all(events, mention("m1", article_id="a1"), mention("m2", article_id="a1"))
    assert first.event_id != second.event_id


def test_reports_of_another_deciding_key_never_meet():
    events = OpenEvents(WINDOW)
    first, second = handle_all(events, mention("m1"), mention("m2", source="wire", key="fr"))
    assert first.event_id != second.event_id


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(mention("m2", location=REGENSBURG, title="Tractor convoy blocks Regensburg", lead=(
            "German farmers drove 400 tractors into Regensburg in Bavaria on Wednesday against diesel tax cuts."),
            actors=[Actor(role="source", name="German farmers", kind="civilians", country="DE")]),
            id="another-country-and-words"),
        pytest.param(mention("m2", plover="ASSAULT", title="Police fire tear gas in Lyon", lead=(
            "French police fired tear gas at striking dock workers in Lyon late on Monday."),
            actors=[Actor(role="source", name="French police", kind="police", country="FR")]),
            id="another-kind-and-words"),
    ],
)
def test_different_happenings_stay_apart(other):
    events = OpenEvents(WINDOW)
    first, second = handle_all(events, mention("m1", lead="Hundreds of farmers protested in Rennes over milk prices."),
                               other)
    assert first.event_id != second.event_id


def test_the_index_rebuilt_from_the_table_decides_as_the_live_one():
    live, table = OpenEvents(WINDOW), {}
    reports = [mention("q1", source="wire", **QUAKE), mention("q3", source="post", **OTHER_QUAKE),
               mention("f1", source="ledger", **FLOOD)]
    for m in reports:
        table.update(live.handle(m, NOW).writes)
    rebuilt = OpenEvents(WINDOW)
    rebuilt.load(table.items())
    assert rebuilt.idf.counts == live.idf.counts and rebuilt.idf.docs == live.idf.docs == 3
    assert rebuilt.postings == live.postings and rebuilt.by_mention == live.by_mention
    late = mention("q2", source="ledger", **QUAKE_AGAIN)
    assert rebuilt.handle(late, NOW).event.model_dump() == live.handle(late, NOW).event.model_dump()


def test_events_past_the_window_are_closed_and_their_keys_deleted():
    events = OpenEvents(WINDOW)
    old = events.handle(mention("m1"), NOW - dt.timedelta(days=40)).event
    outcome = events.handle(mention("m2", source="wire", day=dt.date(2025, 6, 1)), NOW)
    assert outcome.writes[table_key(old.event_id)] is None
    assert outcome.event.event_id != old.event_id and list(events.states) == [outcome.event.event_id]
    assert events.idf.docs == 1


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
