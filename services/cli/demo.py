"""``newsflow demo``: the bundled fictional corpus served on loopback, run once, events printed."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from services.cli.query import events_table, fetch_events
from services.common.db import LOCAL_ADMIN_URL, drop_database
from services.common.settings import Settings

if TYPE_CHECKING:
    from services.web.serve import Listener

DEMO_DATABASE = "newsflow_demo"


def default_corpus() -> Path:
    """demo/corpus in the source checkout."""
    return Path(__file__).resolve().parents[2] / "demo" / "corpus"


def run_demo(settings: Settings, corpus: Path | None, web: Listener | None = None) -> int:
    """Serve the corpus, run the pipeline once into a fresh demo database, print the events table; with ``web``,
    then serve the web view on that database until Ctrl-C, its URL the last line printed."""
    from services.cli.run import run_pipeline
    from services.devtools.feedserver import serve_corpus

    corpus = corpus or default_corpus()
    if not (corpus / "manifest.json").exists():
        print(f"no demo corpus at {corpus}")
        return 2
    demo_settings = settings.model_copy(update={"allow_private_networks": True})
    if settings.database_url is None:
        asyncio.run(_fresh_local_database())
        demo_settings.postgres = settings.postgres.model_copy(update={"default_database": DEMO_DATABASE})
    with serve_corpus(corpus) as server:
        print(f"serving the demo corpus at {server.base_url}")
        summary = asyncio.run(run_pipeline(demo_settings, server.feeds_txt_url, once=True, allow_private=True))
    if summary:
        print(f"{summary.articles_published} articles, {summary.duplicates} duplicates, "
              f"{summary.events_published} event versions")
    print(asyncio.run(_events(demo_settings)))
    if web is not None:
        print(f"\nOpen {web.url} to see these events on a map, a timeline and in detail (Ctrl-C stops it)",
              flush=True)
        asyncio.run(_serve_web(demo_settings, web))
    return 0


async def _serve_web(settings: Settings, web: Listener) -> None:
    from services.cli.context import database_for
    from services.web.serve import serve

    async with database_for(settings, read_only=True) as (url, _):
        pass  # found; the view reads through a read-only pool of its own
    await serve(web, url, settings)


async def _fresh_local_database() -> None:
    with contextlib.suppress(OSError):
        await drop_database(LOCAL_ADMIN_URL, DEMO_DATABASE)


async def _events(settings: Settings) -> str:
    from services.cli.context import database_for

    async with database_for(settings) as (_, pool), pool.acquire() as conn:
        return events_table(await fetch_events(conn, None, None, None, 100))



