"""Page metadata: titles, site names, canonical link, date strings, captions, visible lines."""

from __future__ import annotations

import pytest

from services.normalizer.page import PageInfo, parse_html, read_page, split_site_name
from tests.unit.normalizer.factories import fixture


def read(name: str) -> PageInfo:
    """read_page on a fixture page."""
    tree = parse_html(fixture(name))
    assert tree is not None
    return read_page(tree)


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        pytest.param("Tram line extension approved | Northern Ledger", "Tram line extension approved",
                     "Northern Ledger", id="site-suffix"),
        pytest.param("Coastal Dispatch – Ferry crews strike over rota changes", "Ferry crews strike over rota changes",
                     "Coastal Dispatch", id="site-prefix"),
        pytest.param("Quay reopens | Northern Ledger", "Quay reopens", "Northern Ledger", id="short-suffix"),
        pytest.param("Levant Wire | New bridge over the Sirran river opens", "New bridge over the Sirran river opens",
                     "Levant Wire", id="long-suffix-means-prefix-site"),
        pytest.param("Low-lying Quayside evacuated", "Low-lying Quayside evacuated", "", id="no-separator"),
    ],
)
def test_split_site_name(title: str, headline: str, site: str) -> None:
    assert split_site_name(title) == (headline, site)


def test_split_site_name_with_a_known_site() -> None:
    title = "Northern Ledger | Harrowgate council approves flood budget, tram line and a new library for Quayside"
    assert split_site_name(title, ["Northern Ledger"])[1] == "Northern Ledger"
    assert split_site_name("Ledger Daily | Quay | Northern Ledger", ["Northern Ledger"]) == (
        "Ledger Daily | Quay", "Northern Ledger")


def test_titles_site_names_and_canonical() -> None:
    info = read("page_slogan_dateline_readlinks.html")
    assert info.titles == ["Flood barrier holds as River Vell crests at record level"]
    assert info.site_names == ["Northern Ledger"]
    assert info.canonical == "https://www.northernledger.example/news/2021/flood-barrier-holds?utm_source=rss"
    assert "Independent reporting since 1887" in info.visible_lines()


@pytest.mark.parametrize(
    ("name", "meta_dates"),
    [
        pytest.param("page_meta_published_time.html", ["2021-06-01T18:30:00+02:00"], id="article-published-time"),
        pytest.param("page_jsonld_date.html", ["2021-04-10"], id="json-ld-graph"),
        pytest.param("page_time_element.html", ["2021-05-02T07:05:00Z"], id="time-datetime"),
        pytest.param("page_weekday_numeric_date.html", [], id="none"),
    ],
)
def test_meta_dates(name: str, meta_dates: list[str]) -> None:
    assert read(name).meta_dates == meta_dates


def test_figcaptions_and_invisible_text() -> None:
    tree = parse_html("<html><body><figure><img src=a.jpg><figcaption>The gates at dusk</figcaption></figure>"
                      "<script>var hidden = 1;</script><p>Visible</p></body></html>")
    assert tree is not None
    info = read_page(tree)
    assert info.captions == ["The gates at dusk"]
    assert list(info.visible_lines()) == ["The gates at dusk", "Visible"]


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
    ],
)
def test_unparseable_pages(markup: str) -> None:
    assert parse_html(markup) is None


def test_xml_declaration_in_a_str_page() -> None:
    tree = parse_html('<?xml version="1.0" encoding="utf-8"?><html><body><h1>Quay</h1></body></html>')
    assert tree is not None
    assert read_page(tree).titles == ["Quay"]
