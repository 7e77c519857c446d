import copy
from pathlib import Path

import pytest
import yaml

from tools.check_compose import problems

COMPOSE = yaml.safe_load((Path(__file__).resolve().parents[3] / "docker-compose.yml").read_text())


def test_the_shipped_compose_file_passes():
    assert problems(COMPOSE) == []


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(lambda d: d["services"]["kafka"].pop("healthcheck"), "kafka", id="no-kafka-healthcheck"),
        pytest.param(lambda d: d["services"].pop("extractor"), "extractor: service missing", id="missing-stage"),
        pytest.param(lambda d: d["services"]["sink"]["environment"].pop("DATABASE_URL"), "DATABASE_URL",
                     id="missing-setting"),
        pytest.param(lambda d: d["services"]["kafka"]["environment"].update(KAFKA_PROCESS_ROLES="broker"), "KRaft",
                     id="not-kraft"),
        pytest.param(lambda d: d["services"]["kafka"]["environment"].update(KAFKA_MESSAGE_MAX_BYTES="524288"),
                     "over the broker's KAFKA_MESSAGE_MAX_BYTES 524288", id="broker-limit-below-ours"),
        pytest.param(lambda d: d["services"]["kafka"]["environment"].pop("KAFKA_MESSAGE_MAX_BYTES"),
                     "KAFKA_MESSAGE_MAX_BYTES not set", id="broker-limit-missing"),
        pytest.param(lambda d: d["services"]["web"].update(ports=["8080:8080"]), "published on every interface",
                     id="web-port-on-every-interface"),
        pytest.param(lambda d: d["services"]["sink"].pop("healthcheck"), "sink: healthcheck must ask /readyz",
                     id="no-readiness-check"),
        pytest.param(lambda d: d["services"]["extractor"]["environment"].update(NEWSFLOW_OPS_PORT="9999"),
                     "extractor: healthcheck must ask /readyz on its ops port 9999", id="readiness-on-another-port"),
    ],
)
def test_broken_files_are_reported(mutate, message):
    doc = copy.deepcopy(COMPOSE)
    mutate(doc)
    assert any(message in p for p in problems(doc))
