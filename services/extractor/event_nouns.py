"""Nouns that name a happening ("attack", "killing", "withdrawal") and the verb each nominalises."""

from __future__ import annotations

from services.extractor.data import read_rows
from services.extractor.labels import NSUBJ, NSUBJPASS, VBD, VBP, VBZ
from services.extractor.parse import Token

EVENT_NOUNS_FILE = "event_nouns.tsv"


def load_event_nouns(name: str = EVENT_NOUNS_FILE) -> dict[str, tuple[str, bool]]:
    """Noun lemma → (verb lemma the lexicon codes, whether "of X" is the doer), from the data file."""
    return {noun: (verb, of_is_doer == "yes") for noun, verb, of_is_doer in read_rows(name)}


EVENT_NOUNS = load_event_nouns()

FINITE_TAGS = frozenset({VBZ, VBP, VBD})


def misread_noun(token: Token) -> bool:
    """Whether a word tagged as a finite verb is a subject, which no finite verb can be: a plural noun the tagger
    misread ("said [talks between its leader and ...] had strengthened ties")."""
    return token.pos_ == "VERB" and token.tag_ in FINITE_TAGS and token.dep_ in (NSUBJ, NSUBJPASS)


def event_noun(token: Token) -> tuple[str, bool] | None:
    """The verb an event noun nominalises and whether its "of" phrase is the doer, or None."""
    if token.pos_ not in ("NOUN", "PROPN") and not misread_noun(token):
        return None
    return EVENT_NOUNS.get(token.lemma_.lower()) or EVENT_NOUNS.get(token.lower_)
