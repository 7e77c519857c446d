"""The clustering table's value: compact, round-trips, keeps behaviour (versions, redelivery, order, window)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid

import pytest

from schemas.records import Event, EventMention, Quantity
from services.clusterer.cluster import BlockState, OpenEvents
from services.clusterer.merge import build_event
from services.clusterer.state import Kept
from tests.unit.factories import NOW, mention

WINDOW = dt.timedelta(days=30)
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


def _through_table(mentions: list[EventMention]) -> tuple[dict[bytes, bytes], list[Event]]:
    """Each mention as a restarted agent would handle it: the open events loaded from the table, the mention
    handled, the writes applied; the final table and every version."""
    table: dict[bytes, bytes] = {}
    events = []
    for m in mentions:
        fresh = OpenEvents(WINDOW)
        fresh.load(table.items())
        outcome = fresh.handle(m, NOW)
        table.update({k: v for k, v in outcome.writes.items() if v is not None})
        events.append(outcome.event)
    return table, events


def _only(table: dict[bytes, bytes]) -> bytes:
    (value,) = table.values()
    return value


def _content(event: Event) -> dict[str, object]:
    """What must not depend on arrival order: all but ids, versions and which sentence rode along."""
    data = event.model_dump(mode="json", exclude={"event_id", "version", "updated_at", "new_mention_ids"})
    data["mentions"] = sorted((m["mention_id"], m["url"], m["source"], m["published_at"]) for m in data["mentions"])
    return data


def test_the_table_round_trip_gives_the_same_events_as_memory() -> None:
    reports = _reports()
    table, via_table = _through_table(reports)
    live = OpenEvents(WINDOW)
    in_memory = [live.handle(m, NOW).event for m in reports]
    assert [e.model_dump() for e in via_table] == [e.model_dump() for e in in_memory]
    assert BlockState.load(_only(table)).dump() == _only(table)


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
    stored = _only(_through_table(_reports())[0])
    state = BlockState.load(stored)
    assert "Thousands of French farmers drove" not in state.model_dump_json()
    assert len(stored) < 250 * 4  # four mentions, their event, its pooled actor, place, counts and evidence


def test_a_redelivered_mention_changes_nothing_after_the_table_round_trip() -> None:
    reports = _reports()
    table, events = _through_table(reports)
    fresh = OpenEvents(WINDOW)
    fresh.load(table.items())
    outcome = fresh.handle(reports[1], NOW)
    again = outcome.event
    assert (again.event_id, again.version) == (events[-1].event_id, events[-1].version)
    assert _content(again) == _content(events[-1])
    assert outcome.writes == {}


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5], ids=str)
def test_the_event_does_not_depend_on_arrival_order(order: tuple[int, ...]) -> None:
    reports = _reports()
    _, reference = _through_table(reports)
    _, events = _through_table([reports[i] for i in order])
    assert _content(events[-1]) == _content(reference[-1])


def test_window_eviction_survives_the_round_trip() -> None:
    live, table = OpenEvents(WINDOW), {}
    table.update(live.handle(mention("m1"), NOW - dt.timedelta(days=40)).writes)
    fresh = OpenEvents(WINDOW)
    fresh.load(table.items())
    outcome = fresh.handle(mention("m2", day=dt.date(2025, 6, 1)), NOW)
    assert sorted(v is None for v in outcome.writes.values()) == [False, True]
    assert [k.mention_id for s in fresh.states.values() for k in s.events[0].mentions] == ["m2"]


def test_the_former_layout_is_read() -> None:
    m = mention("m1")
    former = {"events": [{"event": json.loads(build_event("e1", 3, [m], NOW).model_dump_json()),
                          "mentions": [json.loads(m.model_dump_json())]}]}
    state = BlockState.load(json.dumps(former).encode())
    assert (state.events[0].event_id, state.events[0].version) == ("e1", 3)
    assert state.events[0].mentions == [Kept.of(m)]
