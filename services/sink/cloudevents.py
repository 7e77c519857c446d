"""CloudEvents (Kafka protocol binding, binary mode) headers for records on news.events."""

from __future__ import annotations

from schemas.records import Event

EVENT_TYPE = "org.newsflow.event.v{}"  # the record's schema version
SOURCE = "/newsflow/sink"


def event_headers(event: Event) -> list[tuple[str, bytes]]:
    """ce_* headers so consumers can route without parsing the body.

    ``ce_id`` is ``event_id:version``, with ``.N`` appended when the record
    counts N copies (``num_copies``): a republish with more copies is a distinct CloudEvent.
    """
    headers = {
        "ce_specversion": "1.0",
        "ce_type": EVENT_TYPE.format(event.schema_version),
        "ce_source": SOURCE,
        "ce_id": f"{event.event_id}:{event.version}" + (f".{event.num_copies}" if event.num_copies else ""),
        "ce_time": event.updated_at.isoformat(),
        "ce_subject": event.event_id,
        "ce_dataschema": f"newsflow:schemas/Event.v{event.schema_version}.json",
        "content-type": "application/json",
        "newsflow_schema_version": str(event.schema_version),
        "newsflow_event_version": str(event.version),
        "newsflow_copies": str(event.num_copies),
        "newsflow_plover_type": event.event_type.plover,
    }
    return [(name, value.encode()) for name, value in headers.items()]
