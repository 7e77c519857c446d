"""The ``newsflow`` command line."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import traceback
from collections.abc import Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from services.cli import dlq, filters, listing, replay, status
from services.cli.errors import EXIT_USAGE, CliError
from services.cli.feeds import add_feeds_parser, cmd_feeds
from services.common.logging import configure_logging
from services.common.settings import Settings, get_settings

DEFAULT_FEEDS = str(resources.files("services.common").joinpath("data/default_feeds.txt"))
EXIT_ITEMS_LOST = 3  # `run --once` / `poller --once` finished, but some items could not be carried


LOOPBACK = "127.0.0.1"
WEB_PORT = 8080


def port(text: str) -> int:
    """A TCP port number, 0 to 65535 (0: any free port)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is out of range: give a port from 0 to 65535")
    return value


LIMIT_HELP = f"at most this many (default: {listing.DEFAULT_TABLE_LIMIT} in the table, all with --json)"


class CliParser(argparse.ArgumentParser):
    """A parser whose every (sub)command takes ``-v`` (a failure's traceback) and answers a bad line in two lines."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                          help="on failure print the traceback too")

    def error(self, message: str) -> NoReturn:
        """A bad command line: two lines, exit 2 (not the whole usage)."""
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\nSee `{self.prog} --help`.\n")


def version() -> str:
    """The installed package's version."""
    try:
        return metadata.version("newsflow")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and its options."""
    parser = CliParser(prog="newsflow", description="Streaming news ingestion and event extraction.")
    parser.set_defaults(verbose=False)
    parser.add_argument("--version", action="version", version=f"newsflow {version()}")
    sub: Any = parser.add_subparsers(dest="command", required=True)  # makes CliParsers

    run = sub.add_parser("run", help="run the whole pipeline (embedded broker unless KAFKA_BOOTSTRAP_SERVERS)")
    run.add_argument("--feeds", default=DEFAULT_FEEDS, help="OPML or text list of feed URLs (path or http(s) URL)")
    run.add_argument("--once", action="store_true", help="poll every feed once, wait for every stage, exit")
    run.add_argument("--allow-private-network", action="store_true",
                     help="allow loopback/private addresses (tests, demo); env NEWSFLOW_ALLOW_PRIVATE_NETWORKS")
    run.add_argument("--web", action="store_true", help="serve the web view too (see `newsflow web`)")
    run.add_argument("--web-host", default=LOOPBACK, help=f"with --web: address to listen on (default {LOOPBACK})")
    run.add_argument("--web-port", type=port, default=WEB_PORT, help=f"with --web: port (default {WEB_PORT})")

    web = sub.add_parser("web", help="serve the web view (map, timeline, event detail, live) and its JSON API")
    web.add_argument("--host", default=LOOPBACK, help=f"address to listen on (default {LOOPBACK}: this machine only)")
    web.add_argument("--port", type=port, default=WEB_PORT, help=f"port (default {WEB_PORT}; 0 picks a free one)")

    worker = sub.add_parser("worker", help="run stream stages (a Faust worker)")
    worker.add_argument("--stage", nargs="+", default=["all"],
                        help="normalizer, dedup, extractor, clusterer or all")
    worker.add_argument("--supervised", action="store_true", help=argparse.SUPPRESS)  # started by `newsflow run`

    sub.add_parser("sink", help="run the sink (Postgres + news.events)")

    poller = sub.add_parser("poller", help="run the feed poller alone (publishes to news.raw)")
    poller.add_argument("--feeds", default=DEFAULT_FEEDS, help="OPML or text list of feed URLs (path or URL)")
    poller.add_argument("--once", action="store_true", help="poll every feed once and exit")
    poller.add_argument("--allow-private-network", action="store_true", help="allow loopback/private addresses")

    sub.add_parser("init", help="create the topics and apply database migrations (deployment step)")

    events = sub.add_parser("events", help="list stored events")
    events.add_argument("--json", action="store_true", help="one JSON event per line")
    events.add_argument("--since", type=filters.date, help="events on or after this date (YYYY-MM-DD)")
    events.add_argument("--country", type=filters.country,
                        help="ISO 3166-1 alpha-2 country code, e.g. FR (an English country name is read as its code)")
    events.add_argument("--type", dest="plover", type=filters.event_type, help="PLOVER event type, e.g. PROTEST")
    events.add_argument("--limit", type=filters.limit,
                        help=LIMIT_HELP)
    events.add_argument("--id", dest="event_id", type=filters.event_id,
                        help="one event: its id or a hex prefix of it (the table's id column)")
    events.add_argument("--all-mentions", action="store_true",
                        help="with --json: every stored mention and copy (a record lists at most 20)")

    articles = sub.add_parser("articles", help="list stored articles")
    articles.add_argument("--json", action="store_true", help="one JSON article per line")
    articles.add_argument("--since", type=filters.date, help="published on or after this date (YYYY-MM-DD)")
    articles.add_argument("--source", help="only this source")
    articles.add_argument("--limit", type=filters.limit,
                          help=LIMIT_HELP)

    migrate = sub.add_parser("migrate", help="apply (or with --target, revert) database migrations")
    migrate.add_argument("--target", type=int, help="schema version to move to (0 = empty)")

    schemas = sub.add_parser("schemas", help="export JSON Schema files for every record")
    schemas.add_argument("--out", type=Path, default=Path("schemas/json"))

    demo = sub.add_parser("demo", help="serve the bundled demo corpus, run the pipeline once, print the events")
    demo.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: demo/corpus)")
    demo.add_argument("--web", action="store_true", help="then serve the web view on the demo events until Ctrl-C")
    demo.add_argument("--port", type=port, default=WEB_PORT, help=f"with --web: port (default {WEB_PORT})")

    sub.add_parser("broker", help="run an embedded broker in the foreground (development)")
    add_feeds_parser(sub)
    dlq.add_parser(sub)
    replay.add_parser(sub)
    status.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script: a failure is one or two lines and a non-zero exit (``-v``: traceback)."""
    args = build_parser().parse_args(argv)
    name = " ".join(["newsflow", args.command, *[getattr(args, f"{args.command}_command", None) or ""]]).strip()
    try:
        settings = settings_or_error()
        configure_logging(settings.log_level, settings.log_format)
        return int(COMMANDS[args.command](args, settings) or 0)
    except KeyboardInterrupt:
        return 130
    except CliError as exc:
        return _failed(args, f"{name}: {exc}", exc.code)
    except Exception as exc:  # the last resort: one line, the traceback only with -v
        detail = str(exc).splitlines()[0][:300] if str(exc) else ""
        return _failed(args, f"{name} failed: {type(exc).__name__}{': ' if detail else ''}{detail}\n"
                             "Run it again with -v for the traceback.", 1)


