"""``newsflow status``: feeds, lag per stage, dead letters, the last event stored, the embedded broker's memory.

Stored facts come from Postgres (read only); live ones (lag, broker memory, readiness, restarts) from the ops
endpoints of the running ``newsflow run`` (or sink, worker) at NEWSFLOW_OPS_HOST:NEWSFLOW_OPS_PORT, when one
answers: the same figures Prometheus scrapes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

import aiohttp
import asyncpg
from aiokafka import TopicPartition
from prometheus_client.parser import text_string_to_metric_families
from tabulate import tabulate

from services.common.settings import Settings
from services.ops.lag import by_stage
from services.ops.server import fetch_text
from services.worker import STAGE_INPUTS

FEEDS = """
SELECT count(*) FILTER (WHERE enabled AND error_count = 0) AS ok,
       count(*) FILTER (WHERE enabled AND error_count > 0) AS failing,
       count(*) FILTER (WHERE NOT enabled) AS disabled
FROM feeds"""
DEAD_LETTERS = "SELECT stage, count(*) AS n FROM dead_letters GROUP BY stage ORDER BY stage"
LAST_EVENT = """
SELECT event_id::text AS event_id, plover_type, num_mentions, updated_at FROM events
ORDER BY updated_at DESC LIMIT 1"""


async def stored(conn: asyncpg.Connection) -> dict[str, Any]:
    """What Postgres says: feeds by state, dead letters by stage, the last event stored."""
    feeds = dict(await conn.fetchrow(FEEDS))
    letters = {row["stage"]: row["n"] for row in await conn.fetch(DEAD_LETTERS)}
    event = await conn.fetchrow(LAST_EVENT)
    last = None if event is None else {**dict(event), "updated_at": event["updated_at"].isoformat()}
    return {"feeds": feeds, "dead_letters": letters, "last_event": last}


def live_from(metrics_text: str) -> dict[str, Any]:
    """Lag per stage, broker memory and restarts read from a /metrics text."""
    lags: dict[str, dict[TopicPartition, int]] = {}
    rss = None
    restarts: dict[str, int] = {}
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == "newsflow_consumer_lag":
                tp = TopicPartition(sample.labels["topic"], int(sample.labels["partition"]))
                lags.setdefault(sample.labels["group"], {})[tp] = int(sample.value)
            elif sample.name == "newsflow_embedded_broker_resident_memory_bytes":
                rss = int(sample.value)
            elif sample.name == "newsflow_restarts_total":
                restarts[sample.labels["part"]] = int(sample.value)
    return {"lag": by_stage(lags) if lags else None, "embedded_broker_rss_bytes": rss, "restarts": restarts}


async def live(url: str) -> dict[str, Any]:
    """What the running service's ops endpoints say, or that none answers."""
    try:
        _, metrics = await fetch_text(url + "/metrics")
        _, ready = await fetch_text(url + "/readyz")
    except (OSError, TimeoutError, aiohttp.ClientError):
        return {"ops_url": url, "answering": False, "lag": None, "embedded_broker_rss_bytes": None,
                "restarts": {}, "ready": None, "checks": {}}
    body = json.loads(ready)
    return {"ops_url": url, "answering": True, **live_from(metrics), "ready": body.get("ready"),
            "checks": body.get("checks", {})}


def mib(n: int | None) -> str:
    """Bytes as MiB, or 'unknown'."""
    return "unknown" if n is None else f"{n / 2**20:.1f} MiB"


def render(report: dict[str, Any]) -> str:
    """The human view: a few labelled lines and the lag table."""
    feeds, last = report["feeds"], report["last_event"]
    where = report["ops_url"]
    state = ("ready" if report["ready"] else "NOT READY: " + "; ".join(
        f"{name}: {c['detail']}" for name, c in report["checks"].items() if not c["ok"])) \
        if report["answering"] else "no newsflow process answers (set NEWSFLOW_OPS_HOST/NEWSFLOW_OPS_PORT)"
    letters = report["dead_letters"]
    rows = [["service", f"{where}: {state}"],
            ["feeds", f"{feeds['ok']} ok, {feeds['failing']} failing, {feeds['disabled']} disabled"],
            ["dead letters", ", ".join(f"{stage} {n}" for stage, n in letters.items()) or "none"],
            ["last event", "none stored" if last is None else
             f"{last['updated_at'][:19].replace('T', ' ')} UTC {last['plover_type']} {last['event_id'][:8]} "
             f"({last['num_mentions']} mentions)"],
            ["broker memory", mib(report["embedded_broker_rss_bytes"]) if report["answering"] else "unknown"],
            ["restarts", ", ".join(f"{part} {n}" for part, n in report["restarts"].items()) or "none"]]
    lag = report["lag"]
    order = [*STAGE_INPUTS, "sink"]
    rows_lag = sorted(lag.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)) \
        if lag else []
    table = tabulate(rows_lag, headers=["stage", "lag"]) if lag else "lag: unknown"
    return tabulate(rows, tablefmt="plain") + "\n\n" + table


def run(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow status."""
    from services.cli.context import database_for

    async def go() -> dict[str, Any]:
        async with database_for(settings, read_only=True) as (_, pool), pool.acquire() as conn:
            facts = await stored(conn)
        return facts | await live(f"http://{settings.ops_host}:{settings.ops_port}")

    report = asyncio.run(go())
    print(json.dumps(report) if args.json else render(report))
    return 0


def add_parser(sub: Any) -> None:
    """The status subcommand."""
    status = sub.add_parser("status", help="feeds, lag per stage, dead letters, last event, broker memory")
    status.add_argument("--json", action="store_true", help="one JSON object")
