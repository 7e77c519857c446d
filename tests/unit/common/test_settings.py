"""Pipeline settings read from the environment."""

from __future__ import annotations

import pytest

from services.common.settings import Settings


def test_events_per_article_default_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().pipeline.max_events_per_article == 3
    monkeypatch.setenv("NEWSFLOW_PIPELINE__MAX_EVENTS_PER_ARTICLE", "1")
    assert Settings().pipeline.max_events_per_article == 1
    monkeypatch.setenv("NEWSFLOW_PIPELINE__MAX_EVENTS_PER_ARTICLE", "0")
    with pytest.raises(ValueError, match="greater than or equal to 1"):
        Settings()
