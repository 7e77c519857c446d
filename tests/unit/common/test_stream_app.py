from pathlib import Path

import pytest

from services.common.settings import KafkaSettings, Settings
from services.common.stream import create_app


@pytest.mark.parametrize("replicas", [0, 1])
def test_standby_replicas_follow_the_setting(tmp_path: Path, replicas: int) -> None:
    settings = Settings(data_dir=tmp_path, kafka=KafkaSettings(standby_replicas=replicas))
    app = create_app("newsflow-test-standby", settings, "127.0.0.1:9")
    assert app.conf.table_standby_replicas == replicas


def test_standby_replicas_are_off_by_default() -> None:
    assert KafkaSettings().standby_replicas == 0
