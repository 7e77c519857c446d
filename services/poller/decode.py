"""Content-Encoding decoding in bounded steps, so a compression bomb never inflates past the cap in memory."""

from __future__ import annotations

import importlib
import zlib
from typing import Any, Protocol

try:
    _brotli: Any = importlib.import_module("brotli")
except ImportError:  # brotli is optional: without it "br" is not advertised
    _brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if _brotli is not None else "gzip, deflate"


class DecodeError(Exception):
    """The body does not match its Content-Encoding."""


class Decoder(Protocol):
    """Turns raw body chunks into at most ``limit`` decoded bytes per call."""

    def decode(self, chunk: bytes, limit: int) -> bytes:
        """Decoded bytes for chunk; more than limit bytes only to signal the cap was passed."""
        ...


class IdentityDecoder:
    """No Content-Encoding (or one we did not ask for): bytes pass through."""

    def decode(self, chunk: bytes, limit: int) -> bytes:
        """The chunk itself."""
        return chunk


class ZlibDecoder:
    """gzip or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, encoding: str) -> None:
        self._raw_fallback = encoding == "deflate"
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if encoding == "gzip" else zlib.MAX_WBITS)

    def decode(self, chunk: bytes, limit: int) -> bytes:
        """At most limit + 1 decoded bytes; the rest of the input is never inflated."""
        try:
            out = self._obj.decompress(chunk, limit + 1)
        except zlib.error as exc:
            if not self._raw_fallback:
                raise DecodeError(str(exc)) from exc
            self._raw_fallback = False
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(chunk, limit)
        self._raw_fallback = False
        return out


class BrotliDecoder:
    """br, when the optional brotli package is installed.

    brotli's Decompressor has no output limit, so one network chunk may inflate
    fully before the cap is checked; the cap still bounds the body as a whole.
    """

    def __init__(self) -> None:
        self._obj = _brotli.Decompressor()

    def decode(self, chunk: bytes, limit: int) -> bytes:
        """Decoded bytes for chunk."""
        try:
            return bytes(self._obj.process(chunk))
        except _brotli.error as exc:
            raise DecodeError(str(exc)) from exc


def decoder_for(content_encoding: str | None) -> Decoder:
    """The decoder for a Content-Encoding header value (a single coding; unknown ones pass through)."""
    encoding = (content_encoding or "").strip().lower()
    if encoding in {"gzip", "x-gzip"}:
        return ZlibDecoder("gzip")
    if encoding == "deflate":
        return ZlibDecoder("deflate")
    if encoding == "br" and _brotli is not None:
        return BrotliDecoder()
    return IdentityDecoder()
