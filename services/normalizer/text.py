"""Text cleaning: entities, Unicode NFC, control characters, spaces and dashes, paragraph breaks.

Dash policy: every hyphen-like character (U+2010 hyphen, U+2011 non-breaking hyphen, U+2043,
U+2212 minus sign, small and full-width hyphen-minus) becomes ASCII "-"; every dash used as
punctuation or in ranges (U+2012 figure dash, U+2013 en dash, U+2014 em dash, U+2015 bar,
two- and three-em dashes, small em dash) becomes the en dash "–". So "-" always joins words or
signs numbers and "–" always separates, whichever character the site used.
"""

from __future__ import annotations

import html
import re
import unicodedata

PARAGRAPH_BREAK = "\n\n"
MAX_CLEAN_PASSES = 8

CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
SPACE_CHARS = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
LINE_BREAKS = re.compile("\r\n?|\u2028")
PARAGRAPH_SPLIT = re.compile("\n[ \t]*\n|\u2029")
INNER_SPACE = re.compile(r"\s+")
HYPHENS = re.compile("[\u2010\u2011\u2043\u2212\ufe63\uff0d]")
DASHES = re.compile("[\u2012\u2013\u2014\u2015\u2e3a\u2e3b\ufe58]")
ARABIC_DIGITS, ASCII_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،", "01234567890123456789,"
FOLD_TABLE: dict[int, str | None] = {
    **{code: None for code in range(0x10000) if unicodedata.combining(chr(code))},
    **{ord(char): ascii_char for char, ascii_char in zip(ARABIC_DIGITS, ASCII_DIGITS, strict=True)},
    ord("ـ"): None,
}


def decode_entities(text: str) -> str:
    """Decode HTML entities until none is left (double-encoded feeds need more than one pass)."""
    while "&" in text:
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _clean_once(text: str) -> str:
    """One pass of every cleaning step; `clean_text` repeats it until nothing changes."""
    text = CONTROL_CHARS.sub("", text)
    text = decode_entities(text)
    text = CONTROL_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = LINE_BREAKS.sub("\n", text)
    text = SPACE_CHARS.sub(" ", text)
    text = HYPHENS.sub("-", text)
    text = DASHES.sub("–", text)
    paragraphs = (INNER_SPACE.sub(" ", part).strip() for part in PARAGRAPH_SPLIT.split(text))
    return PARAGRAPH_BREAK.join(part for part in paragraphs if part)


def clean_text(text: str) -> str:
    """Clean a text, keeping paragraphs (blank-line separated) and collapsing spaces inside them."""
    for _ in range(MAX_CLEAN_PASSES):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def clean_line(text: str) -> str:
    """Clean one paragraph: like `clean_text`, with every line break turned into a space."""
    return INNER_SPACE.sub(" ", clean_text(text))


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a cleaned text."""
    return [part for part in text.split(PARAGRAPH_BREAK) if part]


def join_paragraphs(paragraphs: list[str]) -> str:
    """Join paragraphs with blank lines, the one separator of normalised text."""
    return PARAGRAPH_BREAK.join(paragraphs)


def fold(text: str) -> str:
    """Matching key: case-folded, accents and Arabic marks stripped, Arabic-Indic digits made ASCII."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFD", text.casefold()).translate(FOLD_TABLE)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())
