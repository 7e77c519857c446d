"""Publication dates and bodies of real web pages (htmldate's evaluation pages), side by side with the libraries.

    newsflow-eval-pages [--data DIR] [--floors FILE] [--out FILE] [--no-gate]

Each page of ``../shared/eval/htmldate_dev`` is served as a fetched page with no feed date and goes through
``normalise`` as in the worker. Dates: the share of pages whose stored publication day is the gold day (a
page left with the fetch day counts as wrong), beside htmldate's ``find_date(original_date=True,
extensive_search=True)`` on the same pages. Bodies: how often the stored text is empty, or under a tenth of
what trafilatura's standard settings extract from the page. Exits 1 when a figure is past its floor in
bench/floors.json (keys ``pages_<figure>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import shlex
import sys
import uuid
from pathlib import Path
from typing import Any

import trafilatura
from htmldate import find_date

from schemas.records import RawArticle
from services.eval import results
from services.normalizer.transform import NormalisationError, normalise

REPO = results.REPO
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "htmldate_dev"
FLOOR_PREFIX = "pages_"
FETCHED = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
SHORT_SHARE = 0.1  # a body under a tenth of trafilatura's standard output lost most of the article
UPPER_LIMITS = ("body_empty_share", "body_short_share")  # figures where lower is better


def load(data: Path) -> list[tuple[str, dict[str, str], str]]:
    """(page id, gold record, page markup) of every page, sorted by id."""
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))["pages"]
    return [(pid, g, gzip.decompress((data / "pages" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace"))
            for pid, g in sorted(gold.items())]


def served(pid: str, url: str, html: str) -> RawArticle:
    """The page as the poller hands it on: fetched, no feed date, no feed title."""
    return RawArticle(article_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{pid}:{url}")), url=url,
                      feed_url="https://pages.example/feed", source="pages", title=None, html=html, final_url=url,
                      fetched_at=FETCHED)


def judge(pid: str, gold: dict[str, str], html: str) -> dict[str, Any]:
    """One page: newsflow's day and source, htmldate's day, and the body lengths against trafilatura's."""
    try:
        article = normalise(served(pid, gold["url"], html))
    except NormalisationError:
        ours, source, text = None, "none", ""
    else:
        source, text = article.published_source or "none", article.text
        ours = article.published_at.date().isoformat() if article.published_at and source != "fetched" else None
    latest = (FETCHED + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    theirs = find_date(html, url=gold["url"], original_date=True, extensive_search=True, max_date=latest)
    standard = trafilatura.extract(html, url=gold["url"]) or ""
    return {"gold": gold["date"], "newsflow": ours, "source": source, "htmldate": theirs, "chars": len(text),
            "trafilatura_chars": len(standard)}


def summarise(pages: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Exact-day accuracy of both, by where newsflow read the date, and the body shares."""
    n = len(pages)
    by_source: dict[str, list[int]] = {}
    for page in pages.values():
        by_source.setdefault(page["source"], [0, 0])
        by_source[page["source"]][0] += page["newsflow"] == page["gold"]
        by_source[page["source"]][1] += 1
    compared = [p for p in pages.values() if p["trafilatura_chars"]]
    return {
        "figures": {
            "date_exact_day": round(sum(p["newsflow"] == p["gold"] for p in pages.values()) / n, 4),
            "body_empty_share": round(sum(not p["chars"] for p in pages.values()) / n, 4),
            "body_short_share": round(sum(p["chars"] < SHORT_SHARE * p["trafilatura_chars"] for p in compared)
                                      / max(1, len(compared)), 4),
        },
        "reference": {"htmldate_extensive_exact_day": round(sum(p["htmldate"] == p["gold"] for p in pages.values())
                                                            / n, 4)},
        "pages": n,
        "date_by_source": {k: {"right": v[0], "pages": v[1]} for k, v in sorted(by_source.items())},
    }


def main(argv: list[str] | None = None) -> int:
    """Score, print, write the results file, gate on the floors."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="htmldate evaluation pages (gold.json, pages/)")
    parser.add_argument("--floors", type=Path, default=REPO / "bench" / "floors.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_pages.json")
    parser.add_argument("--no-gate", action="store_true", help="report only: read no floors and always exit 0")
    args = parser.parse_args(argv)
    if not (args.data / "gold.json").exists():
        print(f"no htmldate evaluation pages at {args.data}: pass --data with the folder holding gold.json",
              file=sys.stderr)
        return 2
    pages = {pid: judge(pid, gold, html) for pid, gold, html in load(args.data)}
    result = summarise(pages)
    floors = results.gate_floors(args.floors, FLOOR_PREFIX, args.no_gate)
    figures = result["figures"]
    failed = results.past_floors(figures, floors, UPPER_LIMITS)
    results.print_figures(figures, floors, failed, UPPER_LIMITS, width=18)
    print(f"pages {result['pages']}; htmldate extensive on the same pages: exact day "
          f"{result['reference']['htmldate_extensive_exact_day']}")
    results.write_results(args.out, {
        "command": shlex.join(["newsflow-eval-pages", *(sys.argv[1:] if argv is None else argv)]),
        "commit": results.commit(), "data": str(args.data), **result, "floors": floors,
        "gated": not args.no_gate, "passed": not failed})
    if failed:
        print(f"past floor: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
