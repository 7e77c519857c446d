"""Decoded clustering state kept between a key's mentions, so a large event's next version decodes one mention.

Per recently updated blocking key, a worker keeps the table value it last wrote, the ``BlockState`` that
value was dumped from, and the kept mentions already decoded for it (by packed id). The next mention of the
key reuses them only if the table still holds an equal value (a rebalance or a changelog recovery may have
replaced it); otherwise it loads the value as before. ``take`` removes the entry while the mention is
handled, so a handler that fails half-way leaves no half-updated state behind: its retry loads the table
value again. The cache is bounded by the decoded mentions it holds; the least recently used keys go first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from schemas.records import EventMention
from services.clusterer.state import BlockState

MAX_CACHED_MENTIONS = 50_000  # decoded kept mentions across keys (about 1 KB each)


@dataclass
class _Entry:
    value: bytes
    state: BlockState
    rebuilt: dict[str, EventMention]


class StateCache:
    """The last state written per blocking key, decoded; see the module docstring."""

    def __init__(self, max_mentions: int = MAX_CACHED_MENTIONS) -> None:
        self.max_mentions = max_mentions
        self.entries: OrderedDict[str, _Entry] = OrderedDict()
        self.mentions = 0
        self.hits = self.misses = 0

    def take(self, key: str, stored: bytes | None) -> tuple[BlockState, dict[str, EventMention]]:
        """The key's state and decoded mentions: the cached ones if ``stored`` is what was last written."""
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.mentions -= len(entry.rebuilt)
            if stored is not None and entry.value == stored:
                self.hits += 1
                return entry.state, entry.rebuilt
        self.misses += 1
        return (BlockState.load(stored) if stored else BlockState()), {}

    def put(self, key: str, value: bytes, state: BlockState, rebuilt: dict[str, EventMention]) -> None:
        """Keep ``state`` (just written as ``value``) and the decoded mentions of its open events."""
        live = {k.packed_id for o in state.events for k in o.mentions}
        kept = {packed: m for packed, m in rebuilt.items() if packed in live}
        self.entries[key] = _Entry(value, state, kept)
        self.mentions += len(kept)
        while self.mentions > self.max_mentions and len(self.entries) > 1:
            _, oldest = self.entries.popitem(last=False)
            self.mentions -= len(oldest.rebuilt)
