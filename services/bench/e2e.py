"""End-to-end throughput and latency: embedded broker, Faust worker processes, the sink, a scratch database.

Throughput is timed from the first publish of a batch to the moment the last
of its articles appears in an event on news.events (the sink publishes an
event only after its row is committed), after a warm-up batch has gone
through: worker start-up and group joins are excluded and reported apart.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from services.bench.cluster import Pipeline, running
from services.bench.corpus import raw_articles
from services.bench.stats import latency_summary, summary

WARMUP_ARTICLES = 12


async def timed_batch(pipeline: Pipeline, n: int, seed: int) -> float:
    """Articles/s for one pre-generated batch, publish to last event committed."""
    raws = raw_articles(n, seed=seed)
    sent = await pipeline.publish(raws)
    start = min(sent.values())
    await pipeline.drained()
    await asyncio.sleep(0.5)  # the watcher's last fetch
    seen = [pipeline.watch.first_seen[a] for a in sent if a in pipeline.watch.first_seen]
    if not seen:
        raise RuntimeError("no events came out of the batch")
    return n / (max(seen) - start)


async def latency_run(pipeline: Pipeline, rate: float, seconds: float, seed: int) -> dict[str, Any]:
    """Publish at a steady ``rate`` for ``seconds``; latency publish → event committed per article."""
    raws = raw_articles(max(10, int(rate * seconds)), seed=seed)
    sent = await pipeline.publish(raws, rate=rate)
    await pipeline.drained()
    await asyncio.sleep(0.5)
    first = pipeline.watch.first_seen
    latencies = [(first[a] - t) * 1000 for a, t in sent.items() if a in first]
    if not latencies:
        raise RuntimeError("no events came out of the latency run")
    return {"rate_per_s": round(rate, 1), **latency_summary(latencies)}


def cpu_per_article(seconds: dict[str, float], articles: int, wall: float) -> dict[str, float]:
    """CPU ms per article by process group, their total, and the cores they kept busy over ``wall`` seconds."""
    out = {group: round(1000 * s / articles, 1) for group, s in seconds.items()}
    out["total"] = round(sum(1000 * s for s in seconds.values()) / articles, 1)
    out["cores_busy"] = round(sum(seconds.values()) / wall, 2) if wall > 0 else 0.0
    return out


def per_article(records: dict[str, int], articles: int) -> dict[str, float]:
    """Records per published article, by topic, with the totals moved between stages and written to changelogs."""
    out = {topic: round(n / articles, 2) for topic, n in sorted(records.items())}
    changelogs = sum(n for topic, n in records.items() if topic.endswith("-changelog"))
    out["total_changelog"] = round(changelogs / articles, 2)
    out["total_topics"] = round((sum(records.values()) - changelogs) / articles, 2)
    return out


async def scenario(url: str, workers: int, n: int, repeat: int, partitions: int, logdir: Path,
                   latency: tuple[float, ...] = (), latency_seconds: float = 20.0) -> dict[str, Any]:
    """Throughput with ``workers`` stream workers; latency runs at the given rates (0 = half the measured max)."""
    async with running(url, workers, partitions, logdir / f"{workers}w") as (pipeline, ready):
        await pipeline.publish(raw_articles(WARMUP_ARTICLES, seed=900 + workers))
        await pipeline.drained()
        meter, began = pipeline.cpu_meter(), time.monotonic()
        meter.start()
        rates = [await timed_batch(pipeline, n, seed=1000 + 100 * workers + r) for r in range(repeat)]
        used, wall = meter.stop(), time.monotonic() - began
        out: dict[str, Any] = {"workers": workers, "articles_per_batch": n, "ready_s": round(ready, 1),
                               "articles_per_s": summary(rates),
                               "cpu_ms_per_article": cpu_per_article(used, n * repeat, wall),
                               "records_per_article": per_article(await pipeline.records_per_topic(),
                                                                  WARMUP_ARTICLES + n * repeat)}
        if latency:
            out["latency_ms"] = await latency_runs(pipeline, latency, summary(rates)["median"], latency_seconds,
                                                   seed=2000 + 100 * workers)
        return out


async def latency_runs(pipeline: Pipeline, rates: tuple[float, ...], max_rate: float, seconds: float,
                       seed: int) -> dict[str, Any]:
    """A latency run at each rate (0 = half of ``max_rate``), labelled ``steady_20`` or ``half_max``."""
    return {"steady_20" if rate == 20 else "half_max":
            await latency_run(pipeline, rate or max_rate / 2, seconds, seed=seed + i) for i, rate in enumerate(rates)}


async def fresh_latency(url: str, workers: int, partitions: int, logdir: Path, rates: tuple[float, ...],
                        max_rate: float, seconds: float) -> dict[str, Any]:
    """The latency runs on a pipeline of their own: a fresh broker and workers, only a warm-up batch before.

    The embedded broker answers a fetch by listing every record batch of the partition (docs/benchmarks.md),
    so after the throughput batches every hop costs it more; Apache Kafka's fetch does not grow so.
    """
    async with running(url, workers, partitions, logdir / f"{workers}w-fresh") as (pipeline, _):
        await pipeline.publish(raw_articles(WARMUP_ARTICLES, seed=950 + workers))
        await pipeline.drained()
        return await latency_runs(pipeline, rates, max_rate, seconds, seed=3000 + 100 * workers)
