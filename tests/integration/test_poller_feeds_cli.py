"""``newsflow feeds`` on the real Postgres store, through the command's own database wiring."""

from __future__ import annotations

import json

import pytest
from pydantic import SecretStr

from services.cli.feeds import _with_database
from services.cli.main import build_parser
from services.common.settings import Settings

pytestmark = pytest.mark.integration

FEED = "https://cli-test.example.test/rss.xml"


async def test_feeds_commands_on_postgres(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(database_url=SecretStr(database_url))

    async def feeds(*argv: str) -> int:
        return await _with_database(build_parser().parse_args(["feeds", *argv]), settings)

    assert await feeds("add", FEED, "--title", "CLI test") == 0
    assert await feeds("disable", FEED) == 0
    capsys.readouterr()
    assert await feeds("list", "--json") == 0
    rows = {r["feed_url"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows[FEED]["state"] == "disabled"
    assert rows[FEED]["title"] == "CLI test"
    assert await feeds("enable", FEED) == 0
    assert await feeds("export") == 0
    assert f'xmlUrl="{FEED}"' in capsys.readouterr().out
    assert await feeds("remove", FEED) == 0
    assert await feeds("remove", FEED) == 1
