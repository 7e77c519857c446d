"""The Prometheus metrics newsflow updates as things happen (names prefixed ``newsflow_``; docs/operations.md
lists every family).

They are module constants on prometheus_client's default registry. What another object already counts (the
poller's and the sink's running totals, the restarts the supervisor counts, the embedded broker's memory, lag
samples, partitions assigned) is read at scrape time by a collector (``collectors.py``).

Hazard: ``newsflow run`` merges its stream worker's families into its own (``collectors.Merged``) and keeps its
own sample where both processes have one; a labelled metric no code touched has no sample, an unlabelled histogram
has zeros, so each family's real samples come from the process that updates it.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics

disable_created_metrics()  # no *_created series: they double every family and clash when a child's are merged

STAGE_RECORDS_IN = Counter("newsflow_stage_records_in", "Records a stream stage took from its input topics",
                           ["stage"])
STAGE_RECORDS_OUT = Counter("newsflow_stage_records_out", "Records a stream stage sent, by output topic",
                            ["stage", "topic"])
STAGE_ERRORS = Counter("newsflow_stage_errors", "Failed processing attempts of a stream stage, by exception type",
                       ["stage", "kind"])
DEAD_LETTERS = Counter("newsflow_dead_letters",
                       "Records sent to news.dlq, by the stage that gave up and the error type", ["stage", "kind"])
STAGE_SECONDS = Histogram("newsflow_stage_processing_seconds",
                          "Time a stream stage spent on one record, retries included", ["stage"],
                          buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
SINK_BATCH_RECORDS = Histogram("newsflow_sink_batch_records", "Records in one sink batch",
                               buckets=(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500))
SINK_COMMIT_SECONDS = Histogram("newsflow_sink_commit_seconds",
                                "Time from a polled batch to its committed offsets (store, publish, commit)",
                                buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
CONSUMER_LAG = Gauge("newsflow_consumer_lag", "Records not yet committed by a consumer group, per partition",
                     ["group", "topic", "partition"])
READY = Gauge("newsflow_ready", "1 when a readiness check passed at its latest evaluation, else 0", ["check"])
