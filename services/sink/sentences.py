"""Evidence sentences put back into an event version before the sink stores and publishes it.

The clusterer keeps no sentences in its table: a version on news.event-updates
carries the sentence only for the mentions it added (``new_mention_ids``). The
sink stores every mention in ``event_mentions`` when the version that adds it
arrives (never overwriting a sentence with an empty string) and fills the
others a version lists from there, so every mention a record on news.events
and in ``events.record`` lists carries its sentence.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from schemas.records import Event, MentionRef
from services.sink.rows import mention_row

SENTENCES_SQL = """
SELECT mention_id::text, sentence FROM event_mentions WHERE mention_id = ANY($1::uuid[]) AND sentence <> ''
"""


def added_mentions(event: Event) -> list[MentionRef]:
    """The mentions this version added (``new_mention_ids``), as it lists them."""
    added = set(event.new_mention_ids)
    return [m for m in event.mentions if m.mention_id in added]


def new_mention_rows(event: Event) -> list[tuple[Any, ...]]:
    """``event_mentions`` rows for the mentions this version added (the only rows a version writes: earlier
    mentions were stored by the versions that added them)."""
    return [mention_row(event, m) for m in added_mentions(event)]


async def with_sentences(conn: asyncpg.Connection, events: list[Event]) -> list[Event]:
    """The events with every empty mention sentence filled from ``event_mentions``."""
    missing = [m.mention_id for e in events for m in e.mentions if not m.sentence]
    if not missing:
        return events
    found: dict[str, str] = {row["mention_id"]: row["sentence"] for row in await conn.fetch(SENTENCES_SQL, missing)}
    return [e.model_copy(update={"mentions": [m if m.sentence else m.model_copy(update={"sentence": found.get(
        m.mention_id, "")}) for m in e.mentions]}) for e in events]
