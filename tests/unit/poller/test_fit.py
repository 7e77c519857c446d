"""Fitting records to news.raw: caps, page reduction, cuts, flags, and the record that cannot fit."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from schemas.records import RawArticle
from services.common.codecs import encode
from services.common.settings import KafkaSettings
from services.poller.fit import MAX_DEPTH, RecordTooLargeError, drop_bulk, fit_record, flatten_deep

LIMIT = KafkaSettings().raw_record_bytes
TITLE_CHARS = 1000
STORY = "<article><h1>Harbour</h1><p>The harbour reopened on Tuesday after the storm.</p></article>"


def raw(**fields: object) -> RawArticle:
    """A small RawArticle with the given fields replaced."""
    base = RawArticle(article_id="0b9f5c1e-3a1d-5e53-9d4e-1f1e1d7a2b10", url="https://gazette.example.test/a",
                      feed_url="https://gazette.example.test/rss.xml", source="Gazette", title="Harbour",
                      html=f"<html><body>{STORY}</body></html>", fetched_at=dt.datetime(2025, 3, 14, tzinfo=dt.UTC))
    return base.model_copy(update=fields)


def page(head: str = "", body: str = STORY) -> str:
    """An HTML page."""
    return f"<html><head>{head}</head><body>{body}</body></html>"


BIG_SCRIPT = "<script>var state = '" + "s" * 900_000 + "';</script>"
BIG_STYLE = "<style>" + ".c{color:red}" * 80_000 + "</style>"
LD_JSON = '<script type="application/ld+json">{"datePublished": "2025-03-14"}</script>'
FILLER = "<p>" + "word " * 200 + "</p>"


@pytest.mark.parametrize(
    ("fields", "trimmed"),
    [
        ({}, []),
        ({"title": "t" * 10_000_000}, ["title"]),
        ({"html": page(BIG_SCRIPT + BIG_STYLE + LD_JSON)}, ["html-markup"]),
        ({"html": page(body=STORY + FILLER * 1500)}, ["html"]),
        ({"html": page(BIG_SCRIPT, STORY + FILLER * 1500)}, ["html-markup", "html"]),
        ({"html": None, "feed_content": "<p>" + "é" * 900_000 + "</p>"}, ["feed_content"]),
        ({"html": None, "summary": "\x01" * 300_000}, ["summary"]),
        ({"html": None, "guid": "g" * 2_000_000}, ["guid"]),
        ({"html": page(body="<div>" * 300 + STORY + "</div>" * 300)}, ["html-depth"]),
        ({"html": None, "final_url": "https://gazette.example.test/" + "r" * 900_000}, ["final_url"]),
        ({"final_url": "https://gazette.example.test/" + "r" * 20_000}, ["final_url"]),
    ],
    ids=["small-unchanged", "ten-mb-title", "scripts-and-styles", "long-page-cut", "reduced-then-cut",
         "multibyte-feed-content", "escaped-control-chars", "huge-guid", "deep-nesting", "huge-final-url",
         "final-url-over-url-limit"],
)
def test_records_fit_and_say_what_changed(fields: dict[str, object], trimmed: list[str]) -> None:
    fitted = fit_record(raw(**fields), LIMIT, TITLE_CHARS)
    assert fitted.trimmed == trimmed
    assert len(encode(fitted)) <= LIMIT
    assert len(fitted.title or "") <= TITLE_CHARS
    if fitted.html:
        assert "reopened on Tuesday" in fitted.html  # the story survives every reduction


def test_an_unchanged_record_is_the_same_object() -> None:
    record = raw()
    assert fit_record(record, LIMIT, TITLE_CHARS) is record


def test_json_ld_survives_the_markup_reduction() -> None:
    lean = drop_bulk(page(BIG_SCRIPT + LD_JSON + "<!-- " + "c" * 1000 + " -->" + BIG_STYLE))
    assert LD_JSON in lean
    assert "var state" not in lean and ".c{color" not in lean and "<!--" not in lean


@pytest.mark.parametrize(
    "markup",
    ["<script>never closed " + "x" * 100_000, "<style>" * 20_000, "<!--" * 20_000],
    ids=["unclosed-script", "many-unclosed-styles", "many-unclosed-comments"],
)
def test_hostile_markup_is_reduced_in_linear_time(markup: str) -> None:
    assert drop_bulk(page(body=markup))  # returns promptly (the test's timeout would catch quadratic time)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [({"url": "https://gazette.example.test/" + "a" * 20_000}, "its url is 20029 characters, over 16384"),
     ({"feed_url": "https://gazette.example.test/" + "f" * 800_000},
      "bytes with every text cut, over news.raw's limit of 774144")],
    ids=["link-over-url-limit", "feed-url-over-record-limit"],
)
def test_a_record_that_cannot_be_carried_is_refused_with_its_reason(fields: dict[str, object], reason: str) -> None:
    with pytest.raises(RecordTooLargeError, match=reason):
        fit_record(raw(**fields), LIMIT, TITLE_CHARS)


@pytest.mark.parametrize("divs", [10, MAX_DEPTH - 4, MAX_DEPTH - 3, 300, 100_000],
                         ids=["shallow", "at-limit", "one-over", "300", "100k"])
def test_deep_nesting_is_flattened_so_the_parser_keeps_the_text(divs: int) -> None:
    markup = page(body="<div>" * divs + STORY + "</div>" * divs)  # html, body, article, h1: four more levels
    flat = flatten_deep(markup)
    assert (flat == markup) == (divs + 4 <= MAX_DEPTH)
    tree = lxml.html.document_fromstring(flat)
    assert "reopened on Tuesday" in tree.text_content()


def test_a_page_of_100000_nested_divs_keeps_its_text_through_the_normaliser() -> None:
    from services.normalizer.transform import normalise

    story = ("<article><h1>Harbour reopens</h1><p>The harbour reopened on Tuesday after the storm closed it for "
             "three days.</p><p>Ferries to the islands sail again from Wednesday morning, the port authority "
             "said.</p><p>Fishing boats that sheltered upriver are expected back by the weekend.</p></article>")
    flat = normalise(raw(html=page(body=story)))
    nested = raw(html=page(body="<div>" * 100_000 + story + "</div>" * 100_000))
    assert normalise(nested).word_count == 0  # libxml2 gives up at depth 256: only the title would be left
    fitted = fit_record(nested, LIMIT, TITLE_CHARS)
    assert (fitted.trimmed, normalise(fitted).text, flat.word_count) == (["html-depth"], flat.text, 37)


def test_unmatched_end_tags_do_not_cost_quadratic_time() -> None:
    markup = "<div>" * 50_000 + "</span>" * 50_000
    assert flatten_deep(markup).count("<div>") == MAX_DEPTH
