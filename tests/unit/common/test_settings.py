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


@pytest.mark.parametrize(
    ("variable", "value", "error"),
    [("NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES", "1000", "greater than or equal to 262144"),
     ("NEWSFLOW_POLLER__MAX_TITLE_CHARS", "10", "greater than or equal to 80"),
     ("NEWSFLOW_POLLER__PUBLISH_BATCH_ITEMS", "0", "greater than or equal to 1")],
    ids=["message-limit-too-small", "title-cap-too-small", "empty-batches"],
)
def test_intake_limits_are_validated(monkeypatch: pytest.MonkeyPatch, variable: str, value: str, error: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=error):
        Settings()


def test_a_raw_record_leaves_room_for_its_dead_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    kafka = Settings().kafka
    assert (kafka.max_message_bytes, kafka.raw_record_bytes) == (1_048_576, 774_144)
    monkeypatch.setenv("NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES", str(8 * 1024 * 1024))
    kafka = Settings().kafka
    assert kafka.raw_record_bytes * 4 // 3 + 16 * 1024 <= kafka.max_message_bytes
