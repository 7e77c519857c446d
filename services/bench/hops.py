"""Where an article's latency goes: time from news.raw to its first record on each later topic.

    python -m services.bench.hops --warm 3000 --rate 12 --seconds 30 [--idle 90]

A fresh pipeline (``cluster.running``, 2 workers) takes a steady load; with ``--warm`` it then takes a burst
of generated articles, stays idle ``--idle`` seconds and takes the same load again. Afterwards every topic
is read back and each article's records are matched by id (mentions by ``article_id``, event versions by
the articles of the mentions they add), and the differences of the records' broker timestamps from the
article's ``news.raw`` record are summarised per topic and phase, beside the cores each process group
(workers, sink, broker, Postgres, this harness) kept busy idle and under the load. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Iterable
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas.records import RawArticle
from services.bench import sinkwrite
from services.bench.cluster import Pipeline, running
from services.bench.corpus import raw_articles
from services.bench.stats import latency_summary
from services.common.offsets import end_offsets

IDLE_PROBE_S = 10.0
TOPICS = ("news.raw", "news.normalized", "news.dedup-near", "news.articles",
          "news.mentions", "news.event-updates", "news.events")


def articles_of(topic: str, value: dict[str, Any]) -> list[str]:
    """The articles a record stands for on ``topic``."""
    if topic == "news.mentions":
        return [value["article_id"]]
    if topic in ("news.event-updates", "news.events"):
        new = set(value.get("new_mention_ids", ()))
        return [m["article_id"] for m in value.get("mentions", ()) if m["mention_id"] in new]
    found = value.get("article_id") or value.get("article", {}).get("article_id")
    return [found] if found else []


def hop_times(records: Iterable[tuple[str, int, dict[str, Any]]], since_ms: int) -> dict[str, dict[str, float]]:
    """Per topic after news.raw, the summary of (first record on the topic − the news.raw record) per article,
    over records (topic, broker timestamp in ms, decoded value) stamped at or after ``since_ms``."""
    first: dict[str, dict[str, int]] = {}
    for topic, stamp, value in records:
        if stamp >= since_ms:
            for article in articles_of(topic, value):
                first.setdefault(article, {}).setdefault(topic, stamp)
    out = {}
    for topic in TOPICS[1:]:
        gaps = [float(seen[topic] - seen[TOPICS[0]]) for seen in first.values() if TOPICS[0] in seen and topic in seen]
        if gaps:
            out[topic] = latency_summary(gaps)
    return out


async def read_back(bootstrap: str) -> list[tuple[str, int, dict[str, Any]]]:
    """Every record of TOPICS, up to their true ends."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest",
                                max_partition_fetch_bytes=16 << 20)
    await consumer.start()
    try:
        parts = [TopicPartition(t, p) for t in TOPICS for p in sorted(consumer.partitions_for_topic(t) or ())]
        ends = await end_offsets(bootstrap, parts)
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        left, out, deadline = {tp for tp in parts if ends.get(tp, 0) > 0}, [], time.monotonic() + 300
        while left and time.monotonic() < deadline:
            for tp, got in (await consumer.getmany(timeout_ms=500)).items():
                out += [(tp.topic, r.timestamp, json.loads(r.value)) for r in got]
                if got and got[-1].offset + 1 >= ends[tp]:
                    left.discard(tp)
        return out
    finally:
        await consumer.stop()


async def steady(pipeline: Pipeline, rate: float, seconds: float, seed: int) -> dict[str, Any]:
    """``rate`` articles/s for ``seconds``, after 10 s idle: the cores each process group kept busy idle and
    under the load, and the broker time the load began at (to pick its records out afterwards)."""
    meter = pipeline.cpu_meter()

    async def cores_busy(work: Awaitable[Any]) -> dict[str, float]:
        began = time.monotonic()
        meter.start()
        await work
        return {group: round(s / (time.monotonic() - began), 3) for group, s in meter.stop().items()}

    idle = await cores_busy(asyncio.sleep(IDLE_PROBE_S))
    since = int(time.time() * 1000)
    load = await cores_busy(load_then_drain(pipeline, raw_articles(int(rate * seconds), seed=seed), rate))
    return {"since_ms": since, "cores_busy_idle": idle, "cores_busy_under_load": load}


async def load_then_drain(pipeline: Pipeline, raws: list[RawArticle], rate: float) -> None:
    """Publish at ``rate`` and wait until the pipeline has committed everything."""
    await pipeline.publish(raws, rate=rate)
    await pipeline.drained()


async def measure(warm: int, rate: float, seconds: float, idle: float, workers: int = 2) -> dict[str, Any]:
    """One pipeline: a steady load when fresh, then (``warm`` > 0) a burst of ``warm`` articles, ``idle`` seconds,
    and the same load again; per phase, hop times per topic and the cores each process group kept busy."""
    async with sinkwrite.scratch_database("newsflow_bench_hops") as url, \
            running(url, workers, 4, Path(".newsflow/bench/hops")) as (pipeline, _):
        phases = {"fresh": await steady(pipeline, rate, seconds, seed=2001)}
        burst_ms = None
        if warm:
            burst_ms = int(time.time() * 1000)
            await pipeline.publish(raw_articles(warm, seed=901))
            await pipeline.drained()
            await asyncio.sleep(idle)
            phases["after_burst"] = await steady(pipeline, rate, seconds, seed=2002)
        records = await read_back(pipeline.bootstrap)
    before_burst = [r for r in records if burst_ms is None or r[1] < burst_ms]
    phases["fresh"]["ms_from_news_raw"] = hop_times(before_burst, phases["fresh"]["since_ms"])
    if "after_burst" in phases:
        phases["after_burst"]["ms_from_news_raw"] = hop_times(records, phases["after_burst"]["since_ms"])
    return {"workers": workers, "warm_articles": warm, "idle_s": idle, "rate_per_s": rate, "seconds": seconds,
            "phases": phases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=0, help="articles published (as a burst) before the load")
    parser.add_argument("--idle", type=float, default=0.0, help="seconds idle after the warm-up")
    parser.add_argument("--rate", type=float, default=12.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.warm, args.rate, args.seconds, args.idle)), indent=2))


if __name__ == "__main__":
    main()
