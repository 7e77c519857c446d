"""Politeness: at most a few requests at once to one host."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit


class HostLimiter:
    """At most per_host concurrent requests per host; idle hosts are forgotten, so memory stays bounded."""

    def __init__(self, per_host: int = 2) -> None:
        self._per_host = per_host
        self._slots: dict[str, tuple[asyncio.Semaphore, int]] = {}

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold one of the host's slots for the duration of a request.

        Never nest two slots of the same limiter: two tasks each holding one
        slot and waiting for another would deadlock.
        """
        host = (urlsplit(url).hostname or "").lower()
        semaphore, users = self._slots.get(host) or (asyncio.Semaphore(self._per_host), 0)
        self._slots[host] = (semaphore, users + 1)
        try:
            async with semaphore:
                yield
        finally:
            semaphore, users = self._slots[host]
            if users == 1:
                del self._slots[host]
            else:
                self._slots[host] = (semaphore, users - 1)

    def busy_hosts(self) -> int:
        """How many hosts have a request running or waiting."""
        return len(self._slots)
