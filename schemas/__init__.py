"""Records exchanged on newsflow's topics: the contract with downstream consumers."""

from schemas.records import (
    Actor,
    Article,
    DeadLetter,
    Duplicate,
    Event,
    EventMention,
    EventType,
    Location,
    MentionRef,
    Quantity,
    RawArticle,
)
from schemas.topics import TOPICS, Topic

__all__ = [
    "TOPICS",
    "Actor",
    "Article",
    "DeadLetter",
    "Duplicate",
    "Event",
    "EventMention",
    "EventType",
    "Location",
    "MentionRef",
    "Quantity",
    "RawArticle",
    "Topic",
]
