"""Memory of dedup and clustering state after N articles, measured in a fresh child process.

    python -m services.bench.memory --articles 200000

Dedup tables hold what the Faust agents store (JSON entries keyed by
canonical URL and content hash, LSH buckets when the dedup package has them);
clustering state is built from the generator's ground truth (what a perfect
clusterer would hold: one open event per happening with its kept mentions),
stored as JSON bytes per blocking key as the agent's table does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import sys
from collections import defaultdict

from schemas.records import Article, EventMention, EventType, Location
from services.bench.corpus import Generated, generate
from services.bench.inprocess import Deduper
from services.clusterer.cluster import OpenEvent
from services.clusterer.merge import MAX_KEPT_MENTIONS, build_event, event_id_for


def rss_bytes(field: str = "VmRSS") -> int:
    """Resident set size (or another /proc status field) of this process in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def mention_for(item: Generated, art: Article, now: dt.datetime) -> EventMention:
    """The mention a perfect extractor would find in the article's lead."""
    h, country = item.happening, item.happening.place[2][:2].upper()
    return EventMention(mention_id=art.article_id, article_id=art.article_id, url=art.url, source=art.source,
                        published_at=item.raw.feed_published, event_type=EventType(plover=h.kind.upper()),
                        location=Location(name=h.place[0], admin1=h.place[1], country=country), event_date=h.day,
                        sentence=item.lines[3], confidence=0.7, extracted_at=now,
                        blocking_key=f"{country}:{h.kind.upper()}")


def measure(n: int, seed: int = 11) -> dict[str, object]:
    """Run n generated articles through dedup and clustering state; sizes afterwards."""
    dedup = Deduper()
    for item in generate(20, seed=seed + 1):  # imports and caches outside the measured growth
        dedup.near(Article(article_id=item.raw.article_id, url=item.raw.url, canonical_url=item.raw.url,
                           source="warm", feed_url="warm", title="warm", text=" ".join(item.lines), content_hash="",
                           fetched_at=item.raw.fetched_at), dt.datetime.now(dt.UTC))
    dedup = Deduper()
    gc.collect()
    before = rss_bytes()
    pending: dict[int, list[EventMention]] = defaultdict(list)
    blocks: dict[str, list[bytes]] = defaultdict(list)
    now = dt.datetime.now(dt.UTC)

    def close(index: int) -> None:
        kept = pending.pop(index)
        event = build_event(event_id_for(kept[0]), len(kept), kept, now)
        blocks[kept[0].blocking_key].append(OpenEvent(event=event, mentions=kept).model_dump_json().encode())

    for i, item in enumerate(generate(n, seed=seed)):
        text = "\n\n".join(item.lines[3:])
        art = Article(article_id=item.raw.article_id, url=item.raw.url, canonical_url=item.raw.url,
                      source=item.raw.source, feed_url=item.raw.feed_url, title=item.lines[1], text=text,
                      content_hash=hashlib.sha256(text.encode()).hexdigest(), word_count=item.words,
                      fetched_at=item.raw.fetched_at)
        if not dedup.seen(art, now):
            pending[item.happening.index].append(mention_for(item, art, now))
            del pending[item.happening.index][:-MAX_KEPT_MENTIONS]
        if i % 500 == 0:  # happenings no copy can reach any more become stored JSON, as the agent's table holds
            for index in [k for k in pending if k < i - 2000]:
                close(index)
    for index in list(pending):
        close(index)
    table = {key: b'{"events":[' + b",".join(events) + b"]}" for key, events in blocks.items()}
    blocks.clear()
    gc.collect()
    after = rss_bytes()
    dedup_bytes = sum(len(k) + len(v) for t in (dedup.urls, dedup.hashes) for k, v in t.items())
    dedup_bytes += sum(len(k) + len(v) for k, v in dedup.buckets.items())
    cluster_bytes = sum(len(k) + len(v) for k, v in table.items())
    return {"articles": n, "rss_mib": round(after / 2**20, 1), "peak_rss_mib": round(rss_bytes("VmHWM") / 2**20, 1),
            "rss_growth_bytes_per_article": round((after - before) / n),
            "state_bytes_per_article": round((dedup_bytes + cluster_bytes) / n),
            "dedup_state_bytes_per_article": round(dedup_bytes / n),
            "cluster_state_bytes_per_article": round(cluster_bytes / n)}


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.articles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
