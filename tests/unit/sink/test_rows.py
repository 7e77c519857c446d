import datetime as dt

from schemas.records import CopyRef, Event, EventType
from services.clusterer.merge import build_event
from services.sink.cloudevents import event_headers
from services.sink.copies import Reports
from services.sink.rows import actor_rows, event_row
from services.sink.writer import latest_versions
from tests.unit.factories import NOW, mention


def _event(version: int) -> Event:
    return Event(event_id="e1", version=version, event_type=EventType(plover="PROTEST"), updated_at=NOW)


def test_only_the_latest_version_of_each_event_is_written():
    kept = latest_versions([_event(1), _event(3), _event(2)])
    assert [e.version for e in kept] == [3]


def test_event_row_has_indexed_columns_and_the_full_record():
    event = build_event("0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91", 2, [mention("m1"), mention("m2")], NOW)
    row = event_row(event)
    assert row[:3] == (event.event_id, 2, "PROTEST")
    assert row[7] == "FR" and row[9] == "Rennes"
    assert row[-2]["event_id"] == event.event_id
    assert actor_rows(event) == [(event.event_id, "source", "French farmers", "civilians", "FR")]


def test_cloudevents_headers():
    headers = dict(event_headers(_event(4)))
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_id"] == b"e1:4"
    assert headers["ce_type"] == b"org.newsflow.event.v2"
    assert headers["ce_dataschema"] == b"newsflow:schemas/Event.v2.json"
    assert headers["newsflow_plover_type"] == b"PROTEST"
    assert dt.datetime.fromisoformat(headers["ce_time"].decode()) == NOW


def test_copies_count_their_outlets_and_make_a_distinct_cloudevent():
    event = build_event("0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91", 2, [mention("m1"), mention("m2")], NOW)
    copy = CopyRef(article_id="c1", url="https://wire.example/c1", source="wire", kind="near", similarity=0.8,
                   copy_of=event.mentions[0].article_id)
    bare = Reports(mentions=2, articles=2, sources={"ledger"}).applied(event)
    copied = Reports(mentions=2, articles=2, sources={"ledger"}, copies=[copy], num_copies=1,
                     copy_sources={"wire"}).applied(event)
    assert (bare.num_sources_with_copies, copied.num_sources_with_copies) == (1, 2)
    assert copied.version == event.version and copied.copies == [copy] and event.copies == []
    assert dict(event_headers(bare))["ce_id"] == f"{event.event_id}:2".encode()
    assert dict(event_headers(copied))["ce_id"] == f"{event.event_id}:2.1".encode()
    assert dict(event_headers(copied))["newsflow_copies"] == b"1"


def test_counts_cover_every_stored_mention_and_copy_beyond_the_listed_window():
    event = build_event("0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91", 2, [mention("m1"), mention("m2")], NOW)
    found = Reports(mentions=120, articles=118, sources={"ledger", "wire", "post"}, num_copies=45,
                    copy_sources={"daily", "wire"}).applied(event)
    assert (found.num_mentions, found.num_articles, found.num_sources) == (120, 118, 3)
    assert (found.num_copies, found.num_sources_with_copies) == (45, 4)
    assert dict(event_headers(found))["ce_id"] == f"{event.event_id}:2.45".encode()
