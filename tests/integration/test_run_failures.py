"""`newsflow run --once` fails with a clear message and a non-zero exit when it cannot do its job."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop, fresh_database
from tests.integration.pipeline import run_once

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    url = fresh_database("newsflow_failures_test")
    yield url
    drop(url)


def test_missing_feed_list(database: str, tmp_path: Path) -> None:
    proc = run_once(str(tmp_path / "nope.txt"), database)
    assert proc.returncode == 1
    assert "newsflow run failed" in proc.stderr
    assert "nope.txt" in proc.stderr


def test_no_feed_could_be_fetched(database: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing listens on port 9\nhttp://127.0.0.1:9/feed.xml\n")
    proc = run_once(str(feeds), database)
    assert proc.returncode == 1
    assert "polled 1 feeds (1 failed)" in proc.stdout
    assert "no feed could be fetched" in proc.stderr
