import datetime as dt

import pytest

from services.dedup.exact import (
    ENTRY_BYTES,
    KEY_BYTES,
    content_key,
    duplicate_record,
    earlier_copy,
    is_expired,
    new_entry,
    pack,
    table_key,
    unpack,
)
from tests.unit.factories import NOW, article

WEEK = dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("entry", "article_id", "expected"),
    [
        pytest.param(None, "b", None, id="first-seen"),
        pytest.param({"article_id": "a", "seen_at": NOW.timestamp()}, "b", "a", id="earlier-copy"),
        pytest.param({"article_id": "b", "seen_at": NOW.timestamp()}, "b", None, id="same-article-redelivered"),
        pytest.param({"article_id": "a", "seen_at": (NOW - dt.timedelta(days=8)).timestamp()}, "b", None,
                     id="outside-window"),
    ],
)
def test_earlier_copy(entry, article_id, expected):
    assert earlier_copy(entry, article(article_id), NOW, WEEK) == expected


def test_new_entry_round_trips_through_expiry():
    entry = new_entry(article("a"), NOW)
    assert entry["article_id"] == "a"
    assert not is_expired(entry, NOW + dt.timedelta(days=6), WEEK)
    assert is_expired(entry, NOW + dt.timedelta(days=7, seconds=1), WEEK)


def test_short_texts_are_not_matched_by_content():
    assert content_key(article("a", text="Too short to identify.")) is None
    long_one = article("b")
    assert content_key(long_one) == long_one.content_hash


def test_duplicate_record_carries_the_copy():
    dup = duplicate_record(article("b"), "a", "content", NOW)
    assert (dup.article_id, dup.duplicate_of, dup.kind, dup.similarity) == ("b", "a", "content", 1.0)
    assert dup.article.article_id == "b"


def test_packed_entry_round_trips_with_its_partition():
    entry = new_entry(article("0b6f3f5c-3d5e-5a0e-9a43-7f3c2c1d9e10"), NOW)
    stored = pack(entry, 3)
    assert len(stored) == ENTRY_BYTES == 22
    assert unpack(stored) == (entry, 3)
    assert unpack(None) is None and unpack(b"") is None


@pytest.mark.parametrize("compared", ["https://ledger.example/a", "9" * 64], ids=["canonical-url", "content-hash"])
def test_table_key_is_a_short_stable_digest(compared):
    assert table_key(compared) == table_key(compared) != table_key(compared + "x")
    assert len(table_key(compared)) == KEY_BYTES == 16
