"""Every metric family newsflow exports is documented in docs/operations.md; the sample dashboard asks for no other."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SOURCES = ("metrics.py", "collectors.py", "lag.py")


def exported() -> set[str]:
    """Family names written in the ops modules (counters get _total on the wire)."""
    names = set()
    for source in SOURCES:
        text = (REPO / "services" / "ops" / source).read_text()
        for kind, name in re.findall(r'(Counter|CounterMetricFamily|\w+)\(\s*"(newsflow_\w+)"', text):
            names.add(name + "_total" if kind in {"Counter", "CounterMetricFamily"} else name)
    return names


def test_every_family_is_documented() -> None:
    documented = set(re.findall(r"`(newsflow_\w+)`", (REPO / "docs" / "operations.md").read_text()))
    names = exported()
    assert len(names) == 29
    assert names - documented == set()


def test_the_sample_dashboard_asks_for_exported_families_only() -> None:
    dashboard = json.loads((REPO / "docs" / "grafana-dashboard.json").read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {re.sub(r"_(bucket|sum|count)$", "", name) for expr in exprs for name in re.findall(r"newsflow_\w+", expr)}
    assert used and used - exported() == set()