def settings_or_error() -> Settings:
    """The settings, or a CliError naming the first invalid one."""
    from pydantic import ValidationError

    try:
        return get_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        raise CliError(f"invalid setting {where}: {first['msg']}.\n"
                       "Fix that environment variable (see Configuration in the README).") from exc


def _failed(args: argparse.Namespace, message: str, code: int) -> int:
    """Print the failure (with the traceback under -v) and return the exit code."""
    if args.verbose:
        traceback.print_exc()
    print(message, file=sys.stderr)
    return code


def check_feed_list(feeds: str) -> None:
    """Read a local feed list before any service starts (a URL list is fetched by the poller)."""
    if urlsplit(feeds).scheme in {"http", "https"}:
        return
    from services.poller.feedlist import FeedListError, load_feed_list

    try:
        asyncio.run(load_feed_list(feeds))
    except FeedListError as exc:
        raise CliError(f"{exc} (--feeds)") from exc


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow run."""
    from services.cli.run import run_pipeline

    allow = args.allow_private_network or settings.allow_private_networks
    if args.web and args.once:
        raise CliError("--web serves while the pipeline runs; it cannot go with --once", EXIT_USAGE)
    try:
        check_feed_list(args.feeds)
        web = web_listener(args.web_host, args.web_port) if args.web else None
        summary = asyncio.run(run_pipeline(settings, args.feeds, args.once, allow, web=web))
    except CliError as exc:
        return _failed(args, f"newsflow run failed: {exc}", exc.code)
    except (TimeoutError, RuntimeError, OSError, ValueError) as exc:
        return _failed(args, f"newsflow run failed: {exc}", 1)
    if summary is not None:
        print(f"polled {summary.feeds} feeds ({summary.feeds_failed} failed); {summary.articles_published} articles "
              f"published, {summary.articles_lost} lost; stored {summary.articles_stored} unique, "
              f"{summary.duplicates} duplicates; {summary.events_published} event versions; "
              f"{summary.dead_letters} dead letters" + (f"; {summary.restarts} restarts" if summary.restarts else ""))
        if summary.feeds and summary.feeds_failed == summary.feeds:
            from services.ops.checks import DEMO_HINT

            print(f"newsflow run failed: no feed could be fetched;\n{DEMO_HINT}", file=sys.stderr)
            return 1
        if summary.articles_lost:
            print(lost_message("newsflow run", summary.articles_lost), file=sys.stderr)
            return EXIT_ITEMS_LOST
    return 0


def lost_message(command: str, lost: int) -> str:
    """The two lines a run that lost items ends with."""
    items = "1 item" if lost == 1 else f"{lost} items"
    return (f"{command}: {items} could not be carried to news.raw and were lost this run;\n"
            "`newsflow feeds lost` lists them with the reason (they are retried on every poll)")


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow worker."""
    from services.worker import ALL_STAGES, run_worker

    if not settings.kafka_bootstrap_servers:
        print("newsflow worker needs KAFKA_BOOTSTRAP_SERVERS", file=sys.stderr)
        return 2
    stages = ALL_STAGES if args.stage == ["all"] else tuple(args.stage)
    run_worker(stages, settings, settings.kafka_bootstrap_servers, args.supervised)
    return 0


