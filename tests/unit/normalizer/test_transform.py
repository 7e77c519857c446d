"""normalise() end to end on fixture pages and feed items."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.records import Article
from services.normalizer.text import clean_text
from services.normalizer.transform import NormalisationError, normalise
from tests.unit.normalizer.factories import FETCHED_AT, SITE, fixture, make_raw

UTC = dt.UTC


def page_article(name: str, **fields: object) -> Article:
    """normalise() of a fixture page served at SITE/a/<name>."""
    url = f"{SITE}/a/{name.removesuffix('.html')}"
    return normalise(make_raw(url=url, final_url=url, html=fixture(name), **fields))


def test_a_page_time_keeps_the_offset_the_page_gives() -> None:
    article = page_article("page_meta_published_time.html")  # 2021-06-01T18:30:00+02:00
    assert article.published_at is not None and article.published_at.utcoffset() == dt.timedelta(hours=2)
    assert article.model_dump_json().count('"published_at":"2021-06-01T18:30:00+02:00"') == 1


@pytest.mark.parametrize(
    ("name", "published", "precision", "source", "language"),
    [
        pytest.param("page_slogan_dateline_readlinks.html", dt.datetime(2021, 3, 3, 9, 15, tzinfo=UTC), "minute",
                     "page-text", "en", id="en-dateline-with-time"),
        pytest.param("page_reading_time_teaser_glued_share.html", dt.datetime(2021, 3, 12, tzinfo=UTC), "day",
                     "page-text", "en", id="en-day-month-year"),
        pytest.param("page_arabic_byline_related.html", dt.datetime(2021, 3, 20, 15, 15, 20, tzinfo=UTC), "minute",
                     "page-text", "en", id="arabic-byline-over-english-body"),
        pytest.param("page_weekday_numeric_date.html", dt.datetime(2021, 9, 7, tzinfo=UTC), "day", "page-text", "en",
                     id="weekday-numeric-day-first"),
        pytest.param("page_meta_published_time.html", dt.datetime(2021, 6, 1, 16, 30, tzinfo=UTC), "minute",
                     "page-meta", "en", id="meta-published-time-zone-to-utc"),
        pytest.param("page_jsonld_date.html", dt.datetime(2021, 4, 10, tzinfo=UTC), "day", "page-meta", "en",
                     id="json-ld-date"),
        pytest.param("page_time_element.html", dt.datetime(2021, 5, 2, 7, 5, tzinfo=UTC), "minute", "page-meta", "en",
                     id="time-element"),
        pytest.param("page_french_date.html", dt.datetime(2021, 2, 14, 10, 30, tzinfo=UTC), "minute", "page-text",
                     "fr", id="fr-publie-le"),
    ],
)
def test_dates_and_language_of_pages(name: str, published: dt.datetime, precision: str, source: str,
                                     language: str) -> None:
    article = page_article(name)
    assert (article.published_at, article.published_precision, article.published_source) == (
        published, precision, source)
    assert article.language == language


@pytest.mark.parametrize(
    ("name", "gone"),
    [
        pytest.param("page_slogan_dateline_readlinks.html",
                     ["Independent reporting since 1887", "Flood barrier holds as River Vell crests at record level",
                      "March 3, 2021 at 9:15 am", "By Maren Holt", "Read: Harrowgate council", "Read more:",
                      "Share this article", "[Northern Ledger/Archive]", "All rights reserved", "Home"],
                     id="slogan-headline-dateline-byline-readlinks-share"),
        pytest.param("page_reading_time_teaser_glued_share.html",
                     ["4 min read", "job […]", "12 March 2021", "Image from Harbour Cam", "Photo: Coastal Dispatch",
                      "Share this article", "Ferry timetable returns to normal"],
                     id="reading-time-teaser-caption-credit-glued-share"),
        pytest.param("page_arabic_byline_related.html",
                     ["تحرير", "تم النشر", "الأخبار المتعلقة", "الخبر السابق", "الخبر التالي", "ارتفاع أسعار القمح",
                      "افتتاح مدرسة"], id="arabic-byline-and-related-news"),
        pytest.param("page_french_date.html", ["Publié le", "À lire aussi", "Partager cet article"],
                     id="fr-dateline-cross-link-share"),
    ],
)
def test_boilerplate_gone_and_paragraphs_kept(name: str, gone: list[str]) -> None:
    article = page_article(name)
    for fragment in gone:
        assert fragment not in article.text
    assert "\n\n" in article.text
    assert all(paragraph.endswith((".", "”", "Wire")) for paragraph in article.text.split("\n\n"))


def test_every_real_paragraph_survives() -> None:
    article = page_article("page_slogan_dateline_readlinks.html")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The flood barrier protecting the fictional town of Harrowgate")
    assert paragraphs[-1] == ("The barrier, completed in 2016 at a cost of 38 million crowns, has been closed 11 times"
                              " since it opened.")


@pytest.mark.parametrize(
    ("name", "captions"),
    [
        pytest.param("page_slogan_dateline_readlinks.html",
                     ["Sandbags line the quay in Harrowgate on Tuesday [Northern Ledger/Archive]"],
                     id="bracket-credit"),
        pytest.param("page_reading_time_teaser_glued_share.html",
                     ["Queues form at the Port Elswick terminal on Thursday."
                      " Image from Harbour Cam via “Port Authority.”"],
                     id="image-from"),
    ],
)
def test_captions(name: str, captions: list[str]) -> None:
    assert page_article(name).captions == captions


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        pytest.param("page_slogan_dateline_readlinks.html", f"{SITE}/news/2021/flood-barrier-holds",
                     id="same-site-canonical-without-tracking"),
        pytest.param("page_reading_time_teaser_glued_share.html", f"{SITE}/a/page_reading_time_teaser_glued_share",
                     id="other-site-canonical-ignored"),
        pytest.param("page_meta_published_time.html", f"{SITE}/transport/tram-line-extension-approved",
                     id="relative-canonical-resolved"),
    ],
)
def test_canonical_url(name: str, canonical: str) -> None:
    assert page_article(name).canonical_url == canonical


def test_feed_date_wins_over_page() -> None:
    feed_date = dt.datetime(2021, 3, 3, 8, 0, tzinfo=UTC)
    article = page_article("page_slogan_dateline_readlinks.html", feed_published=feed_date)
    assert (article.published_at, article.published_precision, article.published_source) == (
        feed_date, "minute", "feed")


def test_feed_title_wins_and_ids_stay() -> None:
    raw = make_raw(title="Vell barrier holds &amp; town stays dry", html=fixture("page_jsonld_date.html"))
    article = normalise(raw)
    assert article.title == "Vell barrier holds & town stays dry"
    assert (article.article_id, article.url, article.source, article.feed_url, article.fetched_at) == (
        raw.article_id, raw.url, raw.source, raw.feed_url, FETCHED_AT)


@pytest.mark.parametrize(
    ("html", "title"),
    [
        pytest.param(fixture("page_time_element.html"), "Night trains return to the northern line", id="h1"),
        pytest.param('<html><head><meta property="og:title" content="Quay reopens"><title>Quay | Ledger</title></head>'
                     "<body><p>The quay reopened on Monday after the sea wall was repaired.</p></body></html>",
                     "Quay reopens", id="og-title"),
        pytest.param("<html><head><title>Quay reopens | Northern Ledger</title></head><body><p>The quay reopened on "
                     "Monday after repairs.</p></body></html>", "Quay reopens", id="title-without-site-name"),
    ],
)
def test_title_from_page_when_feed_has_none(html: str, title: str) -> None:
    assert normalise(make_raw(html=html)).title == title


def test_summary_is_the_text_when_page_could_not_be_fetched() -> None:
    summary = ("<p>Crews on the island ferry line walked off the job on Thursday morning, the operator said.</p>"
               "<p>The union said the strike would last 48 hours.</p>")
    raw = make_raw(title="Ferry crews strike", summary=summary, html=None, fetch_error="HTTP 503",
                   feed_published=dt.datetime(2021, 3, 12, 7, 0, tzinfo=UTC))
    article = normalise(raw)
    assert article.text == ("Crews on the island ferry line walked off the job on Thursday morning, the operator said."
                            "\n\nThe union said the strike would last 48 hours.")
    assert (article.published_source, article.language, article.canonical_url) == ("feed", "en", f"{SITE}/news/story")


def test_fetch_error_means_the_page_is_not_used() -> None:
    raw = make_raw(title="Ferry crews strike", summary="Crews walked off the job on Thursday morning.",
                   html="<html><body><p>Service unavailable, please try again in a few minutes.</p></body></html>",
                   fetch_error="HTTP 503")
    assert normalise(raw).text == "Crews walked off the job on Thursday morning."


def test_feed_content_preferred_to_summary_and_cleaned() -> None:
    raw = make_raw(title="Harrowgate crew wins the Vell Cup", summary="Harrowgate win.",
                   feed_content=fixture("feed_content_wordpress.html"))
    article = normalise(raw)
    assert article.text.startswith("The Harrowgate & District rowing club won")
    assert "appeared first on" not in article.text
    assert article.published_source == "fetched"
    assert article.published_at == dt.datetime(2021, 9, 20, tzinfo=UTC)


def test_feed_text_used_when_page_yields_less() -> None:
    paywall = ("<html><body><article><h1>Ferry crews strike</h1><p>Crews walked off the job on Thursday.</p>"
               "<p>Subscribe to read the full story.</p></article></body></html>")
    content = " ".join(["Crews on the island ferry line walked off the job on Thursday morning."] * 3)
    article = normalise(make_raw(title="Ferry crews strike", html=paywall, feed_content=f"<p>{content}</p>"))
    assert article.text == content


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("", id="empty"),
        pytest.param("\x00\x01\x02", id="binary-garbage"),
        pytest.param("<html><body></body></html>", id="no-text"),
    ],
)
def test_unusable_page_falls_back_to_summary(html: str) -> None:
    raw = make_raw(title="Quay reopens", summary="The quay reopened on Monday after repairs.", html=html)
    assert normalise(raw).text == "The quay reopened on Monday after repairs."


def test_title_only_article_is_kept() -> None:
    article = normalise(make_raw(title="Quay reopens after repairs", summary="Quay reopens after repairs"))
    assert (article.text, article.word_count, article.language) == ("", 0, "en")


def test_no_title_and_no_text_is_an_error() -> None:
    with pytest.raises(NormalisationError):
        normalise(make_raw(title=" ", summary="<p> </p>", html=None, fetch_error="timeout"))


def test_content_hash_and_word_count() -> None:
    article = page_article("page_weekday_numeric_date.html")
    assert article.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.word_count == len(article.text.split())


@pytest.mark.parametrize("name", ["page_slogan_dateline_readlinks.html", "page_arabic_byline_related.html",
                                  "page_reading_time_teaser_glued_share.html", "page_french_date.html"])
def test_normalised_text_is_stable_when_normalised_again(name: str) -> None:
    first = page_article(name)
    again = normalise(make_raw(title=first.title, summary=first.text))
    assert (again.text, again.content_hash) == (first.text, first.content_hash)


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=80), summary=st.text(max_size=400))
def test_any_feed_text_normalises_or_raises_normalisation_error(title: str, summary: str) -> None:
    try:
        article = normalise(make_raw(title=title, summary=summary))
    except NormalisationError:
        return
    assert clean_text(article.text) == article.text
    assert article.title or article.text


@pytest.mark.parametrize(
    ("title", "page_titles", "lines", "expected"),
    [
        pytest.param("April 27, 2009", [], ["Obama reverses Bush rule on species", "More text."],
                     "Obama reverses Bush rule on species", id="dateline-title-first-line"),
        pytest.param("Posted 11/27/2005 7:21 AM", ["Posted 11/27/2005 7:21 AM", "Quake hits Qeshm island"],
                     ["Body."], "Quake hits Qeshm island", id="dateline-title-page-heading"),
        pytest.param("Updated Saturday, December 05, 2009", [], ["December 5, 2009", "Fire kills 100 in Perm club"],
                     "Fire kills 100 in Perm club", id="skips-date-lines-in-the-text"),
        pytest.param("April 27, 2009", [], ["April 27, 2009"], "April 27, 2009", id="nothing-better-kept"),
        pytest.param("Quake of April 27 hits Aceh", [], ["Body."], "Quake of April 27 hits Aceh", id="headline-kept"),
    ],
)
def test_a_dateline_in_the_title_is_no_headline(title: str, page_titles: list[str], lines: list[str],
                                                 expected: str) -> None:
    from services.normalizer.transform import headline

    assert headline(title, page_titles, lines) == expected


def test_a_page_whose_title_is_its_dateline_gets_its_first_line_as_headline() -> None:
    html = ("<html><head><title>April 28, 2009</title></head><body><article><h1>April 28, 2009</h1>"
            "<p>Obama administration overturns rule that weakened Endangered Species Act</p>"
            "<p>The Interior Department on Tuesday restored consultations with federal scientists before "
            "projects that could harm endangered species go ahead, reversing a rule of the Bush years.</p>"
            "</article></body></html>")
    article = normalise(make_raw(title="April 28, 2009", html=html))
    assert article.title == "Obama administration overturns rule that weakened Endangered Species Act"
