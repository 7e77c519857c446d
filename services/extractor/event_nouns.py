"""Nouns that name a happening ("attack", "killing", "withdrawal") and the verb each nominalises."""

from __future__ import annotations

from services.extractor.labels import NSUBJ, NSUBJPASS, VBD, VBP, VBZ
from services.extractor.parse import Token

# noun lemma → (verb lemma the lexicon codes, whether "of X" is the doer)
EVENT_NOUNS: dict[str, tuple[str, bool]] = {
    "attack": ("attack", False),
    "assault": ("assault", False),
    "killing": ("kill", False),
    "murder": ("murder", False),
    "massacre": ("massacre", False),
    "bombing": ("bomb", False),
    "shelling": ("shell", False),
    "ambush": ("ambush", False),
    "raid": ("raid", False),
    "abduction": ("abduct", False),
    "kidnapping": ("kidnap", False),
    "arrest": ("arrest", False),
    "detention": ("detain", False),
    "expulsion": ("expel", False),
    "withdrawal": ("withdraw", True),
    "pullout": ("withdraw", True),
    "retreat": ("retreat", True),
    "surrender": ("surrender", True),
    "protest": ("protest", True),
    "demonstration": ("demonstrate", True),
    "talks": ("meet", True),  # "talks between Sudan's army chief and Egypt's president in Cairo yesterday"
}

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
