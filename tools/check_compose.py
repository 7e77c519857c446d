"""Static checks of docker-compose.yml (no Docker engine needed): structure, healthchecks, one image, settings.

    python tools/check_compose.py docker-compose.yml
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

STAGES = ("poller", "normalizer", "dedup", "extractor", "clusterer", "sink")
COMMANDS = {"poller": "poller", "normalizer": "worker", "dedup": "worker", "extractor": "worker",
            "clusterer": "worker", "sink": "sink", "init": "init"}


def problems(doc: dict[str, Any]) -> list[str]:
    """Every problem found in a parsed compose file."""
    out: list[str] = []
    services = doc.get("services") or {}
    for infra in ("kafka", "postgres"):
        if "healthcheck" not in services.get(infra, {}):
            out.append(f"{infra}: missing or without a healthcheck")
    kafka_env = services.get("kafka", {}).get("environment", {})
    if "controller" not in str(kafka_env.get("KAFKA_PROCESS_ROLES", "")):
        out.append("kafka: not in KRaft mode (KAFKA_PROCESS_ROLES must include controller)")
    builds = set()
    for name, command in COMMANDS.items():
        svc = services.get(name)
        if svc is None:
            out.append(f"{name}: service missing")
            continue
        builds.add(str(svc.get("build")))
        if not svc.get("command") or svc["command"][0] != command:
            out.append(f"{name}: command should start with {command!r}")
        env = svc.get("environment", {})
        for var in ("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL"):
            if var not in env:
                out.append(f"{name}: {var} not set")
        deps = svc.get("depends_on", {})
        for dep in ("kafka", "postgres"):
            if deps.get(dep, {}).get("condition") != "service_healthy":
                out.append(f"{name}: must wait for {dep} to be healthy")
    if len(builds) != 1:
        out.append(f"services must share one image build, found {sorted(builds)}")
    for stage in STAGES:
        if stage in services and services[stage].get("depends_on", {}).get("init", {}).get("condition") != \
                "service_completed_successfully":
            out.append(f"{stage}: must start after init (topics and migrations) completed")
    out.extend(message_limit_problems(services))
    out.extend(published_port_problems(services))
    out.extend(readiness_problems(services))
    for name, svc in services.items():
        for volume in svc.get("volumes", []):
            source = str(volume).split(":", 1)[0]
            if not source.startswith(".") and source not in (doc.get("volumes") or {}):
                out.append(f"{name}: volume {source!r} is not declared")
    return out


def message_limit_problems(services: dict[str, Any]) -> list[str]:
    """The broker must accept the largest record newsflow's services write (NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES)."""
    broker = services.get("kafka", {}).get("environment", {}).get("KAFKA_MESSAGE_MAX_BYTES")
    if broker is None:
        return ["kafka: KAFKA_MESSAGE_MAX_BYTES not set (must be at least NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES)"]
    out = []
    for name in COMMANDS:
        ours = services.get(name, {}).get("environment", {}).get("NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES")
        if ours is None:
            out.append(f"{name}: NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES not set (the broker's limit must agree with it)")
        elif int(ours) > int(broker):
            out.append(f"{name}: NEWSFLOW_KAFKA__MAX_MESSAGE_BYTES {ours} is over the broker's "
                       f"KAFKA_MESSAGE_MAX_BYTES {broker}: raise the broker's or lower ours")
    return out


def published_port_problems(services: dict[str, Any]) -> list[str]:
    """A port newsflow's services publish (the web view's) is bound to the host's loopback, never all interfaces."""
    out = []
    for name, svc in services.items():
        if svc.get("build") is None:
            continue
        for mapping in svc.get("ports", []):
            if not str(mapping).startswith(("127.0.0.1:", "[::1]:")):
                out.append(f"{name}: port {mapping!r} is published on every interface; write 127.0.0.1:{mapping}")
    return out


def readiness_problems(services: dict[str, Any]) -> list[str]:
    """Every long-running newsflow service has a healthcheck asking its /readyz on its NEWSFLOW_OPS_PORT."""
    out = []
    for name in STAGES:
        svc = services.get(name)
        if svc is None:
            continue
        port = str(svc.get("environment", {}).get("NEWSFLOW_OPS_PORT", "9180"))
        check = svc.get("healthcheck") or {}
        test = " ".join(map(str, check.get("test") or []))
        if check.get("disable") or f":{port}/readyz" not in test:
            out.append(f"{name}: healthcheck must ask /readyz on its ops port {port} (docs/operations.md)")
    return out


def main(path: str) -> int:
    """Check the file; exit non-zero with every problem listed."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    found = problems(doc)
    for problem in found:
        print(f"{path}: {problem}", file=sys.stderr)
    if not found:
        print(f"{path}: ok ({len(doc['services'])} services)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docker-compose.yml"))
