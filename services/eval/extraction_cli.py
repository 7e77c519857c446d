"""Score newsflow's main-text extraction on the public article-extraction benchmark.

    newsflow-eval-extraction [--benchmark DIR] [--floors FILE] [--out FILE]

Checks the scorer first (the reference tools' outputs must reproduce their published F1 within
±0.005), then normalises every benchmark page as the pipeline would and scores `Article.text`.
Exits 2 when the benchmark is missing, 1 when the scorer disagrees with the published figures or
newsflow's F1 is below the floor in bench/floors.json, else 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from schemas.records import RawArticle
from services.common.urls import article_id_for
from services.eval import results
from services.eval.extraction import Score, load_html, load_reference, load_truth, score

REPO = results.REPO
DEFAULT_BENCHMARK = REPO.parent / "shared" / "eval" / "article_extraction_benchmark"
FLOOR_KEY = "extraction_f1"
TOLERANCE = 0.005
# reference output file → (tool as the benchmark README names it, published F1)
PUBLISHED = {
    "trafilatura.json.gz": ("trafilatura 2.0.0", 0.958), "newspaper.json.gz": ("newspaper4k", 0.949),
    "news_please.json.gz": ("news-please", 0.948), "readability.json.gz": ("readability-lxml", 0.922),
    "goose3.json.gz": ("goose3", 0.896), "html-text.json.gz": ("html-text (whole page)", 0.665),
}
FETCHED_AT = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def reference_figures(benchmark: Path, truth: dict[str, str]) -> list[dict[str, Any]]:
    """Each reference tool's score from its stored outputs, beside its published F1."""
    rows = []
    for name, (tool, published) in PUBLISHED.items():
        path = benchmark / "reference_outputs" / name
        if not path.exists():
            continue
        bodies, version = load_reference(path)
        result = score(truth, bodies)
        rows.append({"tool": tool, "version": version, **_figures(result), "published_f1": published,
                     "reproduced": abs(result.f1 - published) <= TOLERANCE})
    return rows


def newsflow_bodies(benchmark: Path, truth: dict[str, str]) -> tuple[dict[str, str], list[float]]:
    """Article.text of every page normalised as the pipeline would, and the milliseconds each took."""
    from services.normalizer.transform import normalise

    meta = json.loads((benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    bodies, timings = {}, []
    for page_id in truth:
        url = meta[page_id].get("url") or f"https://benchmark.invalid/{page_id}"
        raw = RawArticle(article_id=article_id_for(url), url=url, final_url=url, feed_url=url,
                         source=urlsplit(url).hostname or "", html=load_html(benchmark, page_id), fetched_at=FETCHED_AT)
        start = time.perf_counter()
        bodies[page_id] = normalise(raw).text
        timings.append((time.perf_counter() - start) * 1000)
    return bodies, timings


def read_floor(path: Path) -> float | None:
    """The extraction F1 floor from the flat floors file (other keys belong to other gates)."""
    return results.read_floors(path).get(FLOOR_KEY)


def main(argv: list[str] | None = None) -> int:
    """Reproduce the reference figures, score newsflow, write the results file, gate on the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, default=DEFAULT_BENCHMARK)
    parser.add_argument("--floors", type=Path, default=REPO / "bench" / "floors.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_extraction.json")
    args = parser.parse_args(argv)
    if not (args.benchmark / "ground-truth.json").is_file():
        print(f"benchmark not found: {args.benchmark} (expected ground-truth.json, html/, reference_outputs/); "
              "pass --benchmark DIR", file=sys.stderr)
        return 2
    truth = load_truth(args.benchmark)
    references = reference_figures(args.benchmark, truth)
    for row in references:
        print(f"{row['tool']:<24} P {row['precision']:.4f}  R {row['recall']:.4f}  F1 {row['f1']:.4f}  "
              f"published {row['published_f1']:.3f}  {'ok' if row['reproduced'] else 'MISMATCH'}")
    bodies, timings = newsflow_bodies(args.benchmark, truth)
    result, floor = score(truth, bodies), read_floor(args.floors)
    median_ms = statistics.median(timings)
    print(f"{'newsflow':<24} P {result.precision:.4f}  R {result.recall:.4f}  F1 {result.f1:.4f}  "
          f"floor {floor}  {median_ms:.1f} ms/page (median)")
    scorer_ok = bool(references) and all(row["reproduced"] for row in references)
    passed = scorer_ok and (floor is None or result.f1 >= floor)
    results.write_results(args.out, {
        "command": shlex.join(["newsflow-eval-extraction", *(sys.argv[1:] if argv is None else argv)]),
        "commit": results.commit(), "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "benchmark": _display_path(args.benchmark), "pages": result.pages, "references": references,
        "newsflow": {**_figures(result), "ms_per_page_median": round(median_ms, 1),
                     "ms_per_page_p90": round(_p90(timings), 1)},
        "floor": {FLOOR_KEY: floor}, "scorer_reproduces_published": scorer_ok, "passed": passed,
    })
    if not scorer_ok:
        print("scorer does not reproduce the published figures", file=sys.stderr)
    elif not passed:
        print(f"extraction F1 {result.f1:.4f} is below the floor {floor}", file=sys.stderr)
    return 0 if passed else 1


def _p90(values: list[float]) -> float:
    """The 90th percentile (the value itself for a single page)."""
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def _figures(result: Score) -> dict[str, float]:
    """Rounded P/R/F1 for the results file."""
    return {"precision": round(result.precision, 4), "recall": round(result.recall, 4), "f1": round(result.f1, 4)}


def _display_path(path: Path) -> str:
    """The path relative to the repository root when it can be, so results files do not name a machine."""
    try:
        return f"../{path.resolve().relative_to(REPO.parent)}"
    except ValueError:
        return str(path)
