"""``newsflow feeds``: add, list, remove, enable, disable, import, export, stats and lost items of the stored feeds."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from services.cli import filters
from services.cli.errors import CliError
from services.common.settings import Settings
from services.poller.feedlist import FeedListError, checked_url, load_feed_list
from services.poller.models import FeedSpec
from services.poller.opml import to_opml
from services.poller.report import feeds_json, feeds_stats, feeds_table, lost_json, lost_table
from services.poller.schedule import utcnow
from services.poller.store import FeedStore

Announce = Callable[[list[FeedSpec], list[str]], Awaitable[None]]


def add_feeds_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``feeds`` and its subcommands."""
    feeds = sub.add_parser("feeds", help="manage the stored feeds (Postgres)")
    cmd = feeds.add_subparsers(dest="feeds_command", required=True)
    add = cmd.add_parser("add", help="add feeds by URL")
    add.add_argument("urls", nargs="+")
    add.add_argument("--title")
    listing = cmd.add_parser("list", help="every feed: state, last success/error, errors, next poll, items")
    listing.add_argument("--json", action="store_true", help="one JSON object per feed and line")
    for name, text in (("remove", "forget feeds and their seen items"), ("enable", "re-enable (errors reset)"),
                       ("disable", "stop polling feeds")):
        one = cmd.add_parser(name, help=text)
        one.add_argument("urls", nargs="+")
    export = cmd.add_parser("export", help="write the feeds as OPML")
    export.add_argument("--out", type=Path, help="file (default: standard output)")
    imported = cmd.add_parser("import", help="add the feeds of an OPML file or text list (path or http(s) URL)")
    imported.add_argument("source")
    imported.add_argument("--allow-private-network", action="store_true", help="the list's URL may be private")
    cmd.add_parser("stats", help="totals: feeds by state, items seen, errors by kind")
    lost = cmd.add_parser("lost", help="items that could not be carried to news.raw, and why (retried every poll)")
    lost.add_argument("--feed", help="only this feed's items")
    lost.add_argument("--limit", type=filters.limit, default=100, help="at most this many, most recent failure first")
    lost.add_argument("--json", action="store_true", help="one JSON object per item and line")


def cmd_feeds(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow feeds ... (URLs to add are checked before the database is touched)."""
    if args.feeds_command == "add":
        try:
            for url in args.urls:
                checked_url(url, "")
        except FeedListError as exc:
            raise CliError(str(exc)) from exc
    return asyncio.run(_with_database(args, settings))


async def _with_database(args: argparse.Namespace, settings: Settings) -> int:
    """Run the subcommand on the Postgres store (announcing changes on news.feeds when feeds are shared)."""
    from services.cli.context import database_for
    from services.poller.pgstore import PostgresFeedStore

    read_only = args.feeds_command in {"list", "export", "stats", "lost"}
    async with database_for(settings, read_only=read_only) as (_, pool):
        return await run_feeds(args, settings, PostgresFeedStore(pool), sys.stdout, _announcer(settings))


def _announcer(settings: Settings) -> Announce | None:
    """Publishes added and removed feeds to news.feeds when poller.shared_feeds is on and a broker is set."""
    bootstrap = settings.kafka_bootstrap_servers
    if not (settings.poller.shared_feeds and bootstrap):
        return None

    async def announce_changes(added: list[FeedSpec], removed: list[str]) -> None:
        from services.common.producer import make_producer
        from services.poller.sharing import announce

        producer = make_producer(bootstrap, settings.kafka)
        await producer.start()
        try:
            await announce(producer, added, removed)
        finally:
            await producer.stop()

    return announce_changes


async def run_feeds(args: argparse.Namespace, settings: Settings, store: FeedStore, out: TextIO,
                    announce: Announce | None = None) -> int:
    """The subcommand on any FeedStore; 1 when a named feed is unknown or a URL/list is bad."""
    command = args.feeds_command
    try:
        if command in {"add", "import"}:
            specs = await _specs(args, settings)
            await store.upsert_feeds(specs)
            if announce:
                await announce(specs, [])
            print(f"{len(specs)} feeds added or kept", file=out)
            return 0
    except FeedListError as exc:
        print(f"newsflow feeds {command}: {exc}", file=sys.stderr)
        return 1
    if command in {"remove", "enable", "disable"}:
        return await _each(args, store, out, announce)
    if command == "lost":
        items = await store.list_lost(args.feed, args.limit + 1)
        if len(items) > args.limit:
            print(f"newsflow feeds lost: showing the first {args.limit} items; more match (raise --limit)",
                  file=sys.stderr)
            items = items[: args.limit]
        out.write(lost_json(items) if args.json else lost_table(items, utcnow()) + "\n")
        return 0
    feeds = await store.list_feeds()
    if command == "list":
        out.write(feeds_json(feeds) if args.json else feeds_table(feeds, utcnow()) + "\n")
    elif command == "export":
        if args.out:
            args.out.write_text(to_opml(feeds), encoding="utf-8")
        else:
            out.write(to_opml(feeds))
    else:
        out.write(json.dumps(feeds_stats(feeds, utcnow()), indent=2) + "\n")
    return 0


async def _specs(args: argparse.Namespace, settings: Settings) -> list[FeedSpec]:
    """The feeds named on the command line, or those of the imported list."""
    if args.feeds_command == "add":
        return [FeedSpec(checked_url(url, ""), args.title) for url in args.urls]
    from services.poller.fetch import Fetcher

    allow = args.allow_private_network or settings.allow_private_networks
    async with Fetcher(settings.poller, allow_private=allow) as fetcher:
        return await load_feed_list(args.source, fetcher)


async def _each(args: argparse.Namespace, store: FeedStore, out: TextIO, announce: Announce | None) -> int:
    """remove, enable or disable every named feed; 1 when one was unknown."""
    unknown = []
    for url in args.urls:
        if args.feeds_command == "remove":
            done = await store.remove_feed(url)
        else:
            done = await store.set_enabled(url, args.feeds_command == "enable", "disabled by hand")
        if done:
            print(f"{args.feeds_command}d {url}", file=out)
        else:
            unknown.append(url)
    if announce and args.feeds_command == "remove":
        await announce([], list(args.urls))
    for url in unknown:
        print(f"newsflow feeds {args.feeds_command}: no such feed {url}", file=sys.stderr)
    return 1 if unknown else 0
