from services.bench.report import markdown, mmm, targets


def summ(median):
    return {"min": median, "median": median, "max": median, "runs": 1}


RESULTS = {
    "inprocess": {"articles_per_s": summ(100.0), "stage_us_per_article": {"extract": summ(9000)}, "articles": 10,
                  "unique": 9, "profile": {"stage": "extract", "top": []}},
    "e2e": {"1w": {"articles_per_s": summ(80.0)},
            "2w": {"articles_per_s": summ(160.0), "latency_ms": {"steady_20": {"p50": 900.0, "p99": 3000.0}},
                   "latency_fresh_ms": {"steady_20": {"p50": 120.0, "p99": 1500.0}}}},
    "poller": {"not_measured": "RuntimeError: site did not start"},
}


def by_name(rows):
    return {r["target"]: r for r in rows}


def test_targets_pass_fail_and_ratios():
    rows = by_name(targets(RESULTS))
    assert rows["end-to-end with 2 workers"]["pass"] is True
    assert rows["2 workers vs in-process limit"]["measured"] == 1.6
    assert rows["2 workers vs 1 worker"]["pass"] is True
    assert rows["latency p99 at 20/s (fresh broker)"]["pass"] is False
    assert rows["latency p50 at 20/s (fresh broker)"]["pass"] is True
    assert rows["latency p50 at 20/s (fresh broker)"]["measured"] == 120.0


def test_missing_measures_are_not_judged():
    rows = by_name(targets(RESULTS))
    assert rows["poller round, 1,000 feeds"]["pass"] is None
    assert rows["state per article"]["measured"] is None


def test_markdown_says_why_a_measure_is_missing():
    doc = {"results": RESULTS, "machine": {"cpu": "x", "cores": 2, "ram_gib": 4, "python": "3.11"}, "note": "n",
           "commit": "abc", "measured_at": "now", "command": "newsflow-bench", "targets": targets(RESULTS)}
    text = markdown(doc)
    assert "Not measured: RuntimeError: site did not start" in text
    assert "| end-to-end with 2 workers | ≥ 150 articles/s | 160.0 | pass |" in text


def test_mmm_formats_a_summary_or_says_not_measured():
    assert mmm(summ(2.0), "s") == "2.0 / **2.0** / 2.0 s (1 runs)"
    assert mmm({"not_measured": "why"}) == "not measured"


def _e2e_report(one_worker: dict[str, object]) -> str:
    """BENCHMARKS.md for results whose end-to-end part is ``one_worker`` as the 1-worker scenario."""
    results = {**RESULTS, "e2e": {"1w": one_worker}}
    return markdown({"results": results, "machine": {"cpu": "x", "cores": 2, "ram_gib": 4, "python": "3.11"},
                     "note": "n", "commit": "abc", "measured_at": "now", "command": "newsflow-bench",
                     "targets": targets(results)})


def test_records_per_article_are_totalled_and_the_busiest_topics_listed():
    from services.bench.e2e import per_article

    rec = per_article({"news.raw": 100, "news.dedup-near": 1500, "app-dedup-pending-changelog": 1500,
                       "news.articles": 90}, 100)
    assert rec["total_topics"] == 16.9 and rec["total_changelog"] == 15.0
    assert ("records per article: 16.9 on pipeline topics and 15.0 table changelog writes; most: "
            "news.dedup-near 15.0, app-dedup-pending-changelog 15.0, news.raw 1.0, news.articles 0.9"
            ) in _e2e_report({"articles_per_s": summ(80.0), "records_per_article": rec})


def test_cpu_per_article_is_split_by_process_group_and_reported() -> None:
    from services.bench.e2e import cpu_per_article

    cpu = cpu_per_article({"workers": 30.0, "broker": 10.0, "sink": 4.0}, 500, 40.0)
    assert cpu == {"workers": 60.0, "broker": 20.0, "sink": 8.0, "total": 88.0, "cores_busy": 1.1}
    assert ("CPU ms per article: workers 60.0, broker 20.0, sink 8.0; total 88.0 ms (1.1 cores busy during the "
            "batches)") in _e2e_report({"articles_per_s": summ(10.0), "cpu_ms_per_article": cpu})


def test_the_cpu_meter_counts_this_process_and_finds_processes_by_name() -> None:
    import os

    from services.bench.cpu import CpuMeter, named, with_descendants

    meter = CpuMeter({"me": lambda: [os.getpid()], "none": lambda: []})
    meter.start()
    sum(i * i for i in range(2_000_000))
    used = meter.stop()
    assert used["me"] > 0 and used["none"] == 0
    with open(f"/proc/{os.getpid()}/comm") as comm:
        assert os.getpid() in named(comm.read().strip())
    assert with_descendants([os.getpid()])[0] <= os.getpid()


def test_hop_times_follow_each_article_from_news_raw_through_mentions_and_event_versions() -> None:
    from services.bench.hops import hop_times

    records = [
        ("news.raw", 1000, {"article_id": "a1"}), ("news.raw", 1100, {"article_id": "a2"}),
        ("news.normalized", 1030, {"article_id": "a1"}), ("news.normalized", 1150, {"article_id": "a2"}),
        ("news.normalized", 1300, {"article_id": "a1"}),  # a redelivery: the first record counts
        ("news.mentions", 1200, {"article_id": "a1", "mention_id": "m1"}),
        ("news.events", 1400, {"new_mention_ids": ["m1"], "mentions": [{"mention_id": "m1", "article_id": "a1"},
                                                                       {"mention_id": "m0", "article_id": "a0"}]}),
        ("news.raw", 500, {"article_id": "old"}), ("news.normalized", 900, {"article_id": "old"}),  # before the load
    ]
    hops = hop_times(records, since_ms=1000)
    assert hops["news.normalized"]["samples"] == 2 and hops["news.normalized"]["max"] == 50.0
    assert hops["news.mentions"]["p50"] == 200.0 and hops["news.events"]["p50"] == 400.0
    assert "news.articles" not in hops


def test_latency_is_reported_on_a_fresh_broker_and_after_the_batches() -> None:
    text = _e2e_report({"articles_per_s": summ(20.0),
                        "latency_fresh_ms": {"steady_20": {"rate_per_s": 20.0, "samples": 5, "p50": 1.0}},
                        "latency_ms": {"not_measured": "RuntimeError: no events"}})
    assert "latency steady_20 on a fresh broker (20.0/s, 5 articles): p50 1.0 ms" in text
    assert "latency after the timed batches, same broker: not measured: RuntimeError: no events" in text
