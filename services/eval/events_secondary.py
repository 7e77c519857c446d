"""Score of secondary happenings: the mentions after an article's principal one.

Gold is the optional ``secondary`` list of an article in gold.json (articles without the field
are not scored). A found secondary mention matches a gold item when the PLOVER type is equal and
at least one of source/target names matches in its role (folded as in the actor score; roles
are ignored for the symmetric types); each gold item matches at most once. Precision and recall
are gated by floors (``events_secondary_precision``, ``..._recall``) like the principal figures.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemas.records import EventMention
from services.eval.events import SYMMETRIC_TYPES, actor_counts


def load_secondary(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Each labelled article's gold secondary happenings, by id (articles without the field are left out)."""
    labels = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["articles"]
    return {rec["id"]: rec["secondary"] for rec in labels if "secondary" in rec}


def item_matches(item: dict[str, Any], mention: EventMention) -> bool:
    """Same PLOVER type and one gold source/target name among the mention's actors of that role ('A|B' is either),
    matched as the actor score matches them (``actor_counts``)."""
    if mention.event_type.plover != item["type"]:
        return False
    gold = {role: [item[role]] for role in ("source", "target") if item.get(role)}
    found = [(a.role, a.name) for a in mention.actors]
    return actor_counts(gold, found, item["type"] in SYMMETRIC_TYPES)[0] > 0


def match_count(gold: Sequence[dict[str, Any]], found: Sequence[EventMention]) -> int:
    """How many found mentions match a gold item, each gold item used at most once."""
    left = list(gold)
    matched = 0
    for mention in found:
        hit = next((item for item in left if item_matches(item, mention)), None)
        if hit is not None:
            left.remove(hit)
            matched += 1
    return matched


def score_secondary(gold: dict[str, list[dict[str, Any]]], found: dict[str, list[EventMention]],
                    max_events: int) -> dict[str, Any]:
    """Precision, recall and F1 of secondary mentions over the labelled articles, with the counts
    (``max_events``: the extractor's events per article, for the record)."""
    n_found = sum(len(found.get(gid, [])) for gid in gold)
    n_gold = sum(len(items) for items in gold.values())
    matched = sum(match_count(items, found.get(gid, [])) for gid, items in gold.items())
    p = matched / n_found if n_found else 0.0
    r = matched / n_gold if n_gold else 0.0
    return {"articles": len(gold), "max_events_per_article": max_events, "found": n_found, "gold": n_gold,
            "matched": matched, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def brief(found: dict[str, list[EventMention]]) -> dict[str, list[str]]:
    """A compact view of the secondary mentions for reading the results file."""
    return {gid: [f"{m.event_type.plover} {' '.join(f'{a.role}:{a.name}' for a in m.actors)}" for m in ms]
            for gid, ms in found.items() if ms}
