"""`newsflow status`: figures read from a /metrics text, and the table."""

from __future__ import annotations

from services.cli.status import live_from, render

METRICS = """# TYPE newsflow_consumer_lag gauge
newsflow_consumer_lag{group="newsflow-pipeline",partition="0",topic="news.raw"} 3.0
newsflow_consumer_lag{group="newsflow-pipeline",partition="1",topic="news.raw"} 2.0
newsflow_consumer_lag{group="newsflow-pipeline",partition="0",topic="news.dedup-near"} 4.0
newsflow_consumer_lag{group="newsflow-pipeline",partition="0",topic="news.mentions"} 0.0
newsflow_consumer_lag{group="newsflow-sink",partition="0",topic="news.raw"} 1.0
newsflow_consumer_lag{group="newsflow-extractor",partition="0",topic="news.articles"} 6.0
# TYPE newsflow_embedded_broker_resident_memory_bytes gauge
newsflow_embedded_broker_resident_memory_bytes 2.097152e+07
# TYPE newsflow_restarts_total counter
newsflow_restarts_total{part="sink"} 0.0
newsflow_restarts_total{part="stream worker"} 2.0
"""


def test_lag_is_summed_per_stage() -> None:
    assert live_from(METRICS) == {"lag": {"normalizer": 5, "dedup": 4, "clusterer": 0, "sink": 1, "extractor": 6},
                                  "embedded_broker_rss_bytes": 20971520,
                                  "restarts": {"sink": 0, "stream worker": 2}}


def test_the_table() -> None:
    report = {"feeds": {"ok": 5, "failing": 2, "disabled": 1}, "dead_letters": {"normalizer": 3},
              "last_event": {"event_id": "5797fa30-001d-5802-a3da-dc89f5423572", "plover_type": "RETREAT",
                             "num_mentions": 3, "updated_at": "2026-12-07T18:59:31.888681+00:00"},
              "ops_url": "http://127.0.0.1:9180", "answering": True, "ready": False,
              "checks": {"database": {"ok": True, "detail": "answered"},
                         "worker": {"ok": False, "detail": "not in its consumer group yet"}},
              **live_from(METRICS)}
    assert render(report).splitlines() == [
        "service        http://127.0.0.1:9180: NOT READY: worker: not in its consumer group yet",
        "feeds          5 ok, 2 failing, 1 disabled",
        "dead letters   normalizer 3",
        "last event     2026-12-07 18:59:31 UTC RETREAT 5797fa30 (3 mentions)",
        "broker memory  20.0 MiB",
        "restarts       sink 0, stream worker 2",
        "",
        "stage         lag",
        "----------  -----",
        "normalizer      5",
        "dedup           4",
        "extractor       6",
        "clusterer       0",
        "sink            1",
    ]


def test_without_a_running_service() -> None:
    report = {"feeds": {"ok": 0, "failing": 0, "disabled": 0}, "dead_letters": {}, "last_event": None,
              "ops_url": "http://127.0.0.1:9180", "answering": False, "lag": None, "embedded_broker_rss_bytes": None,
              "restarts": {}, "ready": None, "checks": {}}
    lines = render(report).splitlines()
    assert lines[0] == ("service        http://127.0.0.1:9180: no newsflow process answers (set "
                        "NEWSFLOW_OPS_HOST/NEWSFLOW_OPS_PORT)")
    assert "last event     none stored" in lines and "broker memory  unknown" in lines
    assert lines[-1] == "lag: unknown"
