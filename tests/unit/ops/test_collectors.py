"""Merging a child process's /metrics into this process's: one family per name, this process's sample kept."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import generate_latest
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.parser import text_string_to_metric_families

from services.ops.collectors import Merged

CHILD = """# HELP newsflow_stage_records_in_total Records a stream stage took
# TYPE newsflow_stage_records_in_total counter
newsflow_stage_records_in_total{stage="normalizer"} 8.0
# HELP newsflow_dead_letters_total Records sent to news.dlq
# TYPE newsflow_dead_letters_total counter
newsflow_dead_letters_total{kind="ValidationError",stage="normalizer"} 1.0
# HELP newsflow_ready 1 when a check passed
# TYPE newsflow_ready gauge
newsflow_ready{check="worker"} 1.0
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 1.0e+08
"""


class Own:
    """This process's families."""

    def collect(self) -> Iterator[Metric]:
        letters = CounterMetricFamily("newsflow_dead_letters", "Records sent to news.dlq", labels=["kind", "stage"])
        letters.add_metric(["DataError", "sink"], 2)
        yield letters
        ready = GaugeMetricFamily("newsflow_ready", "1 when a check passed", labels=["check"])
        ready.add_metric(["worker"], 0)
        yield ready
        yield GaugeMetricFamily("process_resident_memory_bytes", "Resident memory size in bytes.", value=5e7)


class Registry:
    """A registry of one collector, for generate_latest."""

    def __init__(self, collector: Merged) -> None:
        self.collector = collector

    def collect(self) -> Iterator[Metric]:
        return self.collector.collect()


def test_merged_families_keep_this_processs_samples() -> None:
    merged = Merged(Own())
    merged.child_text = CHILD
    text = generate_latest(Registry(merged)).decode()  # type: ignore[arg-type]
    assert text.count("# TYPE newsflow_dead_letters_total counter") == 1
    found = {(s.name, tuple(sorted(s.labels.items()))): s.value
             for family in text_string_to_metric_families(text) for s in family.samples}
    assert found == {
        ("newsflow_dead_letters_total", (("kind", "DataError"), ("stage", "sink"))): 2.0,
        ("newsflow_dead_letters_total", (("kind", "ValidationError"), ("stage", "normalizer"))): 1.0,
        ("newsflow_ready", (("check", "worker"),)): 0.0,  # this process's judgement of its child wins
        ("process_resident_memory_bytes", ()): 5e7,  # the child's own process family is left out
        ("newsflow_stage_records_in_total", (("stage", "normalizer"),)): 8.0,
    }
