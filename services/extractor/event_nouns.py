"""Nouns that name a happening ("attack", "killing", "withdrawal") and the verb each nominalises."""

from __future__ import annotations

from spacy.tokens import Token

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

def event_noun(token: Token) -> tuple[str, bool] | None:
    """The verb an event noun nominalises and whether its "of" phrase is the doer, or None."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return EVENT_NOUNS.get(token.lemma_.lower()) or EVENT_NOUNS.get(token.lower_)
