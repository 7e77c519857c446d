"""The vocabulary and patterns counts are read with, as named constants (one place to read and change them): number
words, vague amounts, counted-noun categories and outcome words from data/count_words.tsv, and the compiled count,
toll and figure patterns built from them."""

from __future__ import annotations

import re

from services.extractor.data import read_rows

COUNT_WORDS_FILE = "count_words.tsv"


def count_table(table: str, name: str = COUNT_WORDS_FILE) -> list[tuple[str, str]]:
    """(key, value) rows of one table of the count words file, in file order."""
    return [(key, value) for kind, key, value in read_rows(name) if kind == table]


def grouped(table: str) -> dict[str, tuple[str, ...]]:
    """A table's values grouped by key, keys and values in file order."""
    found: dict[str, list[str]] = {}
    for key, value in count_table(table):
        found.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in found.items()}


def vague_range(value: str) -> tuple[int, int]:
    """A "low-high" range."""
    low, high = value.split("-")
    return int(low), int(high)


UNITS = {word: int(value) for word, value in count_table("unit")}
SCALES = {word: int(value) for word, value in count_table("scale")}
VAGUE = {words: vague_range(value) for words, value in count_table("vague")}
CATEGORIES = grouped("category")
OUTCOMES = grouped("outcome")
OUTCOME_ADJECTIVES = dict(count_table("outcome_adjective"))
OUTCOME_VERB_FORMS = dict(count_table("outcome_verb"))
OUTCOME_BEFORE = re.compile(r"\b(killing|killed|wounding|injuring)\s+$", re.IGNORECASE)
NOUN_STEMS = sorted(
    {w for words in CATEGORIES.values() for w in words} | {"dead", "death", "bodies", "fatalities"},
    key=len,
    reverse=True,
)
NOUN = r"(?i:(?:" + "|".join(re.escape(w) for w in NOUN_STEMS) + r")[a-z]*)"
NUMBER_WORD = "|".join(sorted((re.escape(w) for w in [*UNITS, *SCALES]), key=len, reverse=True))
FIGURE = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s(?:million|thousand))?"
    rf"|(?:{NUMBER_WORD})(?:[\s\-](?:{NUMBER_WORD}))*)"
)
HEDGE = (
    r"(?:some|about|around|approximately|roughly|nearly|almost|at\s+least|more\s+than|over|up\s+to"
    r"|as\s+many\s+as|an\s+estimated|estimated)"
)
COUNT_TEMPLATE = rf"""\b(?i:(?P<hedge>{HEDGE})\s+)?
    (?i:(?:between\s+)?(?P<low>{FIGURE})\s*(?:-|–|to|and)\s*(?P<high>{FIGURE})
        |(?P<vague>tens\s+of\s+thousands|dozens|scores|hundreds|thousands)|(?P<one>{FIGURE}))
    (?P<gap>(?:\s+of)?(?:\s+(?:the|their|its|(?:[a-z]{{1,3}}-)?[A-Z][\w'’\-]*|\([A-Z]+\)|\[[A-Z]\w*\]
        |[a-z][a-z\-]*)){{0,4}}?)
    \s+(?P<noun>{{noun}})\b"""
COUNT = re.compile(COUNT_TEMPLATE.replace("{noun}", NOUN), re.VERBOSE)
COUNT_ANY = re.compile(
    COUNT_TEMPLATE.replace("{noun}", f"(?:{NOUN}|[a-z]+s|[A-Z][a-z]+(?:ans|ese|is)|men|women|people)"), re.VERBOSE
)
OUTCOME_AFTER = re.compile(
    r"^\s+(?:were|have\s+been|had\s+been|has\s+been|was|are|been|had|have|has)?\s*"
    r"(?:(?:feared|reported|believed|confirmed|presumed|thought)\s+(?:to\s+be\s+|to\s+have\s+been\s+)?)?"
    r"(?P<verb>[a-z]+)",
    re.IGNORECASE,
)  # "12 soldiers are feared dead", "were reported killed"
FORCED_OUT = re.compile(
    r"^\s+(?:who\s+)?(?:were\s+|had\s+been\s+|have\s+been\s+)?(?:forced|driven|chased)\s+(?:from|out\s+of)\s+"
    r"(?:their|its|his|her)\s+homes?\b",
    re.IGNORECASE,
)
RISE = r"(?:has\s+|had\s+)?(?:rose|rises|risen|climbed|climbs|jumped|increased|reached|reaches|stood|stands)"
TOLL = re.compile(
    rf"\b(?i:death\s+)?toll\s+(?i:(?:{RISE}\s+)?(?:at|of|to)|{RISE})\s+(?i:{HEDGE}\s+)?(?P<one>{FIGURE})\b"
    rf"|\b(?i:number\s+of\s+(?:people\s+|those\s+)?(?:killed|dead)\b[^.;]{{0,80}}?\b{RISE}\s+(?:to\s+)?)"
    rf"(?i:{HEDGE}\s+)?(?P<two>{FIGURE})\b"
)  # "toll rose to 21", "the number of people killed in the crash rose to 21"
# one side's figure and the other's ("organisers put the turnout at 10,000", "far fewer than the 23 the army
# claimed"), a running total ("bringing the number held to 43"): figures of the principal count
FIGURE_OF = re.compile(
    rf"\b(?i:(?:a|the|an)\s+(?:(?:lower|higher|smaller|larger|different|revised|earlier|new|official|true|real"
    rf"|actual|final)\s+)?(?:figure|estimate|count|tally)\s+(?:of|at|is|was|(?:stands|stood)\s+at)"
    rf"|(?:put|estimated?|estimating|numbered)\s+the\s+(?:number|figure|total|turnout|crowd|attendance)\b[^.;]{{0,60}}?\s+at"
    rf"|(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|rais(?:es|ed|ing)|push(?:es|ed|ing))\s+the\s+(?:number|figure|total|tally|count)\b[^.;]{{0,40}}?\s+to"
    rf"|(?:fewer|more|less|lower|higher)\s+than\s+the)"
    rf"\s+(?i:{HEDGE}\s+)?(?P<one>{FIGURE})\b"
)
CLAIMED = re.compile(
    rf"\b(?i:claim(?:s|ed|ing)?|report(?:s|ed|ing)?|count(?:s|ed|ing)?|estimat(?:e|es|ed|ing))"
    rf"\s+(?i:{HEDGE}\s+)?(?P<one>{FIGURE})(?=\s*(?:[;:)]|[.,](?!\d)|$|(?:and|but|while)\b))"
)  # a side's bare figure closing its clause ("the union claiming 15,000."); "claimed 12 lives" names its noun
INCREMENT = re.compile(r"\s+(?:more|additional|further)\b", re.IGNORECASE)  # "three more bodies": not a total



