"""`newsflow-eval-extraction` on a tiny fictional benchmark: exit codes, floor, results file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from services.eval import extraction_cli

BODY = ("Harbour officials in Kestrel Bay said on Monday that the north pier will reopen next week after "
        "repairs to storm damage. Ferry crews will resume the full timetable on the same day, the port "
        "authority said in a statement. Repairs cost about 2 million dollars, officials said.")
PAGE = f"""<html><head><title>North pier to reopen | Kestrel Bay Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>North pier to reopen</h1>
<p>{BODY}</p></article><footer>Copyright Kestrel Bay Courier</footer></body></html>"""


def make_benchmark(root: Path) -> Path:
    """A one-page benchmark in the real layout, with a reference tool that extracted the body exactly."""
    (root / "html").mkdir(parents=True)
    (root / "reference_outputs").mkdir()
    (root / "ground-truth.json").write_text(json.dumps(
        {"p1": {"articleBody": BODY, "url": "https://courier.example/news/north-pier"}}))
    (root / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    reference = {"output": {"p1": {"articleBody": BODY}}, "version": "1.0"}
    (root / "reference_outputs" / "perfect.json.gz").write_bytes(gzip.compress(json.dumps(reference).encode()))
    return root


@pytest.fixture
def benchmark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(extraction_cli, "PUBLISHED", {"perfect.json.gz": ("perfect tool", 1.0)})
    return make_benchmark(tmp_path / "bench")


def run(tmp_path: Path, benchmark: Path, floor: float) -> tuple[int, dict[str, object]]:
    floors, out = tmp_path / "floors.json", tmp_path / "out.json"
    floors.write_text(json.dumps({"extraction_f1": floor, "neardup_recall": 0.95}))
    code = extraction_cli.main(["--benchmark", str(benchmark), "--floors", str(floors), "--out", str(out)])
    return code, json.loads(out.read_text())


def test_missing_benchmark_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert extraction_cli.main(["--benchmark", str(tmp_path / "absent"), "--out", str(tmp_path / "o.json")]) == 2
    assert "benchmark not found" in capsys.readouterr().err


def test_results_file_and_pass(tmp_path: Path, benchmark: Path) -> None:
    code, results = run(tmp_path, benchmark, 0.5)
    assert code == 0
    assert results["passed"] is True and results["scorer_reproduces_published"] is True
    assert set(results) >= {"command", "commit", "date", "references", "newsflow", "floor"}
    newsflow = results["newsflow"]
    assert isinstance(newsflow, dict) and newsflow["f1"] > 0.9


def test_below_floor_exits_1(tmp_path: Path, benchmark: Path) -> None:
    code, results = run(tmp_path, benchmark, 1.01)
    assert code == 1
    assert results["passed"] is False


def test_scorer_mismatch_exits_1(tmp_path: Path, benchmark: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction_cli, "PUBLISHED", {"perfect.json.gz": ("perfect tool", 0.9)})
    code, results = run(tmp_path, benchmark, 0.5)
    assert code == 1
    assert results["scorer_reproduces_published"] is False
