"""A bad command line is two lines and exit 2, checked before any service starts; filters take only known values."""

from __future__ import annotations

import argparse

import pytest

from services.cli import filters
from services.cli.errors import CliError, postgres_error, redacted
from services.cli.main import main

SEE_HELP = "See `newsflow events --help`."


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["events", "--limit", "-1"], "argument --limit: -1 is out of range: give a number from 1 to",
                     id="negative-limit"),
        pytest.param(["articles", "--limit", "99999999999999999999"],
                     "argument --limit: 99999999999999999999 is out of range", id="huge-limit"),
        pytest.param(["events", "--limit", "ten"], "argument --limit: 'ten' is not a whole number", id="word-limit"),
        pytest.param(["events", "--since", "2020-13-45"],
                     "argument --since: '2020-13-45' is not a date: use YYYY-MM-DD", id="impossible-date"),
        pytest.param(["events", "--country", "Atlantis"],
                     "unknown country 'Atlantis': use an ISO 3166-1 alpha-2 code such as FR or SY", id="country"),
        pytest.param(["events", "--country", "ZZ"], "unknown country 'ZZ'", id="unassigned-code"),
        pytest.param(["events", "--type", "FOO"], "unknown event type 'FOO': use one of ACCIDENT,", id="type"),
        pytest.param(["events", "--id", "zzz"], "argument --id: 'zzz' is not an event id", id="id-not-hex"),
        pytest.param(["events", "--id", "%"], "argument --id: '%' is not an event id", id="id-wildcard"),
        pytest.param(["dlq", "list", "--limit", "0"], "argument --limit: 0 is out of range", id="dlq-limit"),
    ],
)
def test_bad_values_are_two_lines_and_exit_2(argv: list[str], message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert len(err.splitlines()) == 2, err
    assert message in err.splitlines()[0]
    assert err.splitlines()[1].startswith("See `newsflow")


@pytest.mark.parametrize(
    ("text", "code"),
    [("FR", "FR"), ("fr", "FR"), ("Syria", "SY"), ("syria", "SY"), ("XK", "XK"), ("Ukraine", "UA")],
    ids=["code", "lower-case-code", "name", "lower-case-name", "supplement-code", "supplement-name"],
)
def test_country_is_an_alpha_2_code(text: str, code: str) -> None:
    assert filters.country(text) == code


@pytest.mark.parametrize(
    ("text", "prefix"),
    [("0B3F6C57", "0b3f6c57"), ("0b3f", "0b3f"), ("0b3f6c57-8e", "0b3f6c57-8e"),
     ("0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91", "0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91")],
    ids=["upper-case", "short", "past-a-dash", "whole-uuid"],
)
def test_event_id_prefixes(text: str, prefix: str) -> None:
    assert filters.event_id(text) == prefix


@pytest.mark.parametrize(
    "text", ["", "0b3f6c578e0e", "0b3f_", "0b3f6c57-8e0e-4d7a-b1a4-6a0d4b8f2e91a", "0b3f6c57-8e0e-4d7a-b1a4-"
                                                                                "6a0d4b8f2e9g"],
    ids=["empty", "dash-missing", "underscore-wildcard", "too-long", "not-hex"],
)
def test_event_id_refuses_what_is_not_a_uuid_prefix(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        filters.event_id(text)


def test_event_types_are_the_extractors() -> None:
    assert {"PROTEST", "ASSAULT", "DISASTER"} <= filters.event_types()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("newsflow ")


@pytest.mark.parametrize(
    ("exc", "first_line"),
    [
        (ConnectionRefusedError(111, "Connect call failed"),
         "cannot connect to Postgres at db.example:5433/news: Connect call failed."),
        (ValueError("invalid DSN"), "DATABASE_URL is not a valid Postgres URL (invalid DSN)."),
    ],
    ids=["refused", "malformed"],
)
def test_postgres_errors_name_the_setting(exc: Exception, first_line: str) -> None:
    error = postgres_error(exc, "postgresql://u:secret@db.example:5433/news")
    lines = str(error).splitlines()
    assert isinstance(error, CliError) and len(lines) == 2
    assert lines[0] == first_line
    assert "DATABASE_URL" in lines[1] or "DATABASE_URL" in lines[0]
    assert "secret" not in str(error)


def test_redacted_drops_user_and_password() -> None:
    assert redacted("postgresql://u:pw@h:1/d") == "h:1/d"


def test_an_invalid_setting_is_named(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from services.common.settings import get_settings

    monkeypatch.setenv("NEWSFLOW_POSTGRES__POOL_MIN", "abc")
    get_settings.cache_clear()
    try:
        assert main(["events"]) == 1
    finally:
        get_settings.cache_clear()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("newsflow events: invalid setting postgres.pool_min: Input should be a valid integer")
    assert len(lines) == 2
