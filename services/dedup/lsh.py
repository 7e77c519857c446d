"""LSH buckets: per band key, the articles whose band had that value, packed into one bytes value.

A stored entry is ``article_id`` (16 bytes, the uuid), the hour it was seen
(uint16, modulo 2**16: only ages up to the window are ever compared) and a
SKETCH_BYTES slice of the article's 1-bit MinHash digest, a different slice
per band (the fifth band's wraps round to the first's bytes): ENTRY_BYTES in
all. The sketch is only a prefilter, loose enough to
keep true copies (a miss needs 2 standard deviations on every shared band):
a probe returns the bucket's *candidates*, and the similarity is verified
against the full digest, stored once per article in its decision partition
(``signatures.py``).

Hazard: a bucket is capped at ``cap`` entries (the oldest are dropped) so a
band value shared by very many articles (a boilerplate sentence) cannot grow
without bound; a copy of a dropped article can then only be found through its
other bands. A value whose length is not a whole number of entries (another
format) is read as an empty bucket and logged once.
"""

from __future__ import annotations

import logging
import math
import struct
import uuid
from typing import NamedTuple

import numpy as np

from services.dedup.minhash import BANDS, DIGEST_BITS

log = logging.getLogger("newsflow.dedup")
HEAD = struct.Struct("<16sH")
SKETCH_BYTES = 8  # 64 bits; 4 let 8.6 template articles per article through the prefilter, 8 lets 1.3
ENTRY_BYTES = HEAD.size + SKETCH_BYTES
DIGEST_BYTES = DIGEST_BITS // 8
DEFAULT_CAP = 64
MAX_CANDIDATES = 3  # per band and article: see probe()
PREFILTER_SD = 1.0  # see min_agreement()
HOUR_MOD = 1 << 16
_warned: set[str] = set()
POPCOUNT = np.array([bin(i).count("1") for i in range(256)], np.int64)
ROW = np.dtype([("id", "V16"), ("hour", "<u2"), ("sketch", f"V{SKETCH_BYTES}")])  # HEAD + sketch, packed


class Entry(NamedTuple):
    """An article probing a bucket: its id, ``seen_at`` (epoch seconds) and full digest."""

    article_id: str
    seen_at: int
    digest: bytes


class Stored(NamedTuple):
    """One article in a bucket, as packed."""

    article_id: str
    hour: int
    sketch: bytes


