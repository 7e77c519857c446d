"""Score event extraction and clustering against the labelled event corpus (eval/events/).

Pure scoring: the corpus loader, the metrics (type accuracy, actor F1, place accuracy,
date accuracy, count accuracy, B-cubed F1 of clusters) and the comparison of one mention
with its gold label. Running the extractor and the clusterer lives in ``events_run``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.records import EventMention

PLACE_KM = 50.0
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE"}


@dataclass(frozen=True)
class Gold:
    """One labelled article: its text and what the extractor should make of it."""

    id: str
    outlet: str
    published: dt.date
    cluster: str
    type: str
    actors: dict[str, list[str]]
    place: dict[str, Any]
    event_date: dt.date
    counts: list[dict[str, Any]]
    title: str
    text: str
    mode: str | None = None


def load_corpus(folder: Path) -> list[Gold]:
    """Every labelled article of a corpus folder (gold.json + articles/ID.txt, title on the first line)."""
    labels = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["articles"]
    corpus = []
    for rec in labels:
        title, _, body = (folder / "articles" / f"{rec['id']}.txt").read_text(encoding="utf-8").partition("\n")
        corpus.append(Gold(
            id=rec["id"], outlet=rec["outlet"], published=dt.date.fromisoformat(rec["published"]),
            cluster=rec["cluster"], type=rec["type"], mode=rec.get("mode"), actors=rec["actors"], place=rec["place"],
            event_date=dt.date.fromisoformat(rec["event_date"]), counts=rec["counts"], title=title.strip(),
            text=body.strip(),
        ))
    return corpus


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, for comparing names and spelling variants."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def actor_counts(
    gold: dict[str, list[str]], found: Sequence[tuple[str, str]], symmetric: bool
) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of (role, name) pairs; 'A|B' golds accept either name."""
    wanted = [(role, {fold(n) for n in names.split("|")}) for role, entries in gold.items() for names in entries]
    left = [(role, fold(name)) for role, name in found]
    tp = 0
    for role, names in wanted:
        hit = next((p for p in left if p[1] in names and (symmetric or p[0] == role)), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    return tp, len(left), len(wanted) - tp


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (1.0 when there is nothing to find and nothing was found)."""
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def place_ok(gold: dict[str, Any], mention: EventMention | None) -> bool:
    """Same admin1 and within PLACE_KM of the gold place."""
    loc = mention.location if mention else None
    if loc is None or loc.lat is None or loc.lon is None or loc.admin1 is None:
        return False
    return fold(loc.admin1) == fold(gold["admin1"]) and km(loc.lat, loc.lon, gold["lat"], gold["lon"]) <= PLACE_KM


def counts_right(gold: list[dict[str, Any]], mention: EventMention | None) -> int:
    """How many gold counts the mention reports with the same category and range."""
    found = {(q.what, q.min, q.max) for q in mention.quantities} if mention else set()
    return sum((c["what"], c["min"], c["max"]) in found for c in gold)


def bcubed(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """Document-level B-cubed precision, recall and F1 of a clustering against the gold clusters."""
    members: dict[tuple[str, str], set[str]] = {}
    for item in gold:
        members.setdefault(("g", gold[item]), set()).add(item)
        members.setdefault(("f", found[item]), set()).add(item)
    precision = recall = 0.0
    for item in gold:
        ours, theirs = members[("f", found[item])], members[("g", gold[item])]
        precision += len(ours & theirs) / len(ours)
        recall += len(ours & theirs) / len(theirs)
    p, r = precision / len(gold), recall / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(corpus: list[Gold], mentions: dict[str, EventMention | None], clusters: dict[str, str]) -> dict[str, Any]:
    """Every figure, and the articles each check failed on."""
    n = len(corpus)
    misses: dict[str, list[str]] = {k: [] for k in ("type", "actors", "place", "date", "counts")}
    tp = fp = fn = right = total = 0
    for g in corpus:
        m = mentions.get(g.id)
        if m is None or m.event_type.plover != g.type:
            misses["type"].append(g.id)
        pairs = [(a.role, a.name) for a in m.actors] if m else []
        t, p, f = actor_counts(g.actors, pairs, g.type in SYMMETRIC_TYPES)
        tp, fp, fn = tp + t, fp + p, fn + f
        if p or f:
            misses["actors"].append(g.id)
        if not place_ok(g.place, m):
            misses["place"].append(g.id)
        if m is None or m.event_date != g.event_date:
            misses["date"].append(g.id)
        hits = counts_right(g.counts, m)
        right, total = right + hits, total + len(g.counts)
        if hits < len(g.counts):
            misses["counts"].append(g.id)
    bp, br, bf = bcubed({g.id: g.cluster for g in corpus}, clusters)
    figures = {
        "type_accuracy": 1 - len(misses["type"]) / n, "actor_f1": f1(tp, fp, fn),
        "place_accuracy": 1 - len(misses["place"]) / n, "date_accuracy": 1 - len(misses["date"]) / n,
        "count_accuracy": right / total if total else 1.0, "bcubed_f1": bf,
    }
    return {"articles": n, "clusters": len({g.cluster for g in corpus}),
            "figures": {k: round(v, 4) for k, v in figures.items()},
            "bcubed": {"precision": round(bp, 4), "recall": round(br, 4)}, "misses": misses}
