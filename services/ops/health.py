"""Readiness: named checks run together, each with a deadline; ready when every one passes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from services.ops.metrics import READY

Probe = Callable[[], Awaitable[tuple[bool, str]]]
PROBE_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class Check:
    """One check's outcome."""

    name: str
    ok: bool
    detail: str


async def run_probe(name: str, probe: Probe, timeout: float = PROBE_TIMEOUT_SECONDS) -> Check:
    """The probe's answer; a probe that fails or overruns its deadline is a failed check saying so."""
    try:
        ok, detail = await asyncio.wait_for(probe(), timeout)
    except TimeoutError:
        return Check(name, False, f"no answer within {timeout:g} s")
    except Exception as exc:
        return Check(name, False, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    return Check(name, ok, detail)


async def evaluate(probes: Mapping[str, Probe]) -> list[Check]:
    """Every check, run at once; ``newsflow_ready{check}`` set from each."""
    checks = list(await asyncio.gather(*(run_probe(name, probe) for name, probe in probes.items())))
    for check in checks:
        READY.labels(check=check.name).set(1 if check.ok else 0)
    return checks


def report(checks: list[Check]) -> dict[str, object]:
    """The /readyz body: ready, and each check with its detail."""
    return {"ready": all(c.ok for c in checks),
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks}}
