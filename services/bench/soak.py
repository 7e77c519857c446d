"""``make soak``: a steady stream of generated articles through the default ``newsflow run``, its broker and
worker watched over time.

    python -m services.bench.soak --articles 50000 --rate 10 --out bench/results/soak.json

A loopback site serves ``--feeds`` RSS feeds; article ``j`` of the generated corpus (``corpus.py``) is released
``j / rate`` seconds after the start into feed ``j % feeds``, which lists its latest 60 released items. The run
is the user's: ``newsflow run --feeds FILE`` on the embedded broker (rotation at its default unless
``--rotate``), into a fresh database of its own (``newsflow_soak_<pid>``, dropped at the end unless
``--keep-database``), with feeds polled every 30 s (items dated when released). Every
``--sample-seconds`` the harness records the articles stored (unique and duplicates: through dedup) and the
RSS and CPU seconds of the embedded broker and the stream worker (a rotated broker's or restarted worker's CPU
is added to its predecessors'). It ends once every article is stored, or at ``--timeout``, and compares the
first tenth of the articles with the last: broker RSS and CPU per article within 20% is the issue's bar. It
also gives the figures per rotation cycle (``per_cycle``), the fair comparison for a rotating run.

Hazard: it keeps every generated article's text in memory (about 3 KB each) and it measures the machine it
runs on: other work there counts against the broker and worker only through contention, not in their CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import asyncpg

from services.bench.corpus import generate
from services.bench.cpu import cpu_seconds, with_descendants
from services.common.db import LOCAL_ADMIN_URL, create_database_if_missing, drop_database, migrate, with_database
from services.common.settings import get_settings
from services.devtools.feedserver import article_page

WINDOW = 60  # items a feed lists


class Site(ThreadingHTTPServer):
    """Feeds releasing the generated articles at a steady rate, and their pages."""

    daemon_threads = True

    def __init__(self, items: list[tuple[str, tuple[str, ...]]], feeds: int, rate: float) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.items, self.feeds, self.rate, self.start = items, feeds, rate, time.monotonic()
        self.wall = time.time()

    def released(self) -> int:
        """Articles released so far."""
        return min(len(self.items), int((time.monotonic() - self.start) * self.rate) + 1)

    def feed(self, f: int) -> bytes:
        """Feed ``f``: its latest WINDOW released articles."""
        base = f"http://127.0.0.1:{self.server_address[1]}"
        mine = list(range(f, self.released(), self.feeds))[-WINDOW:]
        parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Soak {f}</title>']
        for j in reversed(mine):
            published = email.utils.formatdate(self.wall + j / self.rate, usegmt=True)  # released now, dated so
            parts.append(f"<item><title>{escape(self.items[j][0])}</title><link>{base}/a/{j}.html</link>"
                         f"<pubDate>{published}</pubDate></item>")
        return ("".join(parts) + "</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    """GET /feed/<f>.xml and /a/<j>.html."""

    server: Site

    def do_GET(self) -> None:
        kind, _, name = self.path.strip("/").partition("/")
        number = name.split(".")[0]
        if kind == "feed" and number.isdigit():
            body, ctype = self.server.feed(int(number)), "application/rss+xml"
        elif kind == "a" and number.isdigit() and int(number) < self.server.released():
            body, ctype = article_page(list(self.server.items[int(number)][1]), 1), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def rss_of(status: Path) -> float:
    """Resident MB of a process (0 when gone)."""
    try:
        line = next(ln for ln in status.read_text().splitlines() if ln.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


class Watched:
    """RSS and cumulative CPU of the processes of one kind below the run (broker, worker), across restarts."""

    def __init__(self, match: Any) -> None:
        self.match, self.cpu = match, dict[int, float]()

    def sample(self, run_pid: int) -> tuple[float, float]:
        """(RSS MB now, CPU seconds so far) of the matching processes, past ones' CPU included."""
        rss = 0.0
        for pid in with_descendants([run_pid]):
            try:
                comm = Path(f"/proc/{pid}/comm").read_text().strip()
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if self.match(comm, cmdline):
                rss += rss_of(Path(f"/proc/{pid}/status"))
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_seconds(pid))
        return rss, sum(self.cpu.values())


def tenth(samples: list[dict[str, float]], first: bool, total: int) -> dict[str, float]:
    """Broker and worker RSS (mean) and CPU per article over the first or last tenth of the articles."""
    lo, hi = (0, total / 10) if first else (total * 9 / 10, total)
    inside = [s for s in samples if lo <= s["stored"] <= hi] or samples[:2]
    before = max((s for s in samples if s["stored"] <= lo), key=lambda s: s["stored"], default=samples[0])
    after = inside[-1]
    articles = max(1.0, after["stored"] - before["stored"])
    return {"broker_rss_mb": sum(s["broker_rss_mb"] for s in inside) / len(inside),
            "worker_rss_mb": sum(s["worker_rss_mb"] for s in inside) / len(inside),
            "broker_cpu_ms_per_article": 1000 * (after["broker_cpu_s"] - before["broker_cpu_s"]) / articles,
            "worker_cpu_ms_per_article": 1000 * (after["worker_cpu_s"] - before["worker_cpu_s"]) / articles}


