"""Acceptance on the shared sample set: five real articles served by ../shared/tools/feedserver.py.

This is the one place the suite reads ../shared/samples; it runs where the
shared folder sits beside the checkout (as in CI).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.conftest import drop, fresh_database
from tests.expectations import Stored, check_all, events_with, load_stored
from tests.integration.pipeline import SEEDS, samples_stored

pytestmark = [pytest.mark.integration, pytest.mark.acceptance,
              pytest.mark.skipif(not (SEEDS / "expected.json").exists(), reason="../shared/samples not present")]


RUN_OUTPUT: dict[str, str] = {}  # what the samples' run --once printed


@pytest.fixture(scope="module")
def samples_run() -> Iterator[Stored]:
    """The sample set through run --once into a fresh database."""
    url = fresh_database("newsflow_samples_test")
    try:
        with samples_stored(url) as proc:
            RUN_OUTPUT.update(stdout=proc.stdout, stderr=proc.stderr)
            yield load_stored(url)
    finally:
        drop(url)


def test_samples_come_out_as_expected(samples_run: Stored) -> None:
    expected = json.loads((SEEDS / "expected.json").read_text())
    assert check_all(samples_run, expected) == []


def test_two_events_and_003_never_joins_b(samples_run: Stored) -> None:
    events_of_003 = events_with(samples_run, "003")
    assert len(events_of_003) <= 1
    assert not events_of_003 or "004" not in {m["url"].rsplit("/", 1)[-1][:3] for m in events_of_003[0]["mentions"]}
    allowed = 2 if events_of_003 and "000" in {m["url"].rsplit("/", 1)[-1][:3]
                                               for m in events_of_003[0]["mentions"]} else 3
    assert len(samples_run.events) <= allowed


def test_the_run_is_quiet_by_default(samples_run: Stored) -> None:
    lines = RUN_OUTPUT["stdout"].splitlines() + RUN_OUTPUT["stderr"].splitlines()
    assert len(lines) < 30, "\n".join(lines)
    assert not any("ƒaµS†" in line or "Starting..." in line or line.startswith(("|", "+")) for line in lines)
    assert RUN_OUTPUT["stdout"].startswith("polled 4 feeds (0 failed); 5 articles published, 0 lost")
