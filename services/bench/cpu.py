"""CPU seconds per process group, read from Linux's /proc, so the end-to-end figures say where the cores went.

The groups of a running pipeline are its stream workers, the sink, the broker, Postgres (every process named
``postgres``, so other databases' work on the machine counts too: run the bench on a quiet machine) and the
harness itself (publisher and event watcher). Elsewhere than Linux every figure is 0.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 when it is gone)."""
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _parents() -> dict[int, int]:
    out = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            out[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return out


def with_descendants(pids: list[int]) -> list[int]:
    """The processes and every process below them."""
    parents, found, todo = _parents(), set(pids), list(pids)
    while todo:
        pid = todo.pop()
        kids = [child for child, parent in parents.items() if parent == pid and child not in found]
        found.update(kids)
        todo += kids
    return sorted(found)


def named(name: str) -> list[int]:
    """Processes whose command name is ``name``."""
    out = []
    for comm in PROC.glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == name:
                out.append(int(comm.parent.name))
        except (OSError, ValueError):
            continue
    return out


class CpuMeter:
    """CPU seconds each group used between ``start`` and ``stop`` (groups listed anew at each end)."""

    def __init__(self, groups: dict[str, Callable[[], list[int]]]) -> None:
        self.groups = groups
        self.begin: dict[int, float] = {}

    def _now(self) -> dict[str, dict[int, float]]:
        return {name: {pid: cpu_seconds(pid) for pid in pids()} for name, pids in self.groups.items()}

    def start(self) -> None:
        """Note every group's processes' CPU seconds so far."""
        self.begin = {pid: s for per_pid in self._now().values() for pid, s in per_pid.items()}

    def stop(self) -> dict[str, float]:
        """CPU seconds per group since ``start`` (a process that started since counts from 0)."""
        return {name: sum(s - self.begin.get(pid, 0.0) for pid, s in per_pid.items())
                for name, per_pid in self._now().items()}
