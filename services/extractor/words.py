"""Word lists the rules read: each a data file, data/words/<name>.txt (one entry a line, '#' comments), by name."""

from __future__ import annotations

from functools import cache

from services.extractor.data import read_lines

WORDS_DIR = "words"


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """A word list in file order (where the order is part of the rule: preference, regex alternation)."""
    return tuple(read_lines(f"{WORDS_DIR}/{name}.txt"))


def words(name: str) -> frozenset[str]:
    """A word list as a set."""
    return frozenset(ordered_words(name))