def per_cycle(samples: list[dict[str, float]], every: int) -> list[dict[str, float]]:
    """Per stretch of ``every`` stored articles (a rotation cycle when ``every`` is the rotation's): articles,
    broker and worker CPU per article, and the broker's peak RSS. The first stretch counts from the start, so it
    holds the cold start. A rotating run is fairly compared cycle with cycle: a tenth of the articles falls
    anywhere within a cycle, and RSS rises through each one."""
    if not samples or every <= 0:
        return []
    start = {"stored": 0, "broker_cpu_s": 0.0, "worker_cpu_s": 0.0}
    cycles, begin, bound = [], start, every
    for sample in samples:
        if sample["stored"] >= bound or sample is samples[-1]:
            inside = [s for s in samples if begin["stored"] < s["stored"] <= sample["stored"]] or [sample]
            articles = sample["stored"] - begin["stored"]
            if articles > 0:
                cycles.append({"articles": articles,
                               "broker_cpu_ms_per_article": round(
                                   1000 * (sample["broker_cpu_s"] - begin["broker_cpu_s"]) / articles, 1),
                               "worker_cpu_ms_per_article": round(
                                   1000 * (sample["worker_cpu_s"] - begin["worker_cpu_s"]) / articles, 1),
                               "broker_rss_mb_peak": max(s["broker_rss_mb"] for s in inside)})
            begin, bound = sample, (int(sample["stored"]) // every + 1) * every
    return cycles


async def _count(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM articles"))
    finally:
        await conn.close()


async def _fresh(name: str) -> str:
    await drop_database(LOCAL_ADMIN_URL, name)
    await create_database_if_missing(LOCAL_ADMIN_URL, name)
    url = with_database(LOCAL_ADMIN_URL, name)
    conn = await asyncpg.connect(url)
    try:
        await migrate(conn)
    finally:
        await conn.close()
    return url


def database_name(pid: int) -> str:
    """The run's own scratch database: two soaks at once must not count (or reset) each other's articles."""
    return f"newsflow_soak_{pid}"


def soak(args: argparse.Namespace) -> dict[str, Any]:
    """Run the soak; the figures and samples."""
    items = [(g.raw.title or "", g.lines) for g in generate(args.articles, seed=args.seed)]
    site = Site(items, args.feeds, args.rate)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    work = Path(tempfile.mkdtemp(prefix="newsflow-soak-"))
    feeds = work / "feeds.txt"
    feeds.write_text("".join(f"http://127.0.0.1:{site.server_address[1]}/feed/{f}.xml\n" for f in range(args.feeds)))
    name = database_name(os.getpid())
    url = asyncio.run(_fresh(name))
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_DATA_DIR": str(work / "data"),
           "NEWSFLOW_POLLER__INTERVAL_SECONDS": "30", "NEWSFLOW_POLLER__MIN_INTERVAL_SECONDS": "30",
           "NEWSFLOW_POLLER__MAX_INTERVAL_SECONDS": "30"}
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    if args.rotate is not None:
        env["NEWSFLOW_PIPELINE__ROTATE_BROKER_ARTICLES"] = str(args.rotate)
    broker = Watched(lambda comm, _cmd: comm.startswith("tansu"))
    worker = Watched(lambda _comm, cmd: b"worker" in cmd and b"services.cli.main" in cmd)
    with (work / "run.log").open("w") as log:
        run = subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", "--feeds", str(feeds),
                                "--allow-private-network"], env=env, stdout=log, stderr=log)
    samples: list[dict[str, float]] = []
    start = time.monotonic()
    try:
        while run.poll() is None and time.monotonic() - start < args.timeout:
            time.sleep(args.sample_seconds)
            (b_rss, b_cpu), (w_rss, w_cpu) = broker.sample(run.pid), worker.sample(run.pid)
            samples.append({"t": round(time.monotonic() - start, 1), "stored": asyncio.run(_count(url)),
                            "broker_rss_mb": round(b_rss, 1), "worker_rss_mb": round(w_rss, 1),
                            "broker_cpu_s": round(b_cpu, 2), "worker_cpu_s": round(w_cpu, 2)})
            print(json.dumps(samples[-1]), flush=True)
            if samples[-1]["stored"] >= args.articles:
                break
    finally:
        run.send_signal(signal.SIGTERM)
        run.wait(120)
        if not args.keep_database:
            asyncio.run(drop_database(LOCAL_ADMIN_URL, name))
    total = int(samples[-1]["stored"]) if samples else 0
    first, last = (tenth(samples, True, total), tenth(samples, False, total)) if samples else ({}, {})
    within = {k: bool(first[k] and abs(last[k] - first[k]) <= 0.2 * first[k])
              for k in ("broker_rss_mb", "broker_cpu_ms_per_article")} if samples else {}
    # the rotation the run read: --rotate, else NEWSFLOW_PIPELINE__ROTATE_BROKER_ARTICLES or its default
    every = args.rotate if args.rotate is not None else get_settings().pipeline.rotate_broker_articles
    return {"command": " ".join(sys.argv), "articles": args.articles, "stored": total, "rate": args.rate,
            "feeds": args.feeds, "rotate": args.rotate, "first_tenth": first, "last_tenth": last,
            "within_20_percent": within, "per_cycle": per_cycle(samples, every or args.articles),
            "log": str(work / "run.log"), "samples": samples}


def main(argv: list[str] | None = None) -> int:
    """make soak."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--rate", type=float, default=10.0, help="articles released per second")
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rotate", type=int, default=None, help="NEWSFLOW_PIPELINE__ROTATE_BROKER_ARTICLES")
    parser.add_argument("--sample-seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=4 * 3600.0)
    parser.add_argument("--keep-database", action="store_true",
                        help="keep the run's scratch database (newsflow_soak_<pid>) for inspection")
    parser.add_argument("--out", type=Path, default=Path("bench/results/soak.json"))
    args = parser.parse_args(argv)
    result = soak(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("stored", "first_tenth", "last_tenth", "within_20_percent")}))
    return 0 if result["stored"] >= args.articles and all(result["within_20_percent"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
