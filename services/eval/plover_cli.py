"""Event types and actors on real sentences: the PLOVER gold standard records (dev half), through the extractor.

    newsflow-eval-plover [--data FILE] [--floors FILE] [--out FILE] [--no-gate]

Each record's sentence (an example from the CAMEO manual, hand-coded in PLOVER; CC BY-SA 4.0) is served as a
one-sentence English article and goes through the extractor as in the worker. The type of the article's
principal mention is compared with the gold event, the old labels mapped to PLOVER 0.8 as the data's README
says; an untyped (``OTHER``) mention or none is "no event". Per type: how many of its records got it
(recall) and how many of the records given it were right (precision). Actors: a gold source (target) is
matched when a source (target) actor of the mention names it (one's words contain the other's). Exits 1
when a figure is below its floor in bench/floors.json (keys ``plover_<figure>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import shlex
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from schemas.records import Article, EventMention
from services.eval import results

REPO = results.REPO
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "plover_gsr_dev" / "PLOVER_GSR_CAMEO_dev.json"
FLOOR_PREFIX = "plover_"
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "none"
UPPER_LIMITS = ("no_event_share",)  # figures where lower is better
WORD = re.compile(r"\w+")


def gold_type(record: dict[str, Any]) -> str:
    """The record's event type in PLOVER 0.8."""
    return OLD_LABELS.get(record["event"], record["event"])


def to_article(record: dict[str, Any]) -> Article:
    """The sentence as a one-sentence article, published on the record's date."""
    text = record["text"]
    published = dt.datetime.combine(dt.date.fromisoformat(record.get("date") or "2000-01-01"), dt.time(9),
                                    tzinfo=dt.UTC)
    url = f"https://plover-gsr.example/{record['id']}"
    return Article(article_id=f"plover-{record['id']}", url=url, canonical_url=url, source="gsr", feed_url=url,
                   title="", text=text, language="en", published_at=published, published_precision="day",
                   published_source="feed", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   word_count=len(text.split()), fetched_at=published)


def words(text: str) -> set[str]:
    """The lower-cased words of a text."""
    return set(WORD.findall(text.lower()))


def names_actor(gold_text: str, mention: EventMention | None, role: str) -> bool:
    """Whether an actor of ``role`` in the mention names the gold actor (one's words contain the other's)."""
    gold = words(gold_text)
    for actor in mention.actors if mention else []:
        if actor.role != role:
            continue
        for form in [actor.name, *actor.surface_forms]:
            found = words(form)
            if found and gold and (found <= gold or gold <= found):
                return True
    return False


def judge(record: dict[str, Any], mention: EventMention | None) -> dict[str, Any]:
    """One record: gold and found type, and whether its gold source and target were found."""
    found = mention.event_type.plover if mention and mention.event_type.plover != "OTHER" else NO_EVENT
    row: dict[str, Any] = {"gold": gold_type(record), "found": found}
    for role in ("source", "target"):
        actors = [a["actorText"] for a in record.get(role) or [] if a.get("actorText")]
        if actors:
            row[role] = any(names_actor(text, mention, role) for text in actors)
    return row


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Type accuracy, no-event share, per-type recall and precision, confusions, actor match rates."""
    n = len(rows)
    per_type = {}
    for kind in sorted({r["gold"] for r in rows}):
        gold = [r for r in rows if r["gold"] == kind]
        given = [r for r in rows if r["found"] == kind]
        per_type[kind] = {"records": len(gold), "recall": round(sum(r["found"] == kind for r in gold) / len(gold), 4),
                          "given": len(given),
                          "precision": round(sum(r["gold"] == kind for r in given) / len(given), 4) if given else None}
    confusions = Counter(f"{r['gold']}->{r['found']}" for r in rows if r["gold"] != r["found"])
    figures = {"type_accuracy": round(sum(r["gold"] == r["found"] for r in rows) / n, 4),
               "no_event_share": round(sum(r["found"] == NO_EVENT for r in rows) / n, 4)}
    for role in ("source", "target"):
        judged = [r[role] for r in rows if role in r]
        figures[f"{role}_match"] = round(sum(judged) / len(judged), 4) if judged else 0.0
    return {"figures": figures, "records": n, "per_type": per_type, "confusions": dict(confusions.most_common(15))}


def main(argv: list[str] | None = None) -> int:
    """Extract, score, print, write the results file, gate on the floors."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PLOVER_GSR_CAMEO_dev.json")
    parser.add_argument("--floors", type=Path, default=REPO / "bench" / "floors.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_plover.json")
    parser.add_argument("--no-gate", action="store_true", help="report only: read no floors and always exit 0")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no PLOVER gold standard records at {args.data}: pass --data with the dev JSON file", file=sys.stderr)
        return 2
    from services.extractor.extract import load_extractor

    extractor = load_extractor()
    records = json.loads(args.data.read_text(encoding="utf-8"))
    rows = [judge(r, next(iter(extractor.extract(to_article(r))), None)) for r in records]
    result = summarise(rows)
    floors = results.gate_floors(args.floors, FLOOR_PREFIX, args.no_gate)
    figures = result["figures"]
    failed = results.past_floors(figures, floors, UPPER_LIMITS)
    results.print_figures(figures, floors, failed, UPPER_LIMITS, width=16)
    print("per type (recall): " + ", ".join(f"{k} {v['recall']:.2f}/{v['records']}"
                                            for k, v in result["per_type"].items()))
    results.write_results(args.out, {
        "command": shlex.join(["newsflow-eval-plover", *(sys.argv[1:] if argv is None else argv)]),
        "commit": results.commit(), "data": str(args.data), **result, "floors": floors,
        "gated": not args.no_gate, "passed": not failed})
    if failed:
        print(f"past floor: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
