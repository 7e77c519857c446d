"""The benchmark harness: every measure of issue 7 in one run; writes bench/results.json and BENCHMARKS.md.

    newsflow-bench [--quick] [--skip e2e,poller,...]

A measure that fails is recorded as ``{"not_measured": why}``, never as a figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import subprocess
import sys
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from services.bench import e2e, inprocess, pollround, report, sinkwrite
from services.bench.corpus import raw_articles
from services.eval.results import write_results

REPO = Path(__file__).resolve().parents[2]
MEASURES = ("inprocess", "sink", "e2e", "poller", "memory")
FULL = {"chain": 300, "repeat": 5, "batch": 1000, "batches": 3, "latency_s": 30.0, "feeds": 1000, "rounds": 3,
        "memory": 200_000}
QUICK = {"chain": 30, "repeat": 3, "batch": 40, "batches": 2, "latency_s": 3.0, "feeds": 1000, "rounds": 2,
         "memory": 2_000}
log = logging.getLogger("newsflow.bench")


async def guarded(name: str, results: dict[str, Any], fn: Callable[[], Awaitable[Any]]) -> None:
    """Run one measure; a failure becomes a "not measured" entry with its reason."""
    log.warning("measuring %s", name)
    try:
        results[name] = await fn()
    except Exception as exc:
        traceback.print_exc()
        results[name] = {"not_measured": f"{type(exc).__name__}: {exc}"}


async def run(cfg: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """Every measure not skipped, in one process (the memory one in a child)."""
    from services.extractor.extract import load_extractor

    results: dict[str, Any] = {}
    extractor = load_extractor()
    raws = raw_articles(cfg["chain"], seed=7)
    chain: list[inprocess.ChainRun] = []

    async def in_process() -> dict[str, Any]:
        figures, last = inprocess.measure(raws, extractor, cfg["repeat"])
        chain.append(last)
        stages = figures["stage_us_per_article"]
        slowest = max(stages, key=lambda s: stages[s]["median"])
        figures["profile"] = {"stage": slowest, "top": inprocess.profile_stage(slowest, raws, last, extractor)}
        return figures

    async def sink() -> dict[str, Any]:
        last = chain[-1] if chain else inprocess.run_chain(raws, extractor)
        async with sinkwrite.scratch_database("newsflow_bench") as url:
            return await sinkwrite.measure(url, last.articles, last.events, cfg["repeat"])

    async def measured(run: Awaitable[dict[str, Any]]) -> dict[str, Any]:
        try:
            return await run
        except Exception as exc:
            traceback.print_exc()
            return {"not_measured": f"{type(exc).__name__}: {exc}"}

    async def end_to_end() -> dict[str, Any]:
        logdir = REPO / ".newsflow" / "bench"
        out: dict[str, Any] = {"timing": "from the first publish of a batch (after a warm-up batch) to its last "
                                         "article's event on news.events; readiness reported apart"}
        async with sinkwrite.scratch_database("newsflow_bench_e2e") as url:
            for workers in (1, 2):
                latency = (20.0, 0.0) if workers == 2 else ()
                sc = out[f"{workers}w"] = await measured(
                    e2e.scenario(url, workers, cfg["batch"], cfg["batches"], 4, logdir, latency, cfg["latency_s"]))
                if latency and "not_measured" not in sc:
                    sc["latency_fresh_ms"] = await measured(e2e.fresh_latency(
                        url, workers, 4, logdir, latency, sc["articles_per_s"]["median"], cfg["latency_s"]))
        return out

    async def poller() -> dict[str, Any]:
        return await pollround.measure(cfg["feeds"], cfg["rounds"])

    async def memory() -> dict[str, Any]:
        proc = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "services.bench.memory", "--articles",
                                                        str(cfg["memory"])], capture_output=True, text=True,
                                       check=True, timeout=3600)
        return dict(json.loads(proc.stdout.strip().splitlines()[-1]))

    steps = {"inprocess": in_process, "sink": sink, "e2e": end_to_end, "poller": poller, "memory": memory}
    for name in MEASURES:
        if name in skip:
            results[name] = {"not_measured": "skipped on the command line"}
        else:
            await guarded(name, results, steps[name])
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the harness and write both result files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes; finishes in under 3 minutes")
    parser.add_argument("--skip", default="", help=f"comma-separated measures to leave out: {', '.join(MEASURES)}")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--markdown", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    cfg = QUICK if args.quick else FULL
    command = "newsflow-bench " + " ".join(argv if argv is not None else sys.argv[1:])
    results = asyncio.run(run(cfg, {s for s in args.skip.split(",") if s}))
    doc = report.document(command.strip(), cfg, results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_results(args.out, doc)
    args.markdown.write_text(report.markdown(doc), encoding="utf-8")
    print(report.markdown(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