def hour_of(seconds: float) -> int:
    """The stored hour of a time (modulo 2**16)."""
    return int(seconds // 3600) % HOUR_MOD


def age_hours(stored_hour: int, now: float) -> int:
    """Whole hours since a stored hour (modular arithmetic: exact for ages under 7 years)."""
    return (hour_of(now) - stored_hour) % HOUR_MOD


def sketch(digest: bytes, band: int) -> bytes:
    """The slice of the digest that band ``band``'s entries keep."""
    start = (band % BANDS) * SKETCH_BYTES % DIGEST_BYTES
    return digest[start:start + SKETCH_BYTES]


def min_agreement(threshold: float, bits: int = SKETCH_BYTES * 8) -> int:
    """Sketch bits that must agree for a candidate: PREFILTER_SD standard deviations below what Jaccard
    ``threshold`` gives.

    One deviation (48 of 64 bits at J = 0.6): a copy right at the threshold passes a band's check about
    5 times in 6 and is checked on every band it shares (3 of 5 expected at J = 0.6), and copies well above
    the threshold pass almost always. The width matters more than the deviations: a template article at
    J = 0.45 agrees on 72% of bits, which passes 23 of 32 about half the time but 48 of 64 only a third,
    and one at J = 0.3 passes 48 of 64 one time in twenty. Replaying 3,000 articles of the benchmark's
    template stream through ``probe`` (5 bands, MAX_CANDIDATES 3), 32-bit sketches gave 8.6 candidates per
    article, 48-bit 5.0, 64-bit 1.3, each finding the same 307 copies; on the pair set (seeds 1-4) recall
    and precision did not move. ``make eval-dedup`` gates recall and the state's bytes.
    """
    p = (1.0 + threshold) / 2.0
    return max(0, math.floor(bits * p - PREFILTER_SD * math.sqrt(bits * p * (1.0 - p))))


def agreement(a: bytes, b: bytes) -> int:
    """Bits on which two sketches agree."""
    return len(a) * 8 - int(np.unpackbits(np.frombuffer(a, np.uint8) ^ np.frombuffer(b, np.uint8)).sum())


def pack(entry: Stored) -> bytes:
    """An entry as ENTRY_BYTES bytes."""
    return HEAD.pack(uuid.UUID(entry.article_id).bytes, entry.hour) + entry.sketch


def unpack(bucket: bytes | None) -> list[Stored]:
    """Every entry of a packed bucket, in stored order; [] for another format (logged once)."""
    data = bucket or b""
    if len(data) % ENTRY_BYTES:
        if "bucket" not in _warned:
            _warned.add("bucket")
            log.warning("LSH bucket of %d bytes is not in the current format; read as empty", len(data))
        return []
    out = []
    for start in range(0, len(data), ENTRY_BYTES):
        raw_id, hour = HEAD.unpack_from(data, start)
        out.append(Stored(str(uuid.UUID(bytes=raw_id)), hour, data[start + HEAD.size:start + ENTRY_BYTES]))
    return out


def live(entries: list[Stored], now: float, window_seconds: float) -> list[Stored]:
    """The entries still inside the window (to the hour)."""
    return [e for e in entries if age_hours(e.hour, now) * 3600 <= window_seconds]


def probe(bucket: bytes | None, entry: Entry, now: float, window_seconds: float, threshold: float,
          cap: int = DEFAULT_CAP, band: int = 0, limit: int = MAX_CANDIDATES) -> tuple[list[str], bytes]:
    """The bucket's candidates for ``entry`` (other live articles passing the sketch prefilter; the ``limit``
    whose sketches agree most, ties in stored order), and the bucket with ``entry`` added (expired entries
    dropped, newest ``cap`` kept).

    Hazard (amplification): every candidate costs an inquiry and an answer on news.dedup-near. Stories
    written from one template (a wire service's formula, a generated corpus) fill a bucket with articles
    whose sketches pass the loose prefilter, so without ``limit`` one article could send hundreds of
    inquiries. A true copy agrees on most sketch bits and shares several bands, so it is among the
    best-agreeing few of at least one of them.

    Idempotent: probing again with the same entry (a redelivery) adds nothing
    and returns the same candidates, unless other articles arrived in between.
    Vectorised over the packed bytes (a bucket holds up to ``cap`` entries and
    is probed once per band of every article); only candidates become strings.
    """
    rows = _rows(bucket)
    own_id, own = uuid.UUID(entry.article_id).bytes, sketch(entry.digest, band)
    ages = (hour_of(now) - rows["hour"].astype(np.int64)) % HOUR_MOD
    keep = ages * 3600 <= window_seconds
    rows, ages = rows[keep], ages[keep]
    ids = rows["id"].tobytes()
    mine = (np.frombuffer(ids, "<u8").reshape(-1, 2) == np.frombuffer(own_id, "<u8")).all(axis=1)
    flips = np.frombuffer(rows["sketch"].tobytes(), np.uint8).reshape(-1, SKETCH_BYTES) ^ np.frombuffer(own, np.uint8)
    agree = SKETCH_BYTES * 8 - POPCOUNT[flips].sum(axis=1)
    hits = np.flatnonzero(~mine & (agree >= min_agreement(threshold)))
    hits = hits[np.argsort(-agree[hits], kind="stable")[:limit]]
    candidates = [str(uuid.UUID(bytes=ids[16 * i:16 * i + 16])) for i in hits]
    if not mine.any():
        added = np.frombuffer(HEAD.pack(own_id, hour_of(entry.seen_at)) + own, ROW)
        rows, ages = np.concatenate([rows, added]), np.append(ages, age_hours(hour_of(entry.seen_at), now))
    order = np.argsort(-ages, kind="stable")[-cap:]  # oldest first; stable: arrival order within an hour
    return candidates, rows[order].tobytes()


def _rows(bucket: bytes | None) -> np.ndarray:
    """The packed bucket as a structured array (empty for another format, logged once as ``unpack`` does)."""
    data = bucket or b""
    if len(data) % ENTRY_BYTES:
        unpack(data)
        data = b""
    return np.frombuffer(data, ROW)


def evict(bucket: bytes | None, now: float, window_seconds: float) -> bytes | None:
    """The bucket without expired entries; None when nothing is left (delete the key)."""
    entries = live(unpack(bucket), now, window_seconds)
    return b"".join(pack(e) for e in entries) or None
