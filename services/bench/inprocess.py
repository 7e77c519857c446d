"""The in-process limit and per-stage cost: every pure stage chained in one process, no broker, no database."""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import pstats
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schemas.records import Article, Event, RawArticle
from services.bench.stats import summary
from services.clusterer.cluster import OpenEvents
from services.common.settings import PipelineSettings
from services.dedup.exact import content_key, first_seen
from services.normalizer.transform import normalise

WINDOW = dt.timedelta(days=7)
NEAR_THRESHOLD = PipelineSettings().dedup_near_threshold
STAGES = ("normalise", "dedup", "extract", "cluster")


class Deduper:
    """Exact dedup over dict tables holding packed keys and entries, and near-dup LSH, as the Faust agents do."""

    def __init__(self) -> None:
        self.urls: dict[bytes, bytes] = {}
        self.hashes: dict[bytes, bytes] = {}
        self.buckets: dict[bytes, bytes] = {}
        self.signatures: dict[bytes, bytes] = {}

    def seen(self, article: Article, now: dt.datetime) -> bool:
        """True when the article copies one already seen (URL, content hash or near-duplicate): the deciding
        partition's checks (``exact.first_seen``, ``decide.decide_in``) over dict tables."""
        from services.dedup.decide import Window, decide_in
        from services.dedup.near import check_for

        copy, seen_at = first_seen(self.urls, self.hashes, article, now, WINDOW, 0)
        if copy is not None or content_key(article) is None:  # too short to compare otherwise
            return copy is not None
        return decide_in(check_for(article), seen_at, self.buckets, self.signatures, now.timestamp(),
                         Window(WINDOW.total_seconds(), NEAR_THRESHOLD)).duplicate

    def state_bytes(self) -> int:
        """Bytes of every table's keys and values, as the agents store them."""
        tables = (self.urls, self.hashes, self.buckets, self.signatures)
        return sum(len(k) + len(v) for t in tables for k, v in t.items())


class Clusterer:
    """The open events and the table values, as the agent keeps and writes them (``OpenEvents.handle``)."""

    def __init__(self) -> None:
        self.events = OpenEvents(WINDOW)
        self.table: dict[bytes, bytes] = {}

    def add(self, mention: Any, now: dt.datetime) -> Event | None:
        """Assign one mention; the new event version."""
        outcome = self.events.handle(mention, now)
        for key, value in outcome.writes.items():
            if value is None:
                self.table.pop(key, None)
            else:
                self.table[key] = value
        return outcome.event


@dataclass
class ChainRun:
    """One pass of the corpus through the chain: seconds per stage and what came out."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    articles: list[Article] = field(default_factory=list)
    duplicates: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: int = 0
    wall: float = 0.0


def run_chain(raws: list[RawArticle], extractor: Any) -> ChainRun:
    """normalise → dedup → extract → cluster for every article, with fresh state."""
    run, dedup, cluster, clock = ChainRun(), Deduper(), Clusterer(), time.perf_counter
    now = dt.datetime.now(dt.UTC)
    begin = clock()
    for raw in raws:
        t0 = clock()
        article = normalise(raw)
        t1 = clock()
        dup = dedup.seen(article, now)
        t2 = clock()
        run.seconds["normalise"] += t1 - t0
        run.seconds["dedup"] += t2 - t1
        if dup:
            run.duplicates.append(article)
            continue
        run.articles.append(article)
        mentions = extractor.extract(article)
        t3 = clock()
        run.mentions += len(mentions)
        run.events += [e for m in mentions if (e := cluster.add(m, now)) is not None]
        run.seconds["extract"] += t3 - t2
        run.seconds["cluster"] += clock() - t3
    run.wall = clock() - begin
    return run


def measure(raws: list[RawArticle], extractor: Any, repeat: int) -> tuple[dict[str, Any], ChainRun]:
    """Articles/s of the chain and µs/article per stage, min/median/max over ``repeat`` passes."""
    runs = [run_chain(raws, extractor) for _ in range(repeat)]
    n = len(raws)
    result: dict[str, Any] = {
        "articles": n, "unique": len(runs[0].articles), "mentions": runs[0].mentions, "events": len(runs[0].events),
        "articles_per_s": summary([n / r.wall for r in runs]),
        "stage_us_per_article": {s: summary([r.seconds[s] / n * 1e6 for r in runs], 0) for s in STAGES},
    }
    return result, runs[-1]


def profile(fn: Callable[[], object], top: int = 15) -> list[dict[str, Any]]:
    """cProfile of ``fn``: the ``top`` functions by cumulative time."""
    prof = cProfile.Profile()
    prof.runcall(fn)
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "services/bench/" in filename or name == "<built-in method builtins.exec>":
            continue  # the harness's own lambdas
        rows.append({"function": f"{filename.split('site-packages/')[-1]}:{line}({name})", "calls": ncalls,
                     "tottime_s": round(tottime, 3), "cumtime_s": round(cumtime, 3)})
    return sorted(rows, key=lambda r: -r["cumtime_s"])[:top]


def profile_stage(stage: str, raws: list[RawArticle], run: ChainRun, extractor: Any) -> list[dict[str, Any]]:
    """Profile of one stage over the corpus."""
    now = dt.datetime.now(dt.UTC)
    if stage == "normalise":
        return profile(lambda: [normalise(r) for r in raws])
    if stage == "dedup":
        dedup = Deduper()
        return profile(lambda: [dedup.seen(a, now) for a in run.articles + run.duplicates])
    if stage == "extract":
        return profile(lambda: [extractor.extract(a) for a in run.articles])
    mentions = [m for a in run.articles for m in extractor.extract(a)]
    cluster = Clusterer()
    return profile(lambda: [cluster.add(m, now) for m in mentions])
