"""Building dead-letter records: the error, the stage and the original bytes and headers."""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Iterable

from schemas.records import DeadLetter
from services.ops.metrics import DEAD_LETTERS

log = logging.getLogger("newsflow.dlq")


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def dead_letter(stage: str, error: BaseException, *, value: bytes | None, key: bytes | None = None,
                topic: str | None = None, partition: int | None = None, offset: int | None = None,
                headers: Iterable[tuple[str, bytes]] = (), attempts: int = 1) -> DeadLetter:
    """A DeadLetter for a record that failed in ``stage``; logs and counts it with the message coordinates."""
    DEAD_LETTERS.labels(stage=stage, kind=type(error).__name__).inc()
    log.error("record sent to dead-letter topic: %s: %s", type(error).__name__, error,
              extra={"stage": stage, "topic": topic, "partition": partition, "offset": offset})
    return DeadLetter(
        stage=stage, error_type=type(error).__name__, error=str(error)[:4000], topic=topic,
        partition=partition, offset=offset, key_b64=_b64(key), value_b64=_b64(value or b"") or "",
        headers=[(name, _b64(val) or "") for name, val in headers], attempts=attempts,
        failed_at=dt.datetime.now(dt.UTC),
    )


def original_bytes(letter: DeadLetter) -> tuple[bytes | None, bytes, list[tuple[str, bytes]]]:
    """Key, value and headers of the original message, for replay."""
    key = base64.b64decode(letter.key_b64) if letter.key_b64 is not None else None
    headers = [(name, base64.b64decode(val)) for name, val in letter.headers]
    return key, base64.b64decode(letter.value_b64), headers
