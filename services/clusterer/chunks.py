"""Which of a large open event's mentions are frozen in chunk keys, and the table writes that keep them so.

An open event's table value lists the mentions it keeps (``state.py``). Rewritten on every report, a value
listing hundreds of them would make each report cost as much as its event is large (a story of 500 reports:
90 KB encoded and compressed per report). So once more than ``CHUNK`` of its mentions are not frozen, the
oldest ``CHUNK`` are written once under a key of their own (``<event key>/<n>``) and the event's value keeps
only the rest: a report rewrites at most ``CHUNK`` mentions' summaries and, once in ``CHUNK`` reports, writes
one chunk. When the event keeps more than its limit, its oldest chunk is deleted. Loading puts a chunk's
mentions back in front of its event's (``attach``).
"""

from __future__ import annotations

from services.clusterer.kept import Kept, pack_id
from services.clusterer.state import Chunks, OpenEvent, dump_chunk, load_chunk

CHUNK = 32  # mentions per chunk key


def table_key(event_id: str) -> bytes:
    """The clustering table's key of an open event."""
    return pack_id(event_id).encode()


def chunk_key(event_id: str, number: int) -> bytes:
    """The key of an open event's chunk ``number``."""
    return table_key(event_id) + b"/" + str(number).encode()


def split_key(key: bytes) -> tuple[bytes, int | None]:
    """An event's key and chunk number from a table key (None for the event's own value)."""
    event_key, _, number = key.partition(b"/")
    return event_key, int(number) if number else None


def keys(event_id: str, chunks: Chunks) -> list[bytes]:
    """Every table key of an open event: its value and its chunks."""
    return [table_key(event_id), *(chunk_key(event_id, n) for n in chunks.numbers)]


Writes = dict[bytes, bytes | None]  # table key -> value; None deletes the key


def freeze(event_id: str, kept: list[Kept], chunks: Chunks, limit: int) -> tuple[list[Kept], Chunks, Writes]:
    """The mentions an event keeps (at most about ``limit``), its chunks and the chunk writes (None deletes):
    oldest chunks dropped past the limit, then the not yet frozen mentions frozen ``CHUNK`` at a time."""
    numbers, sizes, frozen = list(chunks.numbers), list(chunks.sizes), chunks.frozen
    writes: Writes = {}
    while len(kept) > limit and numbers:
        writes[chunk_key(event_id, numbers.pop(0))] = None
        sizes.pop(0)
        kept, frozen = kept[CHUNK:], frozen - CHUNK
    kept = kept[-limit:] if len(kept) > limit else kept  # nothing frozen left to drop
    while len(kept) - frozen > CHUNK:
        number = numbers[-1] + 1 if numbers else 0
        key, value = chunk_key(event_id, number), dump_chunk(kept[frozen:frozen + CHUNK])
        writes[key] = value
        numbers.append(number)
        sizes.append(len(key) + len(value))
        frozen += CHUNK
    return kept, Chunks(tuple(numbers), tuple(sizes), frozen), writes


def attach(event: OpenEvent, chunks: dict[int, bytes]) -> None:
    """Put the mentions of the event's chunks (values by chunk number, as loaded) in front of its own; a chunk
    that is not there is left out (its mentions are no longer kept)."""
    found = [n for n in event.chunks.numbers if n in chunks]
    older = [k for n in found for k in load_chunk(chunks[n])]
    event.mentions = [*older, *event.mentions]
    event.chunks = Chunks(tuple(found), tuple(len(chunk_key(event.event_id, n)) + len(chunks[n]) for n in found),
                          len(older))
