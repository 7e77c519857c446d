"""Readiness checks: a probe that fails or overruns its deadline is a failed check that says so."""

from __future__ import annotations

import asyncio

from services.ops.health import Check, evaluate, report, run_probe


async def test_a_probe_that_raises_is_a_failed_check() -> None:
    async def refused() -> tuple[bool, str]:
        raise ConnectionRefusedError("connection refused")

    assert await run_probe("database", refused) == Check("database", False, "ConnectionRefusedError: "
                                                                            "connection refused")


async def test_a_probe_past_its_deadline_is_a_failed_check() -> None:
    async def hangs() -> tuple[bool, str]:
        await asyncio.sleep(10)
        return True, "never"

    assert await run_probe("broker", hangs, timeout=0.05) == Check("broker", False, "no answer within 0.05 s")


async def test_ready_only_when_every_check_passes() -> None:
    async def ok() -> tuple[bool, str]:
        return True, "answered"

    async def joining() -> tuple[bool, str]:
        return False, "not in its consumer group yet"

    assert report(await evaluate({"database": ok, "worker": joining})) == {
        "ready": False, "checks": {"database": {"ok": True, "detail": "answered"},
                                   "worker": {"ok": False, "detail": "not in its consumer group yet"}}}
    assert report(await evaluate({"database": ok}))["ready"] is True
