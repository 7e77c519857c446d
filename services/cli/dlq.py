"""``newsflow dlq list|replay``: inspect dead letters and re-inject their original bytes into their input topic.

Dead letters are read from the ``dead_letters`` table (the sink stores every
record of ``news.dlq`` there), so they outlive an embedded broker. Replay sends
the original key, value and headers to the topic the record failed on and
marks the dead letter replayed; a record that fails again comes back as a new
dead letter. Processing is idempotent, so replaying twice is harmless.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

import asyncpg
from tabulate import tabulate

from schemas.records import DeadLetter
from services.cli import filters
from services.common.deadletter import original_bytes
from services.common.producer import make_producer
from services.common.settings import KafkaSettings, Settings

SELECT = """
SELECT id, stage, topic, "partition", "offset", error_type, error, failed_at, replayed_at, record FROM dead_letters
WHERE ($1::text IS NULL OR stage = $1) AND ($2::bigint[] IS NULL OR id = ANY($2))
  AND ($3::bigint IS NULL OR "offset" = $3) AND ($4::bool OR replayed_at IS NULL)
ORDER BY id LIMIT $5
"""
MARK_REPLAYED = "UPDATE dead_letters SET replayed_at = now() WHERE id = ANY($1::bigint[])"


def add_parser(sub: Any) -> None:
    """Register ``dlq list`` and ``dlq replay``."""
    dlq = sub.add_parser("dlq", help="list or replay dead letters")
    actions = dlq.add_subparsers(dest="dlq_command", required=True)
    listing = actions.add_parser("list", help="dead letters, oldest first")
    listing.add_argument("--limit", type=filters.limit, default=50)
    listing.add_argument("--stage", help="only this stage (normalizer, dedup, extractor, clusterer, sink)")
    listing.add_argument("--all", action="store_true", help="include dead letters already replayed")
    replay = actions.add_parser("replay", help="re-inject dead letters into the topic they failed on")
    which = replay.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=int, action="append", help="dead letter id (from dlq list); repeatable")
    which.add_argument("--offset", type=int, help="the failed record's offset in its input topic")
    which.add_argument("--all", action="store_true", help="every dead letter not replayed yet")
    replay.add_argument("--stage", help="only this stage")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow dlq ..."""
    if args.dlq_command == "replay" and not settings.kafka_bootstrap_servers:
        print("newsflow dlq replay needs KAFKA_BOOTSTRAP_SERVERS (the broker the pipeline runs on)", file=sys.stderr)
        return 2
    return asyncio.run(_run(args, settings))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.context import database_for

    async with database_for(settings, read_only=args.dlq_command == "list") as (_, pool), pool.acquire() as conn:
        if args.dlq_command == "list":
            rows = await fetch(conn, args.stage, None, None, args.all, args.limit + 1)
            if len(rows) > args.limit:
                print(f"newsflow dlq list: showing the first {args.limit} dead letters; more match (raise --limit)",
                      file=sys.stderr)
                rows = rows[: args.limit]
            print(tabulate([_row(r) for r in rows], headers=["id", "stage", "topic:partition:offset", "error",
                                                            "failed at", "key", "bytes", "replayed"]))
            return 0
        rows = await fetch(conn, args.stage, args.id, args.offset, bool(args.id or args.offset is not None), None)
        sent = await replay(conn, settings.kafka_bootstrap_servers or "", rows, settings.kafka)
    print(f"replayed {sent} dead letters")
    return 0 if rows else 1


async def fetch(conn: asyncpg.Connection, stage: str | None, ids: list[int] | None, offset: int | None,
                include_replayed: bool, limit: int | None) -> list[asyncpg.Record]:
    """Dead letters matching the filters, oldest first."""
    return list(await conn.fetch(SELECT, stage, ids, offset, include_replayed, limit))


async def replay(conn: asyncpg.Connection, bootstrap: str, rows: list[asyncpg.Record],
                 kafka: KafkaSettings | None = None) -> int:
    """Send each dead letter's original record to its topic (acknowledged), then mark them replayed."""
    producer = make_producer(bootstrap, kafka)
    await producer.start()
    try:
        done: list[int] = []
        for row in rows:
            letter = DeadLetter.model_validate(row["record"])
            if not letter.topic:
                continue
            key, value, headers = original_bytes(letter)
            await producer.send_and_wait(letter.topic, value=value, key=key, headers=headers)
            done.append(row["id"])
    finally:
        await producer.stop()
    await conn.execute(MARK_REPLAYED, done)
    return len(done)


def _row(r: asyncpg.Record) -> list[Any]:
    key, value, _ = original_bytes(DeadLetter.model_validate(r["record"]))
    error = f"{r['error_type']}: {r['error']}"[:60]
    return [r["id"], r["stage"], f"{r['topic']}:{r['partition']}:{r['offset']}", error,
            r["failed_at"].isoformat(timespec="seconds"), (key or b"").decode(errors="replace")[:40], len(value),
            "yes" if r["replayed_at"] else ""]

