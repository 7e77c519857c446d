"""Run the extractor and the clusterer over the labelled event corpus and gate on the pinned floors.

    newsflow-eval-events [--corpus DIR] [--floors FILE] [--out FILE] [--no-gate]

Each article becomes an ``Article`` published at 09:00 UTC on its gold publication date;
mentions are clustered in publication order exactly as the clusterer agent does
(``OpenEvents.handle``). Exits 1 when a figure is below its floor in
bench/floors.json (keys ``events_<figure>``), else 0. ``--no-gate`` reports only: no floors
are read and it always exits 0 (the held-out corpus eval/events-holdout/ is run this way).
When the gold has ``secondary`` labels, the mentions after each article's first are scored against them
(``events_secondary``: precision and recall, gated by the floors ``<prefix>secondary_precision`` and
``<prefix>secondary_recall``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.records import Article, EventMention
from services.clusterer.cluster import OpenEvents
from services.eval import results
from services.eval.events import Gold, load_corpus, score
from services.eval.events_secondary import brief, load_secondary, score_secondary

REPO = results.REPO
DEFAULT_CORPUS = REPO / "eval" / "events"
FLOOR_PREFIX = "events_"


def to_article(gold: Gold) -> Article:
    """The normalised article the pipeline would hand the extractor."""
    url = f"https://{gold.outlet.lower().replace(' ', '')}.example/{gold.id}"
    published = dt.datetime.combine(gold.published, dt.time(9), tzinfo=dt.UTC)
    return Article(
        article_id=f"eval-{gold.id}", url=url, canonical_url=url, source=gold.outlet, feed_url=url,
        title=gold.title, text=gold.text, language="en", published_at=published,
        content_hash=hashlib.sha256(gold.text.encode()).hexdigest(), word_count=len(gold.text.split()),
        fetched_at=published,
    )


@dataclass
class Run:
    """What the extractor and the clusterer made of the corpus."""

    mentions: dict[str, EventMention | None]  # each article's first (principal) mention
    clusters: dict[str, str]  # the event its first mention joined (its own id when it yielded none)
    secondary: dict[str, list[EventMention]]  # each article's further mentions
    max_events: int


def run(corpus: list[Gold]) -> Run:
    """Extract every article, cluster the first mentions in publication order (the B-cubed score is per
    document: an article belongs to the event of its principal happening)."""
    from services.extractor.extract import load_extractor

    extractor = load_extractor()
    mentions: dict[str, EventMention | None] = {}
    clusters: dict[str, str] = {}
    secondary: dict[str, list[EventMention]] = {}
    events = OpenEvents(dt.timedelta(days=30))
    for gold in sorted(corpus, key=lambda g: (g.published, g.id)):
        article = to_article(gold)
        found = extractor.extract(article)
        mentions[gold.id] = found[0] if found else None
        secondary[gold.id] = found[1:]
        clusters[gold.id] = f"none-{gold.id}"
        for mention in found[:1]:
            now = article.published_at or dt.datetime.now(dt.UTC)
            clusters[gold.id] = events.handle(mention, now).event.event_id
    return Run(mentions, clusters, secondary, extractor.max_events_per_article)


def read_floors(path: Path, prefix: str = FLOOR_PREFIX) -> dict[str, float]:
    """This gate's floors from the flat floors file (other keys belong to other gates)."""
    return {k.removeprefix(prefix): v for k, v in results.read_floors(path).items() if k.startswith(prefix)}


def below(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Figures under their floor."""
    return [k for k, floor in floors.items() if k in figures and figures[k] < floor]


def main(argv: list[str] | None = None) -> int:
    """Score the corpus, print the figures, write the results file, gate on the floors."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--floors", type=Path, default=REPO / "bench" / "floors.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_events.json")
    parser.add_argument("--no-gate", action="store_true", help="report only: read no floors and always exit 0")
    parser.add_argument("--floor-prefix", default=FLOOR_PREFIX,
                        help="floors-file keys of this corpus's gate (events_ for eval/events, holdout_events_ for "
                             "eval/events-holdout)")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    done = run(corpus)
    mentions = done.mentions
    result = score(corpus, mentions, done.clusters)
    floors = {} if args.no_gate else read_floors(args.floors, args.floor_prefix)
    extra = _secondary(args.corpus, done)
    gated = dict(result["figures"])
    if extra:
        gated |= {f"secondary_{k}": extra["secondary"][k] for k in ("precision", "recall")}
    failed = below(gated, floors)

    def mark(name: str) -> str:
        """A figure's floor and whether it is below it ('' when it has none)."""
        floor = floors.get(name)
        return "" if floor is None else f"  floor {floor:.2f}{'  BELOW' if name in failed else ''}"

    for name, value in result["figures"].items():
        print(f"{name:<16} {value:.4f}  target 0.90{mark(name)}")
    if extra:
        figures = extra["secondary"]
        print(f"secondary (max {figures['max_events_per_article']} events per article, {figures['articles']} "
              f"articles): precision {figures['precision']:.4f}{mark('secondary_precision')}  recall "
              f"{figures['recall']:.4f}{mark('secondary_recall')}  f1 {figures['f1']:.4f}  (found "
              f"{figures['found']}, gold {figures['gold']}, matched {figures['matched']})")
    results.write_results(args.out, {
        "command": shlex.join(["newsflow-eval-events", *(sys.argv[1:] if argv is None else argv)]),
        "commit": results.commit(), "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": _display(args.corpus), **result, "floors": floors, "gated": not args.no_gate, "passed": not failed,
        "predicted": {gid: _brief(m) for gid, m in mentions.items()}, **extra,
    })
    if failed:
        print(f"below floor: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _secondary(folder: Path, done: Run) -> dict[str, Any]:
    """The secondary score and the secondary mentions ({} when the corpus has no secondary labels)."""
    gold = load_secondary(folder)
    if not gold:
        return {}
    found = {gid: ms for gid, ms in done.secondary.items() if gid in gold}
    return {"secondary": score_secondary(gold, found, done.max_events), "predicted_secondary": brief(found)}


def _brief(mention: EventMention | None) -> dict[str, Any] | None:
    """A compact view of a mention for reading misses in the results file."""
    if mention is None:
        return None
    loc = mention.location
    return {"type": mention.event_type.plover, "actors": [f"{a.role}:{a.name}" for a in mention.actors],
            "place": f"{loc.name}, {loc.admin1}, {loc.country}" if loc else None,
            "date": mention.event_date.isoformat() if mention.event_date else None,
            "counts": [f"{q.what} {q.min}-{q.max}" for q in mention.quantities]}


def _display(path: Path) -> str:
    """The path relative to the repository root when it can be."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)
