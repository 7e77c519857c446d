"""Large events: a version lists a bounded window of mentions, counts every one, and costs one decode."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.records import MENTIONS_IN_RECORD, Event, EventMention, in_record
from services.clusterer import cluster
from services.clusterer.cluster import OpenEvents
from tests.unit.factories import NOW, mention


def _reports(n: int) -> list[EventMention]:
    """``n`` reports of one protest from 7 outlets, published an hour apart."""
    return [mention(f"m{i:03d}", source=f"outlet{i % 7}", published=NOW + dt.timedelta(hours=i),
                    sentence=f"Farmers protested in Rennes, report {i}.") for i in range(n)]


def _through_agent(mentions: list[EventMention], restart_each: bool = False) -> list[Event]:
    """Each mention as the agent handles it (``restart_each``: the open events reloaded from the table first)."""
    table: dict[bytes, bytes] = {}
    live = OpenEvents(dt.timedelta(days=30))
    versions = []
    for m in mentions:
        if restart_each:
            live = OpenEvents(dt.timedelta(days=30))
            live.load(table.items())
        outcome = live.handle(m, NOW)
        table.update({k: v for k, v in outcome.writes.items() if v is not None})
        versions.append(outcome.event)
    return versions


def test_the_window_keeps_the_first_report_the_new_ones_and_the_latest():
    ids = [type("M", (), {"mention_id": f"m{i}"})() for i in range(30)]
    listed = [m.mention_id for m in in_record(ids, {"m5"}, size=6)]
    assert listed == ["m0", "m5", "m26", "m27", "m28", "m29"]
    assert in_record(ids[:6], set(), size=6) == ids[:6]
    assert len(in_record(ids, {f"m{i}" for i in range(1, 11)}, size=6)) == 11  # every new one, never cut


def test_a_large_event_lists_a_window_and_counts_every_mention():
    last = _through_agent(_reports(45))[-1]
    assert (last.version, last.num_mentions, last.num_sources, last.num_articles) == (45, 45, 7, 45)
    assert len(last.mentions) == MENTIONS_IN_RECORD
    assert [m.mention_id for m in last.mentions][:2] == ["m000", "m026"]
    assert last.mentions[-1].mention_id == "m044" and last.new_mention_ids == ["m044"]
    assert [m.mention_id for m in last.mentions if m.sentence] == ["m044"]


def test_num_mentions_counts_past_the_kept_summaries(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cluster, "MAX_KEPT_MENTIONS", 10)
    last = _through_agent(_reports(25), restart_each=True)[-1]
    assert (last.version, last.num_mentions) == (25, 25)
    assert last.num_articles == 10  # what the kept summaries tell; the sink counts the stored mentions


def test_the_decoded_mentions_kept_between_versions_change_no_version():
    reports = _reports(30)
    assert [e.model_dump() for e in _through_agent(reports)] == \
        [e.model_dump() for e in _through_agent(reports, restart_each=True)]


def test_decoded_mentions_are_bounded_least_recently_updated_event_first(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cluster, "MAX_DECODED_MENTIONS", 4)
    events = OpenEvents(dt.timedelta(days=30))
    for i, key in enumerate(("en", "fr", "de")):
        for j in range(2):
            events.handle(mention(f"{key}{j}", source=f"s{j}", key=key, article_id=f"a{i}{j}"), NOW)
    assert list(events.decoded) == [e for e in events.states][1:] and events.decoded_count == 4
    assert len(events.states) == 3