def cmd_sink(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow sink."""
    from services.cli.service import run_sink

    return asyncio.run(run_sink(settings))


def cmd_poller(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow poller."""
    from services.cli.service import run_poller

    allow = args.allow_private_network or settings.allow_private_networks
    check_feed_list(args.feeds)
    lost = asyncio.run(run_poller(settings, args.feeds, args.once, allow))
    if lost:
        print(lost_message("newsflow poller", lost), file=sys.stderr)
        return EXIT_ITEMS_LOST
    return 0


def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow init."""
    from services.cli.service import run_init

    return asyncio.run(run_init(settings))


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow events."""
    from services.cli.context import database_for
    from services.cli.query import events_table, fetch_events, json_lines

    limit = listing.limit_of(args)

    async def go() -> list[dict[str, object]]:
        async with database_for(settings, read_only=True) as (_, pool), pool.acquire() as conn:
            return await fetch_events(conn, args.since, args.country, args.plover, listing.one_more(limit),
                                      args.event_id, args.all_mentions)

    records = listing.within(asyncio.run(go()), limit, "events", args)
    print(json_lines(records) if args.json else events_table(records), end="" if args.json else "\n")
    return 0


def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow articles."""
    from services.cli.context import database_for
    from services.cli.query import articles_table, fetch_articles, json_lines

    since = dt.datetime.combine(args.since, dt.time(), dt.UTC) if args.since else None
    limit = listing.limit_of(args)

    async def go() -> list[dict[str, object]]:
        async with database_for(settings, read_only=True) as (_, pool), pool.acquire() as conn:
            return await fetch_articles(conn, since, args.source, listing.one_more(limit))

    records = listing.within(asyncio.run(go()), limit, "articles", args)
    print(json_lines(records) if args.json else articles_table(records), end="" if args.json else "\n")
    return 0


def web_listener(host: str, port: int, announce: bool = True) -> Any:
    """The web view's socket, bound now so that a taken port fails first; says where to open it."""
    from services.web.serve import Listener

    listener = Listener(host, port)
    if announce:
        print(f"web view: {listener.url}", flush=True)
    return listener


def cmd_web(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow web."""
    from services.cli.context import database_for
    from services.web.serve import serve

    listener = web_listener(args.host, args.port)

    async def go() -> None:
        async with database_for(settings, read_only=True) as (url, _):
            pass  # found and migrated; the view reads through a read-only pool of its own
        await serve(listener, url, settings)

    asyncio.run(go())
    return 0


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow migrate."""
    from services.cli.service import run_migrate

    return asyncio.run(run_migrate(settings, args.target))


def cmd_schemas(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow schemas."""
    from schemas.export import export_json_schemas

    for path in export_json_schemas(args.out):
        print(path)
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow demo."""
    from services.cli.demo import run_demo

    return run_demo(settings, args.corpus, web_listener(LOOPBACK, args.port, announce=False) if args.web else None)


def cmd_broker(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow broker."""
    from services.cli.service import run_broker

    return run_broker(settings)


COMMANDS = {"run": cmd_run, "worker": cmd_worker, "sink": cmd_sink, "poller": cmd_poller, "init": cmd_init,
            "events": cmd_events, "articles": cmd_articles,
            "migrate": cmd_migrate, "schemas": cmd_schemas, "demo": cmd_demo, "broker": cmd_broker,
            "feeds": cmd_feeds, "dlq": dlq.run, "replay": replay.run, "web": cmd_web,
            "status": status.run}

if __name__ == "__main__":
    sys.exit(main())
