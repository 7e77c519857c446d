"""Word lists and code lists the rules read, each a data file loaded by name: data/words/<name>.txt (English words)
and data/codes/<name>.txt (CAMEO codes, PLOVER types, Phoenix sectors); one entry a line, '#' comments."""

from __future__ import annotations

from functools import cache

from services.extractor.data import read_lines

WORDS_DIR = "words"
CODES_DIR = "codes"


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """A word list in file order (where the order is part of the rule: preference, regex alternation)."""
    return tuple(read_lines(f"{WORDS_DIR}/{name}.txt"))


def words(name: str) -> frozenset[str]:
    """A word list as a set."""
    return frozenset(ordered_words(name))


@cache
def ordered_codes(name: str) -> tuple[str, ...]:
    """A code list in file order (a tuple of prefixes for ``str.startswith``, or an order of preference)."""
    return tuple(read_lines(f"{CODES_DIR}/{name}.txt"))


def codes(name: str) -> frozenset[str]:
    """A code list as a set."""
    return frozenset(ordered_codes(name))
