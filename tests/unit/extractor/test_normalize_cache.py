"""The memoised, ASCII-short-cut name keys equal the plain definitions."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from services.extractor.normalize import (
    APOSTROPHES,
    ARTICLES,
    NON_ALNUM,
    SHORT_ARTICLE,
    collapse,
    fold,
    key_of_folded,
    name_key,
)


def plain_fold(text: str) -> str:
    """fold as first written: every text through NFKD."""
    text = SHORT_ARTICLE.sub(" ", APOSTROPHES.sub("", text))
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return NON_ALNUM.sub(" ", ascii_text.lower()).strip()


def plain_name_key(text: str) -> str:
    """name_key as first written."""
    tokens = plain_fold(text).split()
    kept = [t for t in tokens if t not in ARTICLES] or tokens
    return re.sub(r"(.)\1+", r"\1", "".join(kept).replace("ou", "u"))


PIECES = [*"aeouAEOU lsdt-'’`ʿéïøßıłđ.,Ａﬁ²", "al-", "el-", "a-", "The "]
NAMES = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


@given(NAMES)
def test_fold_and_key_equal_the_plain_definitions(text: str) -> None:
    assert fold(text) == plain_fold(text)
    assert name_key(text) == plain_name_key(text)
    assert key_of_folded(fold(text).split()) == name_key(text)


@given(st.lists(st.sampled_from(["abu", "ubayda", "o", "u", "ss", "sa", "al", "the", "bou"]), max_size=6))
def test_collapse_of_joined_words_is_the_key(words: list[str]) -> None:
    kept = [w for w in words if w not in ARTICLES] or words
    assert key_of_folded(words) == collapse("".join(kept)) == plain_name_key(" ".join(words))
