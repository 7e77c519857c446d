import pytest

from services.bench.stats import latency_summary, percentile, summary


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([5.0], 99, 5.0),
    ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
    ([10.0, 20.0], 0, 10.0),
    ([10.0, 20.0], 100, 20.0),
    ([4.0, 1.0, 3.0, 2.0], 25, 1.75),
    (list(map(float, range(1, 101))), 99, 99.01),
], ids=["single", "even-median", "odd-median", "min", "max", "unsorted-quartile", "p99-of-100"])
def test_percentile(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "q"), [([], 50), ([1.0], -1), ([1.0], 101)], ids=["empty", "below", "above"])
def test_percentile_rejects_bad_input(values, q):
    with pytest.raises(ValueError):  # noqa: PT011
        percentile(values, q)


def test_summary_reports_min_median_max_and_runs():
    assert summary([3.0, 1.0, 2.0]) == {"min": 1.0, "median": 2.0, "max": 3.0, "runs": 3}


def test_summary_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="no values"):
        summary([])


def test_latency_summary_orders_its_percentiles():
    lat = latency_summary([float(v) for v in range(1, 1001)])
    assert lat["p50"] <= lat["p95"] <= lat["p99"] <= lat["max"]
    assert lat["samples"] == 1000
