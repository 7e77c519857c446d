"""Per-stage counts of a stream worker: records in, out (by topic), failed attempts, processing time.

``observing(stage)`` wraps the processing of one record (``services/common/stream.py``); records out are counted
by a Faust sensor on every send made while a stage is processing, so no agent counts its own sends.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import faust

from services.ops.metrics import STAGE_ERRORS, STAGE_RECORDS_IN, STAGE_RECORDS_OUT, STAGE_SECONDS

current_stage: ContextVar[str | None] = ContextVar("newsflow_stage", default=None)


@contextlib.contextmanager
def observing(stage: str) -> Iterator[None]:
    """Count one record in, time its processing, and attribute the sends made meanwhile to ``stage``."""
    STAGE_RECORDS_IN.labels(stage=stage).inc()
    token = current_stage.set(stage)
    started = time.monotonic()
    try:
        yield
    finally:
        STAGE_SECONDS.labels(stage=stage).observe(time.monotonic() - started)
        current_stage.reset(token)


def failed_attempt(stage: str, error: BaseException) -> None:
    """One failed processing attempt, by exception type."""
    STAGE_ERRORS.labels(stage=stage, kind=type(error).__name__).inc()


class RecordsOutSensor(faust.Sensor):
    """Counts every record a stage sends (table changelogs are state, not output, and are left out)."""

    logger = logging.getLogger("faust.sensors.newsflow")  # with Faust's own lines (WARNING unless debugging)

    def on_send_initiated(self, producer: Any, topic: str, message: Any, keysize: int, valsize: int) -> Any:
        """Count the send against the stage processing now."""
        stage = current_stage.get()
        if stage is not None and not topic.endswith("-changelog"):
            STAGE_RECORDS_OUT.labels(stage=stage, topic=topic).inc()
        return super().on_send_initiated(producer, topic, message, keysize, valsize)
