"""Metrics read at scrape time from what other objects already count (the poller, the sink, the supervisor's
restarts, the embedded broker's memory, the stream worker's partitions), and a child process's own /metrics
merged into this process's (``newsflow run``'s stream worker)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import psutil
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric, SummaryMetricFamily
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import REGISTRY, Collector

from services.poller.metrics import PollerMetrics
from services.sink.service import SinkMetrics

OWN_FAMILIES = ("process_", "python_")  # every process exports these; a child's would clash with the parent's


class PollerCollector:
    """The poller's running totals (services/poller/metrics.py) as newsflow_poller_* families."""

    def __init__(self, metrics: PollerMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        """One family per counter; errors by kind."""
        m = self.metrics
        yield CounterMetricFamily("newsflow_poller_polls", "Feed polls made (fetch, parse, publish)", m.feeds_polled)
        responses = CounterMetricFamily("newsflow_poller_responses", "Feed polls answered, by HTTP status",
                                        labels=["status"])
        responses.add_metric(["200"], m.feeds_ok)
        responses.add_metric(["304"], m.feeds_not_modified)
        yield responses
        errors = CounterMetricFamily("newsflow_poller_errors", "Failed feed polls, by kind", labels=["kind"])
        for kind, n in sorted(m.feed_errors.items()):
            errors.add_metric([kind], n)
        yield errors
        pages = CounterMetricFamily("newsflow_poller_page_errors", "Failed article-page fetches, by kind",
                                    labels=["kind"])
        for kind, n in sorted(m.page_errors.items()):
            pages.add_metric([kind], n)
        yield pages
        yield CounterMetricFamily("newsflow_poller_bytes", "Feed bytes fetched", m.bytes_fetched)
        yield CounterMetricFamily("newsflow_poller_pages", "Article pages fetched", m.pages_fetched)
        items = CounterMetricFamily("newsflow_poller_items", "Feed items, by what became of them",
                                    labels=["outcome"])
        for outcome in ("published", "lost", "trimmed", "rejected", "duplicate"):
            items.add_metric([outcome], getattr(m, f"items_{outcome}"))
        yield items
        yield CounterMetricFamily("newsflow_poller_feeds_disabled", "Feeds disabled after errors in a row",
                                  m.feeds_disabled)
        yield SummaryMetricFamily("newsflow_poller_poll_seconds", "Time one feed poll took",
                                  count_value=m.feeds_polled, sum_value=m.poll_seconds_total)


class SinkCollector:
    """The sink's running totals (services/sink/service.py) as newsflow_sink_* families."""

    def __init__(self, metrics: SinkMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        """Records taken, rows stored by kind, event versions published, database retries."""
        m = self.metrics
        yield CounterMetricFamily("newsflow_sink_records_in", "Records the sink took from its input topics",
                                  m.records)
        stored = CounterMetricFamily("newsflow_sink_records_out", "Records the sink stored, by kind",
                                     labels=["kind"])
        for kind in ("raw_articles", "articles", "duplicates", "dead_letters"):
            stored.add_metric([kind], getattr(m, kind))
        yield stored
        yield CounterMetricFamily("newsflow_sink_events_published", "Event versions published on news.events",
                                  m.events_published)
        yield CounterMetricFamily("newsflow_sink_batches", "Batches stored and committed", m.batches)
        yield CounterMetricFamily("newsflow_sink_skipped", "Unreadable records skipped", m.skipped)
        yield CounterMetricFamily("newsflow_sink_db_retries", "Batches retried while the database was away",
                                  m.db_retries)
        yield GaugeMetricFamily("newsflow_sink_last_commit_timestamp_seconds",
                                "Unix time of the sink's latest offset commit (0: none yet)", value=m.last_commit)


class RestartsCollector:
    """Restarts made by the supervisor (services/cli/supervise.py), per part."""

    def __init__(self, restarts: Counter[str], parts: Iterable[str]) -> None:
        self.restarts, self.parts = restarts, tuple(parts)

    def collect(self) -> Iterator[Metric]:
        """newsflow_restarts_total{part}; every supervised part listed, restarted or not."""
        family = CounterMetricFamily("newsflow_restarts", "Parts of `newsflow run` the supervisor started again",
                                     labels=["part"])
        for part in sorted(set(self.parts) | set(self.restarts)):
            family.add_metric([part], self.restarts[part])
        yield family


class BrokerMemoryCollector:
    """Resident memory of the embedded broker process (Tansu keeps every topic in memory)."""

    def __init__(self, pid: Callable[[], int | None]) -> None:
        self.pid = pid

    def collect(self) -> Iterator[Metric]:
        """newsflow_embedded_broker_resident_memory_bytes, when an embedded broker runs."""
        rss = broker_rss(self.pid())
        if rss is not None:
            yield GaugeMetricFamily("newsflow_embedded_broker_resident_memory_bytes",
                                    "Resident memory of the embedded broker process", value=rss)


def broker_rss(pid: int | None) -> int | None:
    """The resident memory of process ``pid`` in bytes, or None when it is not running."""
    if pid is None:
        return None
    try:
        return int(psutil.Process(pid).memory_info().rss)
    except psutil.Error:
        return None


class Merged:
    """This process's families with a child process's (its /metrics text, fetched by the caller before each
    scrape): families of one name become one, and where both have a sample of one series this process's is kept."""

    def __init__(self, own: Collector) -> None:
        self.own = own
        self.child_text = ""

    def collect(self) -> Iterator[Metric]:
        """Every family once; the child's per-process families (process_*, python_*) left out."""
        families = {family.name: family for family in self.own.collect()}
        for family in text_string_to_metric_families(self.child_text):
            if family.name.startswith(OWN_FAMILIES):
                continue
            mine = families.setdefault(family.name, family)
            if mine is not family:
                seen = {(s.name, tuple(sorted(s.labels.items()))) for s in mine.samples}
                mine.samples += [s for s in family.samples if (s.name, tuple(sorted(s.labels.items()))) not in seen]
        yield from families.values()


class WorkerCollector:
    """Partitions assigned to this stream worker (set on every rebalance)."""

    def __init__(self) -> None:
        self.partitions: int | None = None

    def collect(self) -> Iterator[Metric]:
        """newsflow_worker_assigned_partitions, once the worker has joined its group."""
        if self.partitions is not None:
            yield GaugeMetricFamily("newsflow_worker_assigned_partitions",
                                    "Partitions assigned to the stream worker at its latest rebalance",
                                    value=self.partitions)


def register(*collectors: object) -> None:
    """Add collectors to the default registry (no description: their families vary with what they saw)."""
    for collector in collectors:
        REGISTRY.register(collector)  # type: ignore[arg-type]


def unregister(*collectors: object) -> None:
    """Remove collectors registered by ``register``."""
    for collector in collectors:
        REGISTRY.unregister(collector)  # type: ignore[arg-type]
