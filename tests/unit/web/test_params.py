"""The API's query parameters: the command line's validators, a capped limit, and a message for each 400."""

from __future__ import annotations

import datetime as dt

import pytest

from services.web.params import DEFAULT_LIMIT, MAX_LIMIT, BadRequestError, EventQuery, event_id, event_query


@pytest.mark.parametrize(("items", "expected"), [
    pytest.param([], EventQuery(), id="nothing"),
    pytest.param([("since", "2025-02-01"), ("until", "2025-02-28")],
                 EventQuery(since=dt.date(2025, 2, 1), until=dt.date(2025, 2, 28)), id="date-range"),
    pytest.param([("country", "france")], EventQuery(country="FR"), id="country-name"),
    pytest.param([("country", "sy")], EventQuery(country="SY"), id="country-code"),
    pytest.param([("type", "protest")], EventQuery(plover="PROTEST"), id="type"),
    pytest.param([("q", "  Islamic State ")], EventQuery(text="Islamic State"), id="text-stripped"),
    pytest.param([("limit", "2")], EventQuery(limit=2), id="limit"),
    pytest.param([("q", ""), ("country", " ")], EventQuery(), id="empty-values-unset"),
])
def test_valid_queries(items: list[tuple[str, str]], expected: EventQuery) -> None:
    assert event_query(items) == expected


@pytest.mark.parametrize(("items", "message"), [
    pytest.param([("since", "yesterday")], "since: 'yesterday' is not a date", id="bad-date"),
    pytest.param([("since", "2025-03-01"), ("until", "2025-02-01")], "is after until", id="inverted-range"),
    pytest.param([("country", "Atlantis")], "unknown country 'Atlantis'", id="bad-country"),
    pytest.param([("type", "PICNIC")], "unknown event type 'PICNIC'", id="bad-type"),
    pytest.param([("limit", "0")], "out of range", id="limit-zero"),
    pytest.param([("limit", "ten")], "not a whole number", id="limit-word"),
    pytest.param([("limit", str(MAX_LIMIT + 1))], f"over {MAX_LIMIT}", id="limit-over-cap"),
    pytest.param([("q", "x" * 201)], "at most 200 characters", id="text-too-long"),
    pytest.param([("q", "a\x00b")], "control characters", id="text-nul"),
    pytest.param([("sort", "date")], "unknown parameter 'sort'", id="unknown-parameter"),
    pytest.param([("type", "PROTEST"), ("type", "ASSAULT")], "given more than once", id="repeated"),
])
def test_bad_queries_say_why(items: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(BadRequestError, match=message.replace("(", r"\(")):
        event_query(items)


def test_default_limit_is_below_the_cap() -> None:
    assert 1 <= DEFAULT_LIMIT <= MAX_LIMIT


@pytest.mark.parametrize("raw", ["0b3f6c57", "not-an-id", "0b3f6c57-0000-0000-0000-00000000000g", "", "%27"])
def test_event_id_must_be_a_whole_uuid(raw: str) -> None:
    with pytest.raises(BadRequestError, match="event id"):
        event_id(raw)


def test_event_id_is_lower_cased() -> None:
    assert event_id("0B3F6C57-1111-2222-3333-444455556666") == "0b3f6c57-1111-2222-3333-444455556666"
