"""MinHash over word shingles: a signature for LSH banding and a compact 1-bit digest for verification.

Hazard: the seed, the shingle size and the number of permutations define what
is stored in the dedup tables. Changing any of them makes every stored band
key and digest meaningless; deploy such a change with an empty window (new
table names) or accept a window's worth of missed near-duplicates.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 3
SALIENT_WEIGHT = 10  # names and figures count this many times: same-template stories about other happenings differ
BANDS = 5
ROWS = 1
DIGEST_BITS = 256
NUM_PERM = DIGEST_BITS  # the first BANDS * ROWS values also form the band keys
SEED = 20250504
WORD = re.compile(r"\w+", re.UNICODE)

_rng = np.random.default_rng(SEED)
_MULT = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_ADD = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_SHIFT = np.uint64(32)

Signature = npt.NDArray[np.uint32]


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text (punctuation and layout ignored)."""
    return WORD.findall(text.casefold())


def features(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams (the whole text when shorter) plus SALIENT_WEIGHT copies of each name and figure."""
    tokens = words(text)
    grams = {" ".join(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1))} if tokens else set()
    salient = {token for token in WORD.findall(text) if token[0].isupper() or token[0].isdigit()}
    return grams | {f"{token}#{copy}" for token in salient for copy in range(SALIENT_WEIGHT)}


def shingles(text: str, size: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """The distinct 64-bit hashes of the text's features."""
    grams = features(text, size)
    hashed = [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams]
    return np.array(sorted(hashed), dtype=np.uint64)


def signature(hashes: npt.NDArray[np.uint64]) -> Signature:
    """MinHash signature: per permutation (multiply-shift hashing) the minimum over the shingles."""
    if hashes.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = (hashes[:, None] * _MULT[None, :] + _ADD[None, :]) >> _SHIFT
    return mixed.min(axis=0).astype(np.uint32)


def text_signature(text: str) -> Signature:
    """Signature of a text."""
    return signature(shingles(text))


def band_keys(sig: Signature) -> list[bytes]:
    """One 8-byte key per band: the band index and its rows hashed, so equal bands meet under one key."""
    return [hashlib.blake2b(bytes([band]) + sig[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8).digest()
            for band in range(BANDS)]


def digest(sig: Signature) -> bytes:
    """The lowest bit of every MinHash value, packed (b-bit MinHash, b = 1): DIGEST_BITS / 8 bytes."""
    return np.packbits((sig & 1).astype(np.uint8)).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Jaccard estimate from two digests: bits agree with probability (1 + J) / 2, so J ≈ 2·agree − 1."""
    diff = np.unpackbits(np.frombuffer(a, dtype=np.uint8) ^ np.frombuffer(b, dtype=np.uint8))
    agree = 1.0 - float(diff.sum()) / DIGEST_BITS
    return max(0.0, min(1.0, 2.0 * agree - 1.0))


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' feature sets (for tests and the evaluation)."""
    sa, sb = features(a), features(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0
