"""Which stream stages exist, the topics each consumes, and the Faust app that runs a set of them."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import faust

from schemas.topics import ARTICLES, DEDUP_NEAR, MENTIONS, NORMALIZED, RAW
from services.common.settings import Settings
from services.common.stream import create_app

STAGE_INPUTS: dict[str, tuple[str, ...]] = {
    "normalizer": (RAW.name,),
    "dedup": (NORMALIZED.name, DEDUP_NEAR.name),
    "extractor": (ARTICLES.name,),
    "clusterer": (MENTIONS.name,),
}
ALL_STAGES = tuple(STAGE_INPUTS)


def app_id_for(stages: Sequence[str]) -> str:
    """Consumer group of a worker: one per stage, or one for a worker running every stage."""
    return "newsflow-pipeline" if tuple(stages) == ALL_STAGES else "newsflow-" + "-".join(stages)


def _registrar(stage: str) -> Callable[[faust.App, Settings], None]:
    if stage == "normalizer":
        from services.normalizer.agents import register
    elif stage == "dedup":
        from services.dedup.agents import register
    elif stage == "extractor":
        from services.extractor.agents import register
    elif stage == "clusterer":
        from services.clusterer.agents import register
    else:
        raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(ALL_STAGES)}")
    return register


def build_worker_app(stages: Sequence[str], settings: Settings, bootstrap_servers: str) -> faust.App:
    """A Faust app with the agents of ``stages`` registered."""
    app = create_app(app_id_for(stages), settings, bootstrap_servers)
    for stage in stages:
        _registrar(stage)(app, settings)
    preload(stages)
    return app


def preload(stages: Sequence[str]) -> None:
    """Load the extractor's models before the worker joins its group, so no record waits for them."""
    if "extractor" in stages:
        from services.extractor.extract import load_extractor

        load_extractor()


def consumed_topics(stages: Sequence[str]) -> list[str]:
    """Every topic the stages read."""
    return [topic for stage in stages for topic in STAGE_INPUTS[stage]]


def run_worker(stages: Sequence[str], settings: Settings, bootstrap_servers: str, supervised: bool = False) -> None:
    """Run a worker for ``stages`` until SIGTERM, quietly: no banner or tables (newsflow's own logging, Faust's
    lines at WARNING), and its ops endpoints served (``services/ops/worker_ops.py``)."""
    from services.ops.worker_ops import attach_ops

    app = build_worker_app(stages, settings, bootstrap_servers)
    attach_ops(app, settings, consumed_topics(stages), supervised)
    with open(os.devnull, "w") as nowhere:  # Faust's spinner writes terminal codes even when quiet
        worker = app.Worker(quiet=True, loglevel=settings.log_level, override_logging=False, redirect_stdouts=False,
                            stdout=nowhere)
        worker.execute_from_commandline()
