"""The soak harness's own scratch database."""

from services.bench.soak import database_name


def test_each_soak_run_has_a_database_of_its_own() -> None:
    # two soaks sharing one database reset and counted each other's articles (seen at stop 27)
    assert database_name(101) == "newsflow_soak_101"
    assert database_name(101) != database_name(102)
