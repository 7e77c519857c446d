"""What the quality gates and the benchmark share: the commit, the flat floors file and the results file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def commit(mark_dirty: bool = False) -> str | None:
    """`git rev-parse --short HEAD` ("+dirty" appended on request when the tree has changes), None outside git."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True,
                              timeout=10).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        return head + "+dirty" if head and mark_dirty and git("status", "--porcelain") else head or None
    except (OSError, subprocess.SubprocessError):
        return None


def read_floors(path: Path) -> dict[str, float]:
    """Every floor in the flat floors file ({} when there is none); each gate picks its own keys."""
    if not path.exists():
        return {}
    return {key: float(value) for key, value in json.loads(path.read_text(encoding="utf-8")).items()}


def write_results(path: Path, results: dict[str, Any]) -> None:
    """Write a results file (pretty JSON, trailing newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def gate_floors(path: Path, prefix: str, no_gate: bool) -> dict[str, float]:
    """The floors of one gate (keys ``<prefix><figure>``, prefix removed); none with ``no_gate``."""
    return {} if no_gate else {k.removeprefix(prefix): v for k, v in read_floors(path).items() if k.startswith(prefix)}


def past_floors(figures: dict[str, Any], floors: dict[str, float], upper: tuple[str, ...] = ()) -> list[str]:
    """Figures past their floor: under it, or over it for the figures in ``upper`` (limits, lower is better)."""
    return [k for k, floor in floors.items() if k in figures and
            (figures[k] > floor if k in upper else figures[k] < floor)]


def print_figures(figures: dict[str, Any], floors: dict[str, float], failed: list[str], upper: tuple[str, ...] = (),
                  width: int = 20) -> None:
    """One line per figure, with its floor (or limit) and whether it failed."""
    for name, value in figures.items():
        floor = floors.get(name)
        limit = "" if floor is None else f"  {'limit' if name in upper else 'floor'} {floor}"
        print(f"{name:<{width}} {value}{limit}{'  FAILED' if name in failed else ''}")
