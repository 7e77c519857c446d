import datetime as dt
import json

import pytest

from services.cli.main import build_parser
from services.cli.query import articles_table, events_table, json_lines
from services.clusterer.merge import build_event
from tests.unit.factories import NOW, mention

EVENT = build_event("0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91", 1, [mention("m1"), mention("m2", source="wire")],
                    NOW).model_dump(mode="json")


def test_events_table_shows_type_actors_place_and_counts():
    table = events_table([EVENT])
    assert "PROTEST/demo (141)" in table
    assert "French farmers" in table
    assert "Rennes, Brittany, FR" in table
    assert "2/2" in table


def test_json_lines_is_one_object_per_line():
    out = json_lines([EVENT, EVENT])
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == [EVENT["event_id"]] * 2


def test_articles_table():
    row = {"published_at": "2025-02-11T18:20:00+00:00", "source": "ledger", "language": "en",
           "title": "Farmers protest in Rennes", "duplicate_of": None, "article_id": "a" * 36}
    assert "Farmers protest in Rennes" in articles_table([row])


@pytest.mark.parametrize(
    ("argv", "checks"),
    [
        pytest.param(["run", "--once", "--feeds", "f.opml", "--allow-private-network"],
                     {"once": True, "feeds": "f.opml", "allow_private_network": True}, id="run"),
        pytest.param(["events", "--json", "--since", "2025-01-02", "--country", "FR", "--type", "PROTEST"],
                     {"json": True, "since": dt.date(2025, 1, 2), "country": "FR", "plover": "PROTEST"}, id="events"),
        pytest.param(["articles", "--json", "--limit", "5"], {"json": True, "limit": 5}, id="articles"),
        pytest.param(["worker", "--stage", "normalizer", "dedup"], {"stage": ["normalizer", "dedup"]}, id="worker"),
    ],
)
def test_cli_contract(argv, checks):
    args = build_parser().parse_args(argv)
    assert {k: getattr(args, k) for k in checks} == checks


def test_run_defaults_to_the_packaged_feed_list():
    args = build_parser().parse_args(["run"])
    assert args.feeds.endswith("default_feeds.txt")
    assert not args.once
