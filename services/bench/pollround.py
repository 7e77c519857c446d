"""Poller benchmark: one round over many loopback feeds (mostly 304s), wall time and CPU per feed.

The feed site runs in a child process so its CPU is not counted; the poller
uses an in-memory feed store and a publish callable that only counts, so the
figure is the poller's own cost (HTTP, parsing, bookkeeping).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from typing import Any

from schemas.records import RawArticle
from services.bench.stats import summary
from services.cli.run import stop_process
from services.common.settings import PollerSettings
from services.poller.fetch import Fetcher
from services.poller.memstore import InMemoryFeedStore
from services.poller.service import Poller


async def one_round(poller: Poller, urls: list[str]) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, CPU seconds and outcome counts of one poll_once round."""
    cpu, wall = time.process_time(), time.perf_counter()
    results = await poller.poll_once(urls)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    counts: dict[str, int] = {}
    for result in results:
        counts[str(result.status)] = counts.get(str(result.status), 0) + 1
    return wall, cpu, counts


def start_site(changed_every: int) -> subprocess.Popen[bytes]:
    """The feed site as a child process (it prints its port)."""
    return subprocess.Popen([sys.executable, "-m", "services.bench.feedsite", "--changed-every", str(changed_every)],
                            stdout=subprocess.PIPE, start_new_session=True)


async def measure(feeds: int, rounds: int, changed_every: int = 10) -> dict[str, Any]:
    """A priming round (every feed new), then ``rounds`` timed rounds where 1 in ``changed_every`` feeds changed."""
    site = start_site(changed_every)
    try:
        assert site.stdout is not None
        port = int(await asyncio.to_thread(site.stdout.readline))
        urls = [f"http://127.0.0.1:{port}/feeds/{i}.xml" for i in range(feeds)]
        settings = PollerSettings(concurrency=32, per_host=32, jitter=0.0)
        published = 0

        async def publish(raw: RawArticle) -> None:
            nonlocal published
            published += 1

        fetcher = Fetcher(settings, allow_private=True)
        try:
            poller = Poller(InMemoryFeedStore(), fetcher, publish, settings, allow_private=True)
            prime = await one_round(poller, urls)
            timed = [await one_round(poller, urls) for _ in range(rounds)]
        finally:
            await fetcher.aclose()
    finally:
        stop_process(site, 5.0)
    return {"feeds": feeds, "changed_share": round(1 / changed_every, 2), "concurrency": settings.concurrency,
            "round_s": summary([w for w, _, _ in timed], 2),
            "cpu_ms_per_feed": summary([c / feeds * 1000 for _, c, _ in timed], 2),
            "outcomes_last_round": timed[-1][2], "priming_round_s": round(prime[0], 2),
            "priming_outcomes": prime[2], "articles_published": published}
