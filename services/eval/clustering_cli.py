"""Document-level event clustering on real news (ECB+), through the pipeline's own code, gated on a floor.

    newsflow-eval-clustering [--data PATH] [--seeds N] [--floors FILE] [--out FILE] [--no-gate]

Each ECB+ document is served as a fetched page at its source address where the release gives one (its
headline, then one paragraph per sentence; no feed date, so the date is what the page and its address show,
or the fetch day) and goes through ``normalise``, the extractor and ``OpenEvents.handle`` as
in the workers, every mention of it, in a shuffled arrival order (one per seed; the figures are the mean).
A document belongs to the event of its principal mention. Scored with document-level B-cubed against the
gold (topic, ecb|ecbplus) clusters, per topic as well; the state the clustering table holds per article is
measured too. The benchmark's generated stories (``services.eval.generated``: same-kind happenings in many
towns, fictional) are clustered as a regression check that different towns stay apart. Exits 1 when a
figure is below its floor in bench/floors.json (keys ``clustering_<figure>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import shlex
import statistics
import sys
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from schemas.records import EventMention, RawArticle
from services.clusterer.cluster import OpenEvents
from services.eval import generated, results
from services.eval.ecbplus import Document, load
from services.eval.events import bcubed
from services.normalizer.transform import normalise

REPO = results.REPO
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "ecbplus_dev"
FLOOR_PREFIX = "clustering_"
FETCHED = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
UPPER_LIMITS = ("state_bytes_per_article",)  # figures where lower is better
NAMESPACE = uuid.UUID("6d1f4b0e-2f7c-4d8e-9a51-0c3b7e2a9f10")


def raw_article(doc: Document) -> RawArticle:
    """The document as the poller would hand it on: a fetched page, no feed date."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in doc.paragraphs)
    page = f"<html><head><title>{html.escape(doc.title)}</title></head><body><article><h1>" \
           f"{html.escape(doc.title)}</h1>{body}</article></body></html>"
    url = doc.url or f"https://ecbplus.example/{doc.doc_id}"
    return RawArticle(article_id=str(uuid.uuid5(NAMESPACE, f"{doc.doc_id}:{url}")), url=url,
                      feed_url="https://ecbplus.example/feed", source=f"outlet{doc.doc_id.split('_')[1]}",
                      title=doc.title, html=page, final_url=url, fetched_at=FETCHED)


def extract_all(docs: list[Document]) -> dict[str, list[EventMention]]:
    """Every document's mentions, as normaliser and extractor make them."""
    from services.extractor.extract import load_extractor

    extractor = load_extractor()
    return {d.doc_id: extractor.extract(normalise(raw_article(d))) for d in docs}


def cluster(docs: list[Document], mentions: dict[str, list[EventMention]], seed: int) -> tuple[dict[str, str], int]:
    """Each document's event when the documents arrive in a seeded random order, and the table's bytes."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    events = OpenEvents(dt.timedelta(days=30))
    found = {doc.doc_id: generated.principal_event(events, doc.doc_id, mentions[doc.doc_id],
                                                   FETCHED + dt.timedelta(seconds=i))
             for i, doc in enumerate(order)}
    return found, events.state_bytes()


def score(docs: list[Document], mentions: dict[str, list[EventMention]], seeds: int) -> dict[str, Any]:
    """B-cubed over all documents and per topic (means over the seeds), state bytes per article."""
    gold = {d.doc_id: d.cluster for d in docs}
    topics = sorted({d.topic for d in docs})
    runs, per_topic, state = [], defaultdict(list), []
    for seed in range(seeds):
        found, size = cluster(docs, mentions, seed)
        runs.append(bcubed(gold, found))
        state.append(size / len(docs))
        for topic in topics:
            ids = [d.doc_id for d in docs if d.topic == topic]
            per_topic[topic].append(bcubed({i: gold[i] for i in ids}, {i: found[i] for i in ids})[2])
    p, r, f = (statistics.mean(x[k] for x in runs) for k in range(3))
    with_mention = sum(1 for ms in mentions.values() if ms)
    return {"figures": {"bcubed_f1": round(f, 4), "bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4)},
            "f1_by_seed": [round(x[2], 4) for x in runs], "documents": len(docs),
            "documents_with_mention": with_mention, "state_bytes_per_article": round(statistics.mean(state)),
            "per_topic_f1": {str(t): round(statistics.mean(v), 4) for t, v in per_topic.items()},
            "reference": {"singletons": round(bcubed(gold, {i: i for i in gold})[2], 4),
                          "one_cluster_per_topic": round(bcubed(gold, {d.doc_id: str(d.topic) for d in docs})[2], 4)}}


def main(argv: list[str] | None = None) -> int:
    """Score, print, write the results file, gate on the floors."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ release: a .tar.gz or a folder")
    parser.add_argument("--seeds", type=int, default=3, help="arrival orders to average over")
    parser.add_argument("--floors", type=Path, default=REPO / "bench" / "floors.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_clustering.json")
    parser.add_argument("--no-gate", action="store_true", help="report only: read no floors and always exit 0")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no ECB+ data at {args.data}: pass --data with the release's .tar.gz or folder", file=sys.stderr)
        return 2
    docs = load(args.data)
    result = score(docs, extract_all(docs), args.seeds)
    p, r, f = generated.clustered(generated.reports())
    result["generated"] = {"articles": generated.ARTICLES, "seed": generated.TEST_SEED, "bcubed_f1": round(f, 4),
                           "bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4)}
    floors = results.gate_floors(args.floors, FLOOR_PREFIX, args.no_gate)
    figures = {**result["figures"], "state_bytes_per_article": result["state_bytes_per_article"],
               "generated_bcubed_f1": round(f, 4), "generated_bcubed_precision": round(p, 4)}
    failed = results.past_floors(figures, floors, UPPER_LIMITS)
    results.print_figures(figures, floors, failed, UPPER_LIMITS, width=24)
    print(f"documents {result['documents']} ({result['documents_with_mention']} with a mention), seeds "
          f"{args.seeds}, per seed {result['f1_by_seed']}; reference: singletons "
          f"{result['reference']['singletons']}, one cluster per topic {result['reference']['one_cluster_per_topic']}")
    worst = sorted(result["per_topic_f1"].items(), key=lambda kv: kv[1])[:5]
    print("weakest topics: " + ", ".join(f"{t} {f:.3f}" for t, f in worst))
    results.write_results(args.out, {
        "command": shlex.join(["newsflow-eval-clustering", *(sys.argv[1:] if argv is None else argv)]),
        "commit": results.commit(), "data": str(args.data), **result, "floors": floors,
        "gated": not args.no_gate, "passed": not failed})
    if failed:
        print(f"below floor: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
