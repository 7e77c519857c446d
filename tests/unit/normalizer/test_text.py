"""Text cleaning: entities, NFC, control characters, spaces, dashes, paragraphs; idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.normalizer.text import clean_line, clean_text, fold, split_paragraphs, word_count


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("Cafe\u0301 owners", "Café owners", id="nfc-composes-accent"),
        pytest.param("Harrowgate &amp; District", "Harrowgate & District", id="entity"),
        pytest.param("Harrowgate &amp;amp; District", "Harrowgate & District", id="double-encoded-entity"),
        pytest.param("the club&#8217;s first win", "the club’s first win", id="numeric-entity"),
        pytest.param("flood\x00 barrier\x07 holds\u200b", "flood barrier holds", id="control-and-zero-width"),
        pytest.param("soft\u00adhyphen", "softhyphen", id="soft-hyphen-removed"),
        pytest.param("38\u00a0million\u202fcrowns", "38 million crowns", id="non-breaking-spaces"),
        pytest.param("two   spaces\tand\ttabs", "two spaces and tabs", id="collapse-spaces"),
        pytest.param("line\nwrapped inside\r\na paragraph", "line wrapped inside a paragraph", id="single-breaks-join"),
        pytest.param("first\n\n\n\nsecond\r\n\r\nthird", "first\n\nsecond\n\nthird", id="paragraph-breaks-kept"),
        pytest.param("  \n\n padded \n\n  ", "padded", id="strip-empty-paragraphs"),
        pytest.param("Port Elswick \u2014 the capital", "Port Elswick – the capital", id="em-dash-to-en-dash"),
        pytest.param("1990\u20132021 and 1990\u20122021", "1990–2021 and 1990–2021", id="en-and-figure-dash"),
        pytest.param("low\u2010lying and \u22125 degrees", "low-lying and -5 degrees", id="hyphen-and-minus"),
        pytest.param("river\u2028bank\u2029next", "river bank\n\nnext", id="unicode-line-and-paragraph-separators"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_line_joins_paragraphs() -> None:
    assert clean_line("Flood\n\nbarrier &amp;&#10;&#10;dam") == "Flood barrier & dam"


def test_split_paragraphs_and_word_count() -> None:
    text = clean_text("One two three.\n\nFour five.")
    assert split_paragraphs(text) == ["One two three.", "Four five."]
    assert word_count(text) == 5


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        pytest.param("FÉVRIER", "fevrier", id="case-and-accent"),
        pytest.param("März", "marz", id="umlaut"),
        pytest.param("الأخبار", "الاخبار", id="arabic-hamza"),
        pytest.param("٢٠ مارس، ٢٠٢١", "20 مارس, 2021", id="arabic-indic-digits-and-comma"),
        pytest.param("صباحاً", "صباحا", id="arabic-tanween"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@given(st.text())
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


SOUP_TOKENS = ["&", "amp", ";", "&amp;", "&#", "x", "38", "10", "\n", "\t", " ", "\u00a0", "\u2014", "\u0301",
               "\u037e", "\x00", "e"]
ENTITY_SOUP = st.lists(st.sampled_from(SOUP_TOKENS)).map("".join)


@given(ENTITY_SOUP)
def test_clean_text_is_idempotent_on_entity_soup(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.text())
def test_clean_line_is_idempotent_and_single_line(text: str) -> None:
    once = clean_line(text)
    assert clean_line(once) == once
    assert "\n" not in once
