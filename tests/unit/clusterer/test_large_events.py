"""Large events: a version lists a bounded window of mentions, counts every one, and costs one decode."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.records import MENTIONS_IN_RECORD, Event, EventMention, in_record
from services.clusterer import cluster
from services.clusterer.cache import StateCache
from services.clusterer.cluster import BlockState, assign, stored_value
from tests.unit.factories import NOW, mention


def _reports(n: int) -> list[EventMention]:
    """``n`` reports of one protest from 7 outlets, published an hour apart."""
    return [mention(f"m{i:03d}", source=f"outlet{i % 7}", published=NOW + dt.timedelta(hours=i),
                    sentence=f"Farmers protested in Rennes, report {i}.") for i in range(n)]


def _through_agent(mentions: list[EventMention], cache: StateCache | None) -> list[Event]:
    """Each mention as the agent handles it: table value in, assign, table value out (cache optional)."""
    stored: bytes | None = None
    versions = []
    for m in mentions:
        if cache is None:
            state, rebuilt = (BlockState.load(stored) if stored else BlockState()), None
        else:
            state, rebuilt = cache.take(m.blocking_key, stored)
        versions.append(assign(state, m, NOW, rebuilt))
        stored, _ = stored_value(state)
        if cache is not None and rebuilt is not None:
            cache.put(m.blocking_key, stored, state, rebuilt)
    return versions


def test_the_window_keeps_the_first_report_the_new_ones_and_the_latest():
    ids = [type("M", (), {"mention_id": f"m{i}"})() for i in range(30)]
    listed = [m.mention_id for m in in_record(ids, {"m5"}, size=6)]
    assert listed == ["m0", "m5", "m26", "m27", "m28", "m29"]
    assert in_record(ids[:6], set(), size=6) == ids[:6]
    assert len(in_record(ids, {f"m{i}" for i in range(1, 11)}, size=6)) == 11  # every new one, never cut


def test_a_large_event_lists_a_window_and_counts_every_mention():
    last = _through_agent(_reports(45), StateCache())[-1]
    assert (last.version, last.num_mentions, last.num_sources, last.num_articles) == (45, 45, 7, 45)
    assert len(last.mentions) == MENTIONS_IN_RECORD
    assert [m.mention_id for m in last.mentions][:2] == ["m000", "m026"]
    assert last.mentions[-1].mention_id == "m044" and last.new_mention_ids == ["m044"]
    assert [m.mention_id for m in last.mentions if m.sentence] == ["m044"]


def test_num_mentions_counts_past_the_kept_summaries(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cluster, "MAX_KEPT_MENTIONS", 10)
    last = _through_agent(_reports(25), None)[-1]
    assert (last.version, last.num_mentions) == (25, 25)
    assert last.num_articles == 10  # what the kept summaries tell; the sink counts the stored mentions


def test_the_decoded_state_cache_changes_no_version():
    reports = _reports(30)
    assert [e.model_dump() for e in _through_agent(reports, StateCache())] == \
        [e.model_dump() for e in _through_agent(reports, None)]


def test_the_cache_is_used_only_for_the_value_it_wrote_and_is_taken_while_handled():
    cache = StateCache()
    state, rebuilt = cache.take("FR:PROTEST", None)
    assign(state, mention("m1"), NOW, rebuilt)
    value, _ = stored_value(state)
    cache.put("FR:PROTEST", value, state, rebuilt)
    assert cache.take("FR:PROTEST", value)[0] is state and cache.hits == 1
    assert cache.take("FR:PROTEST", value)[0] is not state  # taken: a failed handler's retry reloads the value
    cache.put("FR:PROTEST", value, state, rebuilt)
    other = BlockState()
    assign(other, mention("m9", source="wire"), NOW)
    reloaded, _ = cache.take("FR:PROTEST", other.dump())  # the table holds another value (a recovery)
    assert reloaded is not state and [o.mentions[0].mention_id for o in reloaded.events] == ["m9"]


def test_the_cache_is_bounded_by_decoded_mentions_least_recently_used_first():
    cache = StateCache(max_mentions=5)
    for key in ("A:PROTEST", "B:PROTEST", "C:PROTEST"):
        state, rebuilt = cache.take(key, None)
        for i in range(3):
            assign(state, mention(f"{key}{i}", source=f"s{i}"), NOW, rebuilt)
        cache.put(key, stored_value(state)[0], state, rebuilt)
    assert list(cache.entries) == ["C:PROTEST"] and cache.mentions <= 5
