"""Name keys shared by the actor lexicon and the gazetteer.

``name_key`` folds a name to a spelling-tolerant key: diacritics, case,
punctuation, Arabic article forms (al-, el-, ad-, ash- ...), doubled letters and
ou/u are normalised, so "Hay'at Tahrir al-Sham" and "Hayaat Tahrir Al-Shaam"
share a key. ``loose_key`` is a consonant skeleton for a second, riskier pass
("Idlib"/"Idleb"/"Edlib", "al-Khowein"/"al-Khoain"); callers only trust it with
other evidence (same country, long enough key).

All three are memoised (bounded LRU): an article repeats its words and names, and
the actor scan asks for the key of every candidate window.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from services.extractor.words import words

APOSTROPHES = re.compile(r"[\u02bb\u02bc\u02be\u02bf\u2018\u2019\u201b\u0060\u00b4'`ʿʾ]")
SHORT_ARTICLE = re.compile(r"(?<![\w])[ae]-(?=\w)", re.IGNORECASE)
NON_ALNUM = re.compile(r"[^a-z0-9]+")
DOUBLED = re.compile(r"(.)\1+")
VOWELS = re.compile(r"[aeiouyw]")
SUN_LETTER_ARTICLE = re.compile(r"^[ae]([dtsznrl])\1(?=[aeiou])")
ARTICLES = words("folded_articles")
CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Lower-case ASCII words: diacritics and apostrophes dropped, other punctuation to spaces."""
    text = SHORT_ARTICLE.sub(" ", APOSTROPHES.sub("", text))
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        text = text.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return NON_ALNUM.sub(" ", text.lower()).strip()


def name_tokens(text: str) -> list[str]:
    """Folded tokens with article forms dropped (kept when the name is nothing but an article)."""
    tokens = fold(text).split()
    kept = [tok for tok in tokens if tok not in ARTICLES]
    return kept or tokens


@lru_cache(maxsize=CACHE_SIZE)
def name_key(text: str) -> str:
    """Spelling-tolerant exact key: folded, articles dropped, ou→u, doubled letters collapsed, no spaces."""
    return key_of_folded(fold(text).split())


def key_of_folded(words: Sequence[str]) -> str:
    """``name_key`` of a name already folded into words (the actor scan joins its tokens' folds)."""
    kept = [word for word in words if word not in ARTICLES] or words
    return collapse("".join(kept))


def collapse(joined: str) -> str:
    """The last steps of a key: ou→u, then doubled letters collapsed."""
    return DOUBLED.sub(r"\1", joined.replace("ou", "u"))


@lru_cache(maxsize=CACHE_SIZE)
def loose_key(text: str) -> str:
    """Consonant skeleton of a name (vowels, w and y dropped; q→k, ph→f; sun-letter articles stripped)."""
    parts = []
    for token in name_tokens(text):
        if len(token) >= 5:
            token = SUN_LETTER_ARTICLE.sub(r"\1", token)
        parts.append(token)
    joined = "".join(parts).replace("ph", "f").replace("q", "k")
    if not joined:
        return ""
    skeleton = VOWELS.sub("", joined)
    return DOUBLED.sub(r"\1", skeleton)
