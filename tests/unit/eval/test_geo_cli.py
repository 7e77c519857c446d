"""GeoWebNews scoring: the corpus read, distances, event places judged against the gold toponyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.records import Location
from services.eval.geo_cli import GoldArticle, Toponym, halves, judge_place, km, load, miss_cause
from services.extractor.gazetteer import Place

GWN = """<?xml version="1.0" ?><articles><article file="7"><title>Quay fire</title><link>https://x.example/7</link>
<text>A fire closed the quay in Harrowgate, Yorkshire.</text><toponyms>
<toponym><extractedName>Harrowgate</extractedName><type>Literal</type><start>28</start><end>38</end>
<geonamesID>1234</geonamesID><latitude>54.0</latitude><longitude>-1.5</longitude></toponym>
<toponym><extractedName>quay</extractedName><type>Non_Toponym</type><start>16</start><end>20</end>
<geonamesID/><latitude/><longitude/></toponym></toponyms></article></articles>"""


def test_load_reads_articles_and_toponyms(tmp_path: Path) -> None:
    path = tmp_path / "GWN.xml"
    path.write_text(GWN)
    [article] = load(path)
    assert (article.number, article.title) == ("7", "Quay fire")
    assert article.toponyms == (Toponym("Harrowgate", "Literal", 1234, (54.0, -1.5)),
                                Toponym("quay", "Non_Toponym", None, None))


def test_km_is_the_great_circle_distance() -> None:
    assert km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.19, abs=0.01)


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        pytest.param(Location(name="Harrowgate", lat=54.1, lon=-1.4), (True, False), id="near-a-gold-toponym"),
        pytest.param(Location(name="Quay", lat=10.0, lon=10.0, surface_forms=["quay"]), (False, False),
                     id="far-but-named-as-gold-toponym"),
        pytest.param(Location(name="Jan", lat=5.4, lon=10.0, surface_forms=["Jan"]), (False, True),
                     id="far-and-no-gold-toponym"),
    ],
)
def test_judge_place(location: Location, expected: tuple[bool, bool]) -> None:
    gold = GoldArticle("7", "", "", (Toponym("Harrowgate", "Literal", 1234, (54.0, -1.5)),
                                     Toponym("quay", "Non_Toponym", None, None)))
    assert judge_place(location, gold) == expected


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        pytest.param(None, "no reading", id="no-reading"),
        pytest.param(Place("Harrowgate", None, "GB", 54.1, -1.4, "place", 99), None, id="near"),
        pytest.param(Place("England", None, "GB", 52.0, -5.0, "admin1", 1234), "right id, other point",
                     id="right-id-far-point"),
        pytest.param(Place("Harrowgate", None, "US", 40.0, -80.0, "place", 5), "another place", id="namesake"),
    ],
)
def test_miss_cause(place: Place | None, expected: str | None) -> None:
    assert miss_cause(place, Toponym("Harrowgate", "Literal", 1234, (54.0, -1.5))) == expected


def test_halves_split_by_article_number() -> None:
    articles = [GoldArticle(str(n), "", "", ()) for n in (0, 1, 2, 7)]
    assert {k: [a.number for a in v] for k, v in halves(articles).items()} == {"even": ["0", "2"], "odd": ["1", "7"]}
