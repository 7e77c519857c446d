"""What matching needs of an open event: its aggregates, and its evidence words as a Bloom filter.

The clustering table keeps no evidence sentences, so word overlap is measured against a 256-bit Bloom
filter (two bits per word of three letters or more) of every sentence the event was built from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from schemas.records import Actor, Event, EventType, Location

WORDS_BITS = 256
WORD = re.compile(r"\w{3,}")


@dataclass
class EventView:
    """What matching needs of an open event: its aggregates, and its evidence words as a Bloom filter."""

    event_type: EventType
    actors: list[Actor] = field(default_factory=list)
    location: Location | None = None
    event_date: dt.date | None = None
    date_precision: str | None = None
    date_source: str | None = None
    words: int = 0

    @classmethod
    def of(cls, event: Event, words: int = 0) -> EventView:
        """The view of a built event (``words`` from the state; from the event's sentences when 0)."""
        if not words:
            words = word_bits(" ".join(m.sentence for m in event.mentions))
        return cls(event_type=event.event_type, actors=event.actors, location=event.location,
                   event_date=event.event_date, date_precision=event.date_precision, date_source=event.date_source,
                   words=words)


def word_bit(word: str) -> int:
    """The word's two bits in the filter."""
    h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
    return (1 << h % WORDS_BITS) | (1 << (h >> 16) % WORDS_BITS)


def word_bits(text: str) -> int:
    """A 256-bit Bloom filter (two bits per word) of the words of three letters or more in ``text``."""
    bits = 0
    for word in set(WORD.findall(text.lower())):
        bits |= word_bit(word)
    return bits
