"""Memory of dedup and clustering state after N articles, measured in a fresh child process.

    python -m services.bench.memory --articles 200000

Dedup tables hold what the Faust agents store (packed entries keyed by canonical URL and content hash, LSH
buckets, one signature per article). Clustering state is what the clusterer agent writes: the mention
of every original (not copied) article (the lead a perfect extractor reads: type, place, date, actors, the
count, the lead sentence, the evidence of its headline and lead) goes through the real ``OpenEvents.handle``,
with the 30-day window on the corpus's publication clock; at the end every open event's value is what the
agent stores (``state_bytes``). Bytes are the table's keys and values at the end, per article published in
the window. ``..._one_event_per_happening`` is the same run where no report joins another (every report
opens an event): an upper bound, measured over the first APART_LIMIT articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import sys
import uuid
from typing import Literal

from schemas.records import Actor, Article, EventMention, EventType, Location, Quantity
from services.bench.corpus import Generated, generate
from services.bench.inprocess import Deduper
from services.clusterer.cluster import OpenEvents
from services.clusterer.evidence import evidence_of

APART_LIMIT = 20_000  # articles clustered into the one-key-per-happening upper bound
WINDOW = dt.timedelta(days=30)
MENTION_NAMESPACE = uuid.UUID("5b1f2c9e-0d3a-4c1e-9a77-2f6f3d0b8c41")  # mention ids are uuid5, unlike article ids
# per kind: PLOVER type, source and target (None: the happening's armed group, "crowd": its protesting group)
PLOVER = {"attack": ("ASSAULT", None, "military", "killed"),
          "protest": ("PROTEST", "crowd", None, "protesters"),
          "displacement": ("ASSAULT", None, "civilians", "displaced"),
          "arrest": ("COERCE", "police", "crowd", "arrested"),
          "strike": ("PROTEST", "crowd", "government", "people"), "clash": ("ASSAULT", "military", None, "killed")}


def rss_bytes(field: str = "VmRSS") -> int:
    """Resident set size (or another /proc status field) of this process in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _actor(role: Literal["source", "target"], who: str | None, item: Generated, country: str) -> Actor:
    h, demonym = item.happening, item.happening.place[3]
    if who is None:
        return Actor(role=role, name=h.actor, kind="armed group", country=country, surface_forms=[h.actor])
    name = f"{demonym} {h.group}" if who == "crowd" else f"{demonym} {who}"
    return Actor(role=role, name=name, kind="people" if who == "crowd" else who, country=country,
                 surface_forms=[h.group if who == "crowd" else who])


def mention_for(item: Generated, art: Article, now: dt.datetime) -> EventMention:
    """The mention a perfect extractor would find in the article's lead."""
    h, country = item.happening, item.happening.place[4]
    plover, source, target, what = PLOVER[h.kind]
    actors = [_actor("source", source, item, country)] + ([_actor("target", target, item, country)] if target else [])
    return EventMention(mention_id=str(uuid.uuid5(MENTION_NAMESPACE, f"{art.article_id}:0")),
                        article_id=art.article_id, url=art.url, source=art.source,
                        published_at=item.raw.feed_published, event_type=EventType(plover=plover), actors=actors,
                        location=Location(name=h.place[0], admin1=h.place[1], country=country), event_date=h.day,
                        date_precision="day", date_source="text",
                        quantities=[Quantity(what=what, min=h.count, max=h.count, reported=[h.count],
                                             text=[f"{h.count:,} {what}"])],
                        sentence=item.lines[3], confidence=0.7, extracted_at=now, blocking_key="en",
                        evidence=evidence_of(art.title, art.text))


def _window_bytes(events: OpenEvents, published: list[dt.datetime]) -> tuple[int, int]:
    """Bytes of the open events' keys and values at the window's end, and the articles in the window."""
    end = max(published)
    events.last_sweep = 0.0
    events.sweep(end)
    return events.state_bytes(), max(1, sum(1 for p in published if end - p <= WINDOW))


def measure(n: int, seed: int = 11) -> dict[str, object]:
    """Run n generated articles through dedup and clustering state; sizes afterwards."""
    dedup = Deduper()
    for item in generate(20, seed=seed + 1):  # imports and caches outside the measured growth
        text = " ".join(item.lines)
        dedup.seen(Article(article_id=item.raw.article_id, url=item.raw.url, canonical_url=item.raw.url,
                           source="warm", feed_url="warm", title="warm", text=text, content_hash=item.raw.article_id,
                           word_count=len(text.split()), fetched_at=item.raw.fetched_at), dt.datetime.now(dt.UTC))
    dedup = Deduper()
    gc.collect()
    before = rss_bytes()
    table = OpenEvents(WINDOW)
    apart = OpenEvents(WINDOW)  # no report joins another (an upper bound)
    published: list[dt.datetime] = []
    clustered, apart_done, apart_bytes, apart_window = 0, False, 0, 1
    wall = dt.datetime.now(dt.UTC)
    for item in generate(n, seed=seed):
        text = "\n\n".join(item.lines[3:])
        art = Article(article_id=item.raw.article_id, url=item.raw.url, canonical_url=item.raw.url,
                      source=item.raw.source, feed_url=item.raw.feed_url, title=item.lines[1], text=text,
                      content_hash=hashlib.sha256(text.encode()).hexdigest(), word_count=item.words,
                      fetched_at=item.raw.fetched_at)
        now = item.raw.feed_published or wall
        published.append(now)
        dedup.seen(art, wall)
        if item.kind == "original":  # what a correct dedup lets through, whatever this run's dedup decided
            mention, clustered = mention_for(item, art, now), clustered + 1
            table.handle(mention, now)
            if not apart_done:
                apart.handle(mention, now, lambda _: None)
            if clustered == APART_LIMIT:  # the upper bound's per-article figure does not depend on the run's size
                apart_bytes, apart_window, apart_done = *_window_bytes(apart, published), True
                apart = OpenEvents(WINDOW)
    if not apart_done:
        apart_bytes, apart_window = _window_bytes(apart, published)
    cluster_bytes, in_window = _window_bytes(table, published)
    open_events = len(table.states)
    table = apart = OpenEvents(WINDOW)
    gc.collect()
    after = rss_bytes()
    dedup_bytes = dedup.state_bytes()
    return {"articles": n, "rss_mib": round(after / 2**20, 1), "peak_rss_mib": round(rss_bytes("VmHWM") / 2**20, 1),
            "rss_growth_bytes_per_article": round((after - before) / n),
            "state_bytes_per_article": round(dedup_bytes / n + cluster_bytes / in_window),
            "dedup_state_bytes_per_article": round(dedup_bytes / n),
            "cluster_state_bytes_per_article": round(cluster_bytes / in_window),
            "cluster_state_bytes_per_article_one_event_per_happening": round(apart_bytes / apart_window),
            "cluster_articles_in_window": in_window, "cluster_mentions": clustered,
            "cluster_open_events": open_events}


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.articles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
