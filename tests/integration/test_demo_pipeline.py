"""End to end on the bundled demo corpus: feed server → run --once → Postgres, checked against demo/expected.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.devtools.feedserver import FeedServer, serve_corpus
from tests.conftest import drop, fresh_database
from tests.expectations import Stored, check_all, load_stored
from tests.integration.pipeline import REPO, cli, run_once

pytestmark = pytest.mark.integration
DEMO = REPO / "demo"


@pytest.fixture(scope="module")
def demo_server() -> Iterator[FeedServer]:
    """The demo corpus on loopback for this module (one address, so article ids stay the same across runs)."""
    with serve_corpus(DEMO / "corpus") as server:
        yield server


@pytest.fixture(scope="module")
def demo_run(demo_server: FeedServer) -> Iterator[tuple[str, Stored, str]]:
    """One --once run of the demo corpus: (database URL, what was stored, the run's stdout)."""
    url = fresh_database("newsflow_demo_test")
    proc = run_once(demo_server.feeds_txt_url, url)
    assert proc.returncode == 0, f"run --once failed:\n{proc.stdout}\n{proc.stderr[-4000:]}"
    assert any(r["path"].startswith("/articles/") for r in demo_server.requests()), "article pages never fetched"
    yield url, load_stored(url), proc.stdout
    drop(url)


def test_every_article_is_stored(demo_run: tuple[str, Stored, str]) -> None:
    manifest = json.loads((DEMO / "corpus" / "manifest.json").read_text())
    _, stored, _ = demo_run
    assert {Path(a["file"]).stem for a in manifest["articles"]} == set(stored.articles)
    assert all(a["language"] == "en" for a in stored.articles.values())


def test_demo_output_matches_expected(demo_run: tuple[str, Stored, str]) -> None:
    expected = json.loads((DEMO / "expected.json").read_text())
    _, stored, _ = demo_run
    assert check_all(stored, expected) == []
    assert len(stored.events) == len(expected["events"]), [e["mentions"] for e in stored.events]


def test_events_json_contract(demo_run: tuple[str, Stored, str]) -> None:
    url, stored, _ = demo_run
    proc = cli(["events", "--json"], url)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == len(stored.events)
    for event in lines:
        assert {"event_id", "event_type", "actors", "location", "event_date", "quantities", "mentions",
                "num_mentions", "num_sources", "num_articles"} <= set(event)
        assert {"plover", "mode", "cameo"} <= set(event["event_type"])
        for actor in event["actors"]:
            assert actor["role"] in {"source", "target"}
            assert {"name", "kind", "country", "surface_forms"} <= set(actor)
        if event["location"]:
            assert {"name", "admin1", "country", "lat", "lon"} <= set(event["location"])
        for m in event["mentions"]:
            assert {"article_id", "url", "source", "published_at", "sentence"} <= set(m)
        assert event["num_mentions"] == len(event["mentions"])
        assert event["num_sources_with_copies"] >= event["num_sources"]


def test_a_syndicated_copy_counts_as_a_source_of_the_originals_event(demo_run: tuple[str, Stored, str]) -> None:
    url, stored, _ = demo_run
    lines = [json.loads(line) for line in cli(["events", "--json"], url).stdout.splitlines()]
    assert len(stored.duplicates) == 1  # 004 and 005: whichever dedup saw second is the copy
    (copy_stem, original_stem), = stored.duplicates.items()
    copy = stored.articles[copy_stem]
    with_copy = [e for e in lines if e["copies"]]
    assert len(with_copy) == 1, [e["copies"] for e in lines]
    event = with_copy[0]
    assert [c["article_id"] for c in event["copies"]] == [copy["article_id"]]
    assert event["copies"][0]["copy_of"] == stored.articles[original_stem]["article_id"]
    assert copy["article_id"] not in {m["article_id"] for m in event["mentions"]}
    manifest = json.loads((DEMO / "corpus" / "manifest.json").read_text())
    copy_source = next(a["source_title"] for a in manifest["articles"] if a["file"] == f"{copy_stem}.txt")
    assert event["copies"][0]["source"] == copy_source
    outlets = {m["source"] for m in event["mentions"]} | {event["copies"][0]["source"]}
    assert event["num_sources_with_copies"] == len(outlets) > event["num_sources"]


def test_events_filters_and_table(demo_run: tuple[str, Stored, str]) -> None:
    url, _, _ = demo_run
    only_fr = cli(["events", "--json", "--country", "FR"], url)
    assert only_fr.returncode == 0
    countries = {json.loads(line)["location"]["country"] for line in only_fr.stdout.splitlines()}
    assert countries == {"FR"}
    protests = cli(["events", "--json", "--type", "protest", "--since", "2025-03-01"], url)
    dates = [json.loads(line)["event_date"] for line in protests.stdout.splitlines()]
    assert dates and all(d >= "2025-03-01" for d in dates)
    table = cli(["events", "--limit", "2"], url)
    assert table.returncode == 0 and "source actor" in table.stdout


def test_articles_json_contract(demo_run: tuple[str, Stored, str]) -> None:
    url, stored, _ = demo_run
    proc = cli(["articles", "--json"], url)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == len(stored.articles)
    for rec in records:
        assert {"article_id", "url", "canonical_url", "source", "title", "text", "language", "published_at",
                "duplicate_of"} <= set(rec)
    assert sum(1 for r in records if r["duplicate_of"]) == len(stored.duplicates) >= 1

