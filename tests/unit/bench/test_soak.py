"""The soak harness: its own scratch database, and its figures per rotation cycle."""

from services.bench.soak import database_name, per_cycle


def test_each_soak_run_has_a_database_of_its_own() -> None:
    # two soaks sharing one database reset and counted each other's articles (seen at stop 27)
    assert database_name(101) == "newsflow_soak_101"
    assert database_name(101) != database_name(102)


def sample(stored: float, broker_cpu: float, worker_cpu: float, rss: float) -> dict[str, float]:
    return {"t": 0.0, "stored": stored, "broker_cpu_s": broker_cpu, "worker_cpu_s": worker_cpu, "broker_rss_mb": rss,
            "worker_rss_mb": 400.0}


def test_per_cycle_splits_the_run_at_each_multiple_of_the_rotation() -> None:
    samples = [sample(40, 2.0, 5.0, 30.0), sample(100, 5.0, 10.0, 80.0), sample(150, 6.0, 14.0, 20.0),
               sample(210, 8.5, 19.0, 60.0), sample(250, 9.5, 22.0, 70.0)]
    cycles = per_cycle(samples, 100)
    assert [c["articles"] for c in cycles] == [100, 110, 40]
    assert [c["broker_cpu_ms_per_article"] for c in cycles] == [50.0, 31.8, 25.0]
    assert [c["worker_cpu_ms_per_article"] for c in cycles] == [100.0, 81.8, 75.0]
    assert [c["broker_rss_mb_peak"] for c in cycles] == [80.0, 60.0, 70.0]  # a cycle's own samples only


def test_per_cycle_of_nothing_is_empty() -> None:
    assert per_cycle([], 100) == []
    assert per_cycle([sample(10, 1.0, 1.0, 1.0)], 0) == []
