"""Eviction from inside stream iteration, one partition at a time.

Hazard: Faust writes a table change to the changelog partition of the event
being processed, and refuses changes outside an event (a timer). So expired
keys are deleted while an event of partition ``p`` is processed, and only the
keys owned by ``p``: the band and decision tables' keys are the topic keys,
hashed as the Kafka default partitioner (murmur2) does; the exact tables'
keys are digests, so their values carry the owning partition. A partition
that receives no events is not swept, but its state does not grow either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from aiokafka.partitioner import murmur2

SWEEP_INTERVAL_SECONDS = 3600.0


def partition_of(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner picks for ``key``."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


class SweepClock:
    """Says when a partition is due for a sweep (at most once per interval)."""

    def __init__(self, interval: float = SWEEP_INTERVAL_SECONDS) -> None:
        self.interval = interval
        self.last: dict[int, float] = {}

    def due(self, partition: int, now: float) -> bool:
        """True (and the clock restarts) when ``partition`` was last swept an interval ago or never."""
        if now - self.last.setdefault(partition, now) < self.interval:
            return False
        self.last[partition] = now
        return True


def by_topic_key(partitions: int) -> Callable[[bytes, Any], int]:
    """The owner of a table entry whose key is the input topic's key."""
    return lambda key, _value: partition_of(key, partitions)


def sweep_partition(table: Any, partition: int, owner: Callable[[Any, Any], int],
                    keep: Callable[[Any], Any]) -> int:
    """Rewrite or delete the entries that ``owner(key, value)`` puts in ``partition``: ``keep(value)`` or None."""
    changed = 0
    items: Iterable[tuple[Any, Any]] = list(table.items())
    for key, value in items:
        if owner(key, value) != partition:
            continue
        kept = keep(value)
        if kept is None:
            del table[key]
        elif kept != value:
            table[key] = kept
        else:
            continue
        changed += 1
    return changed
