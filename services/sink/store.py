"""Writing a batch through outages and bad rows: retry while the database is away, isolate rows it refuses.

Hazards: while the database is unreachable the batch is retried with
backoff forever (until stop) and the caller commits no offset, so an outage
only delays. A connection that fails under an operation (a backend terminated by
an operator or a failover, a pooler restarting) can leave the client's protocol
state broken ("cannot switch to state ...", asyncpg's ``InternalClientError``):
that connection is closed rather than returned to the pool, and the batch is
retried on a fresh one. A batch the database refuses for its content (a value no column
accepts) is written again record by record; each record refused on its own is
dead-lettered and the rest stored, so one bad record never stops the sink.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence

import asyncpg

from schemas.records import Event
from services.sink.writer import Batch, write_batch

log = logging.getLogger("newsflow.sink")

UNAVAILABLE = (OSError, TimeoutError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError,
               asyncpg.InternalClientError, asyncpg.OperatorInterventionError, asyncpg.InsufficientResourcesError,
               asyncpg.TooManyConnectionsError, asyncpg.InvalidAuthorizationSpecificationError)
REFUSED = (asyncpg.DataError, asyncpg.IntegrityConstraintViolationError, asyncpg.ProgramLimitExceededError)
MAX_DELAY_SECONDS = 5.0


async def write_with_retry(pool: asyncpg.Pool, batch: Batch, stop: asyncio.Event,
                           on_retry: Callable[[BaseException], None]) -> list[Event]:
    """Write the batch in one transaction, retrying with backoff while the database is unavailable."""
    delay = 0.25
    while True:
        try:
            async with pool.acquire(timeout=10) as conn:
                try:
                    return await write_batch(conn, batch)
                except UNAVAILABLE:
                    with contextlib.suppress(asyncpg.InterfaceError):  # released already if the server closed it
                        conn.terminate()  # its protocol state may be broken: never hand it back to the pool
                    raise
        except UNAVAILABLE as exc:
            if stop.is_set():
                raise
            on_retry(exc)
            log.warning("database unavailable, batch kept for retry in %.1fs: %s", delay, type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY_SECONDS)


async def write_isolating(pool: asyncpg.Pool, parts: Sequence[Batch], stop: asyncio.Event,
                          on_retry: Callable[[BaseException], None]
                          ) -> tuple[list[Event], list[tuple[int, BaseException]]]:
    """Write ``parts`` as one batch; if the database refuses it, one part at a time.

    Returns the events that advanced and (index, error) of each part refused on its own.
    """
    try:
        return await write_with_retry(pool, Batch.merged(parts), stop, on_retry), []
    except REFUSED as exc:
        log.warning("batch refused by the database (%s); writing its records one by one", type(exc).__name__)
    advanced: list[Event] = []
    refused: list[tuple[int, BaseException]] = []
    for index, part in enumerate(parts):
        try:
            advanced += await write_with_retry(pool, part, stop, on_retry)
        except REFUSED as exc:
            refused.append((index, exc))
    return advanced, refused
