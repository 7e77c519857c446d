"""The clustering table's value: compact, round-trips, keeps behaviour (versions, redelivery, order, window)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid

import pytest

from schemas.records import Actor, Event, EventMention, Location, Quantity
from services.clusterer.cluster import BlockState, assign, close_stale, stored_value
from services.clusterer.merge import build_event
from services.clusterer.state import Kept
from tests.unit.factories import NOW, mention

SENTENCE = "Thousands of French farmers drove tractors into Rennes on Tuesday to protest against fuel taxes."


def _reports() -> list[EventMention]:
    """Four reports of one protest, with UUID ids as the extractor makes them, differing in counts and day."""
    out = []
    for i, (source, day, count) in enumerate([("ledger", 11, 3000), ("wire", 11, 5000), ("post", 12, 4000),
                                              ("ledger", 11, 3000)]):
        m = mention(str(uuid.uuid5(uuid.NAMESPACE_URL, f"m{i}")),
                    article_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"a{i}")), source=source,
                    day=dt.date(2025, 2, day), sentence=SENTENCE,
                    published=NOW + dt.timedelta(hours=i, microseconds=123457), confidence=0.61237 + i / 100,
                    quantities=[Quantity(what="protesters", min=count, max=count, reported=[count],
                                         text=[f"{count:,} farmers"])])
        out.append(m)
    return out


def _through_table(mentions: list[EventMention]) -> tuple[bytes, list[Event]]:
    """Each mention through load → assign → dump, as the agent does; the final value and every version."""
    stored, events = b"", []
    for m in mentions:
        state = BlockState.load(stored) if stored else BlockState()
        event = assign(state, m, NOW)
        stored = state.dump()
        if event is not None:
            events.append(event)
    return stored, events


def _content(event: Event) -> dict[str, object]:
    """What must not depend on arrival order: all but ids, versions and which sentence rode along."""
    data = event.model_dump(mode="json", exclude={"event_id", "version", "updated_at", "new_mention_ids"})
    data["mentions"] = sorted((m["mention_id"], m["url"], m["source"], m["published_at"]) for m in data["mentions"])
    return data


def test_the_table_round_trip_gives_the_same_events_as_memory() -> None:
    reports = _reports()
    _, via_table = _through_table(reports)
    state = BlockState()
    in_memory = [e for e in (assign(state, m, NOW) for m in reports) if e is not None]
    assert [e.model_dump() for e in via_table] == [e.model_dump() for e in in_memory]
    assert BlockState.load(state.dump()).dump() == state.dump()


def test_a_version_lists_every_mention_and_carries_the_new_ones_sentence() -> None:
    _, events = _through_table(_reports())
    last = events[-1]
    assert (last.version, last.num_mentions, last.num_sources, len(last.mentions)) == (4, 4, 3, 4)
    assert last.new_mention_ids == [_reports()[-1].mention_id]
    assert {m.mention_id: m.sentence for m in last.mentions}[last.new_mention_ids[0]] == SENTENCE
    assert [m.sentence for m in last.mentions if m.mention_id not in last.new_mention_ids] == ["", "", ""]
    assert (last.quantities[0].min, last.quantities[0].max) == (3000, 5000)
    assert last.quantities[0].text == ["3,000 farmers", "5,000 farmers", "4,000 farmers"]


def test_no_sentence_lives_in_the_table_and_a_mention_costs_little() -> None:
    stored, _ = _through_table(_reports())
    state = BlockState.load(stored)
    assert "tractors" not in state.model_dump_json()
    assert len(stored) < 200 * 4  # four mentions, their event and its pooled actor, place, counts


def test_a_redelivered_mention_changes_nothing_after_the_table_round_trip() -> None:
    reports = _reports()
    stored, events = _through_table(reports)
    state = BlockState.load(stored)
    again = assign(state, reports[1], NOW)
    assert (again.event_id, again.version) == (events[-1].event_id, events[-1].version)
    assert _content(again) == _content(events[-1])
    assert state.dump() == stored


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5], ids=str)
def test_the_event_does_not_depend_on_arrival_order(order: tuple[int, ...]) -> None:
    reports = _reports()
    _, reference = _through_table(reports)
    _, events = _through_table([reports[i] for i in order])
    assert _content(events[-1]) == _content(reference[-1])


def test_window_eviction_survives_the_round_trip() -> None:
    state = BlockState()
    assign(state, mention("m1"), NOW - dt.timedelta(days=40))
    assign(state, mention("m2", day=dt.date(2025, 6, 1)), NOW)
    state = BlockState.load(state.dump())
    assert close_stale(state, NOW, dt.timedelta(days=30)) == 1
    assert [k.mention_id for o in state.events for k in o.mentions] == ["m2"]


def test_the_former_layout_is_read() -> None:
    m = mention("m1")
    former = {"events": [{"event": json.loads(build_event("e1", 3, [m], NOW).model_dump_json()),
                          "mentions": [json.loads(m.model_dump_json())]}]}
    state = BlockState.load(json.dumps(former).encode())
    assert (state.events[0].event_id, state.events[0].version) == ("e1", 3)
    assert state.events[0].mentions == [Kept.of(m)]
    assert assign(state, mention("m1"), NOW).version == 3


NIGERIA = Location(name="Monguno", admin1="Borno", country="NG", lat=12.67, lon=13.61)
ISWAP = Actor(role="source", name="Islamic State West Africa Province", kind="armed group", country="NG")
ARMY = Actor(role="target", name="Nigerian military", kind="military", country="NG")
GOVERNMENT = Actor(role="source", name="Nigerian government", kind="government", country="NG")


def test_a_report_typed_differently_joins_when_it_names_an_actor_of_the_event() -> None:
    state = BlockState()
    attack = assign(state, mention("m1", plover="ASSAULT", location=NIGERIA, actors=[ISWAP, ARMY],
                                   day=dt.date(2025, 3, 22)), NOW)
    condemned = assign(state, mention("m2", plover="ACCUSE", location=NIGERIA, actors=[GOVERNMENT, ARMY],
                                      day=dt.date(2025, 3, 23)), NOW)
    assert attack is not None and condemned is not None
    assert condemned.event_id == attack.event_id and condemned.event_type.plover == "ASSAULT"


def test_a_report_typed_differently_stays_apart_without_a_shared_actor() -> None:
    state = BlockState()
    attack = assign(state, mention("m1", plover="ASSAULT", location=NIGERIA, actors=[ISWAP, ARMY]), NOW)
    farmers = Actor(role="source", name="Nigerian farmers", kind="agriculture", country="NG")
    other = assign(state, mention("m2", plover="PROTEST", location=NIGERIA, actors=[farmers]), NOW)
    assert attack is not None and other is not None and other.event_id != attack.event_id


def test_a_value_over_the_limit_closes_the_least_recently_updated_events() -> None:
    state = BlockState()
    for i in range(40):
        assign(state, mention(f"m{i}", day=dt.date(2025, 1, 1) + dt.timedelta(days=5 * i)),
               NOW + dt.timedelta(hours=i))
    whole, _ = stored_value(state, limit=10**6)
    value, closed = stored_value(state, limit=len(whole) // 2)
    assert closed > 0 and len(value) <= len(whole) // 2
    assert BlockState.load(value).events[-1].mentions[0].mention_id == "m39"
    assert min(o.updated_at for o in state.events) > NOW


def test_unnamed_crowds_alone_do_not_tie_reports_of_different_types() -> None:
    state = BlockState()
    civilians = Actor(role="target", name="Nigerian civilians", kind="civilians", country="NG")
    attack = assign(state, mention("m1", plover="ASSAULT", location=NIGERIA, actors=[ISWAP, civilians]), NOW)
    people = Actor(role="source", name="Nigerian people", kind="people", country="NG")
    protest = assign(state, mention("m2", plover="PROTEST", location=NIGERIA, actors=[people]), NOW)
    assert attack is not None and protest is not None and protest.event_id != attack.event_id
