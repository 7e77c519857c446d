"""CloudEvents (Kafka protocol binding, binary mode) headers for records on news.events."""

from __future__ import annotations

from schemas.records import SCHEMA_VERSION, Event

EVENT_TYPE = "org.newsflow.event.v1"
SOURCE = "/newsflow/sink"


def event_headers(event: Event) -> list[tuple[str, bytes]]:
    """ce_* headers so consumers can route without parsing the body.

    ``ce_id`` is ``event_id:version``, with ``.N`` appended when the record
    carries N copies: a republish with more copies is a distinct CloudEvent.
    """
    headers = {
        "ce_specversion": "1.0",
        "ce_type": EVENT_TYPE,
        "ce_source": SOURCE,
        "ce_id": f"{event.event_id}:{event.version}" + (f".{len(event.copies)}" if event.copies else ""),
        "ce_time": event.updated_at.isoformat(),
        "ce_subject": event.event_id,
        "ce_dataschema": f"newsflow:schemas/Event.v{SCHEMA_VERSION}.json",
        "content-type": "application/json",
        "newsflow_schema_version": str(event.schema_version),
        "newsflow_event_version": str(event.version),
        "newsflow_copies": str(len(event.copies)),
        "newsflow_plover_type": event.event_type.plover,
    }
    return [(name, value.encode()) for name, value in headers.items()]
